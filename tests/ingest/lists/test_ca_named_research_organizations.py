"""Canada Named Research Organizations reader (the official page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import ca_named_research_organizations as reader
from rskg.errors import SourceError

# The seven PRC defence universities ("Seven Sons of National Defence") and names they are known by
SEVEN = {
    "Beihang University": {"Beijing University of Aeronautics and Astronautics", "BUAA"},
    "Beijing Institute of Technology": {"BIT"},
    "Harbin Institute of Technology": {"HIT"},
    "Harbin Engineering University": {"HEU"},
    "Northwestern Polytechnical University": {"NWPU", "NPU"},
    "Nanjing University of Aeronautics and Astronautics": {"NUAA", "Nanhang University"},
    "Nanjing University of Science and Technology": {"NJUST"},
}


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET / "named-research-organizations_extract.html"


@pytest.fixture(scope="module")
def entries(path: Path) -> dict[str, ListEntry]:
    return {e.name: e for e in reader.read([path]).entries}


def test_items_reconcile_and_the_item_without_country_is_quarantined(path: Path) -> None:
    result = reader.read([path])
    items = path.read_text(encoding="utf-8").count("<li><strong>")
    assert len(result.entries) + len(result.malformed) == items
    (bad,) = result.malformed
    assert "country" in bad.reason
    assert "Organisation without a country" in bad.raw


def test_seven_defence_universities_with_their_aliases(entries: dict[str, ListEntry]) -> None:
    for name, aliases in SEVEN.items():
        entry = entries[name]
        assert aliases <= {n.value for n in entry.names}, name
        assert entry.countries == ("CN",)
    assert {n.value: n.type for n in entries["Beihang University"].names}["BUAA"] == "acronym"


def test_edition_and_policy(entries: dict[str, ListEntry]) -> None:
    (meta,) = reader.LISTS
    assert meta.legal_effect == "policy_exclusion"
    assert meta.jurisdiction == "CA"
    assert [e.date for e in meta.editions] == ["2024-04-18"]  # not the 2024-09-09 download date
    assert all(e.appearances[0].listed_from is None for e in entries.values())  # the page dates no entry


def test_aliases_that_are_units_become_relations(entries: dict[str, ListEntry]) -> None:
    caep = entries["Chinese Academy of Engineering Physics"]
    by_name = {r.target_name: r for r in caep.relations if r.target_name}
    assert by_name["The High Power Laser Laboratory"].kind == "child"
    assert by_name["China Jiuyuan Trading Corporation"].kind == "child"
    assert by_name["Southwest Institute of Fluid Physics"].kind == "related"
    hpstar = entries["Center for High Pressure Science and Technology Advanced Research"]
    assert any(r.kind == "child" and r.target_id == hpstar.record_id for r in caep.relations)  # "&" vs "and"
    assert "Southwest Institute of Fluid Physics" in {n.value for n in caep.names}  # still a listed alias
    iitp = next(e for n, e in entries.items() if n.startswith("A.A. Kharkevich"))
    assert [(r.kind, r.target_name) for r in iitp.relations] == [("parent", "Russian Academy of Sciences")]
    assert not entries["Beihang University"].relations


def test_a_page_without_the_list_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "page.html"
    other.write_text("<html><body><ul><li>Nothing here</li></ul></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match=r"page\.html"):
        reader.read([other])


@pytest.mark.shared_data
def test_full_page_matches_source_counts(shared_data: Path) -> None:
    result = reader.read([shared_data / reader.DEFAULT_FILES[0]])
    assert len(result.entries) == 103
    assert result.malformed == []
    countries = [e.countries for e in result.entries]
    assert (countries.count(("CN",)), countries.count(("IR",)), countries.count(("RU",))) == (85, 12, 6)
    assert sum(1 for e in result.entries if e.names) == 94  # SOURCE.md: 94 list aliases
    by_name = {e.name: e for e in result.entries}
    for name, aliases in SEVEN.items():
        assert aliases <= {n.value for n in by_name[name].names}
