"""UN SC consolidated list reader: XML extract and the full 2026-02-27 list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import un_sc_consolidated_list as reader
from rskg.errors import SourceError


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET / "UN_consolidated_extract.xml"


@pytest.fixture(scope="module")
def entries(path: Path) -> dict[str, ListEntry]:
    return {e.record_id: e for e in reader.read([path]).entries}


def _records(path: Path) -> int:
    return len(re.findall(r"<(?:INDIVIDUAL|ENTITY)>", path.read_text(encoding="utf-8")))


def test_every_record_is_read(path: Path, entries: dict[str, ListEntry]) -> None:
    assert len(entries) == _records(path)


def test_entity_names_aliases_and_listing_date(entries: dict[str, ListEntry]) -> None:
    komid = entries["KPe.001"]
    assert komid.kind == "organisation"
    assert komid.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert ("KOMID", "acronym") in {(n.value, n.type) for n in komid.names}  # alias '"KOMID"' unquoted
    assert komid.appearances[0].listed_from == "2009-04-24"
    assert komid.appearances[0].programmes == ("DPRK",)
    assert komid.countries == ("KP",)
    assert komid.cities == ("Pyongyang",)


def test_persons_keep_birth_dates_as_given(entries: dict[str, ListEntry]) -> None:
    badege = entries["CDi.001"]
    assert badege.kind == "person"
    assert badege.birth_dates == ("1971",)
    ranged = [e for e in entries.values() if any("between" in r for r in e.remarks)]
    assert ranged
    assert all(not e.birth_dates or all(len(d) >= 4 for d in e.birth_dates) for e in ranged)


def test_low_quality_aliases_stay_out_of_names(entries: dict[str, ListEntry]) -> None:
    low = [e for e in entries.values() if any(r.startswith("low-quality alias") for r in e.remarks)]
    assert low
    for e in low:
        vague = {r.split(": ", 1)[1] for r in e.remarks if r.startswith("low-quality alias")}
        assert not vague & {n.value for n in e.names}


def test_references_in_comments_become_relations(entries: dict[str, ListEntry]) -> None:
    targets = {r.target_id for e in entries.values() for r in e.relations if r.target_id}
    assert "CDe.001" in targets
    assert targets <= set(entries)


def test_truncated_xml_is_refused(tmp_path: Path, path: Path) -> None:
    cut = tmp_path / "cut.xml"
    data = path.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"cut\.xml"):
        reader.read([cut])


def test_other_xml_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><sdnList/>", encoding="utf-8")
    with pytest.raises(SourceError, match="not <CONSOLIDATED_LIST>"):
        reader.read([other])


@pytest.mark.shared_data
def test_full_list_matches_source_counts(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == _records(path)
    kinds = [e.kind for e in result.entries]
    assert (kinds.count("person"), kinds.count("organisation")) == (730, 273)  # SOURCE.md
    assert all(e.appearances[0].listed_from for e in result.entries)
