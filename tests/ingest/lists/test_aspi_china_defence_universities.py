"""ASPI China Defence Universities Tracker reader (MISP galaxy cluster)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.lists.model import ListEntry, end_use
from ingest.lists.sources import aspi_china_defence_universities as reader
from rskg.errors import SourceError

SEVEN = {
    "Beihang University": {"北京航空航天大学", "BUAA", "Beijing University of Aeronautics and Astronautics"},
    "Beijing Institute of Technology": {"北京理工大学", "BIT"},
    "Harbin Institute of Technology": {"哈尔滨工业大学", "HIT"},
    "Harbin Engineering University": {"哈尔滨工程大学", "HEU"},
    "Northwestern Polytechnical University": {"西北工业大学", "NPU"},
    "Nanjing University of Aeronautics and Astronautics": {"南京航空航天大学", "NUAA"},
    "Nanjing University of Science and Technology": {"南京理工大学", "NJUST"},
}


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET / "china-defence-universities_extract.json"


@pytest.fixture(scope="module")
def entries(path: Path) -> dict[str, ListEntry]:
    return {e.name: e for e in reader.read([path]).entries}


def test_values_reconcile_and_the_empty_one_is_quarantined(path: Path) -> None:
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == len(json.loads(path.read_text("utf-8"))["values"])
    (bad,) = result.malformed
    assert bad.reason == "empty name"


def test_seven_sons_with_chinese_names_and_acronyms(entries: dict[str, ListEntry]) -> None:
    for name, expected in SEVEN.items():
        names = {n.value: n for n in entries[name].names}
        assert expected <= set(names), name
        assert all(names[v].lang == "zh" for v in expected if not v.isascii())
        assert entries[name].appearances[0].name_as_listed.startswith(name + " (")  # verbatim value kept


def test_harbin_engineering_topics_and_military_hint(entries: dict[str, ListEntry]) -> None:
    heu = entries["Harbin Engineering University"]
    topics = " | ".join(heu.topics).lower()
    for word in ("naval architecture", "underwater acoustic", "nuclear"):
        assert word in topics
    (hint,) = heu.areas
    assert hint.concept == end_use("military")
    assert "Seven sons of national defence" in hint.basis
    agencies = {r.target_name for r in heu.relations if r.kind == "supervised_by"}
    assert "PLA Navy" in agencies
    labs = [r for r in heu.relations if r.kind == "child"]
    assert any("水声技术" in (r.note or "") for r in labs)  # the lab's Chinese name kept in the note
    assert all(not any("\u4e00" <= c <= "\u9fff" for c in r.target_name or "") for r in labs)


def test_relations_point_at_tracker_entries(entries: dict[str, ListEntry]) -> None:
    ids = {e.record_id for e in entries.values()}
    linked = [r for e in entries.values() for r in e.relations if r.target_id]
    assert linked
    assert all(r.target_id in ids for r in linked)
    casic = entries["China Aerospace Science and Industry Corporation"]
    assert any(r.kind == "child" for r in casic.relations)


def test_named_only_agencies_and_labs_are_chinese_as_the_tracker_is(entries: dict[str, ListEntry]) -> None:
    # "Ministry of Transport", a supervising agency named bare, was linked to Austria's ministry
    named = [r for e in entries.values() for r in e.relations if r.target_name]
    assert named
    assert {r.target_country for r in named} == {"CN"}


def test_prose_lab_fragments_are_notes_not_labs(entries: dict[str, ListEntry]) -> None:
    targets = [r.target_name or "" for e in entries.values() for r in e.relations]
    prose = ("jointly established", "aka ", "may also", "may be another name")
    assert not any(t.lower().startswith(prose) for t in targets)


def test_a_cut_json_file_is_refused(tmp_path: Path, path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_text(path.read_text("utf-8")[:5000], encoding="utf-8")
    with pytest.raises(SourceError, match=r"cut\.json"):
        reader.read([cut])


@pytest.mark.shared_data
def test_full_file_matches_source_counts(shared_data: Path) -> None:
    result = reader.read([shared_data / reader.DEFAULT_FILES[0]])
    assert len(result.entries) == 159
    assert result.malformed == []
    by_name = {e.name: e for e in result.entries}
    for name, expected in SEVEN.items():
        assert expected <= {n.value for n in by_name[name].names}
    military = [e for e in result.entries if "Military" in e.appearances[0].programmes]
    assert len(military) == 52
    assert all(e.areas for e in military)
