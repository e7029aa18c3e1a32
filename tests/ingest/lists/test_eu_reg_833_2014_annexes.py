"""EU Regulation 833/2014 annex reader: Annex IV and the other annexes as lists of their own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import eu_reg_833_2014_annexes as reader
from rskg.errors import SourceError


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET / "32014R0833_extract.csv"


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


@pytest.fixture(scope="module")
def entries(path: Path) -> list[ListEntry]:
    return reader.read([path]).entries


def test_rows_reconcile_and_the_short_row_is_quarantined(path: Path) -> None:
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == _rows(path)
    (bad,) = result.malformed
    assert "wrong number of fields" in bad.reason
    assert bad.locator.endswith(f"line {_rows(path) + 1}")


def test_annex_iv_is_a_binding_list_of_its_own(entries: list[ListEntry]) -> None:
    meta = {m.key: m for m in reader.LISTS}
    iv = [e for e in entries if e.source == "eu_833_annex_iv"]
    assert iv
    assert meta["eu_833_annex_iv"].legal_effect == "binding_restriction"
    assert "military and industrial complex" in meta["eu_833_annex_iv"].title
    assert {e.source for e in entries} <= set(meta)


def test_dates_are_converted_never_invented(entries: list[ListEntry]) -> None:
    by_id = {(e.source, e.record_id): e for e in entries}
    assert by_id[("eu_833_annex_iv", "401")].appearances[0].listed_from == "2023-02-25"  # "25.2.2023"
    wordy = [e for e in entries if e.appearances[0].listed_from == "2025-08-09"]  # "9 August 2025"
    assert wordy
    undated = [e for e in entries if e.source == "eu_833_annex_iii"]
    assert undated
    assert all(e.appearances[0].listed_from is None for e in undated)


def test_names_countries_identifiers(entries: list[ListEntry]) -> None:
    by_id = {(e.source, e.record_id): e for e in entries}
    chinese = by_id[("eu_833_annex_iv", "603")]
    assert chinese.countries == ("CN",)  # "People’s Republic of China" at the end of the address
    assert any(n.lang == "zh" for n in chinese.names)
    smt = by_id[("eu_833_annex_iv", "401")]
    assert "inn:7804552300" in smt.identifiers  # "7804552300 (Tax ID/INN)"
    vessel = next(e for e in entries if e.source == "eu_833_annex_xlii")
    assert vessel.kind == "other"
    assert vessel.entity_kinds == ("vessel",)
    assert any(i.startswith("imo:") for i in vessel.identifiers)


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,country\nX,RU\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"other\.csv"):
        reader.read([other])


@pytest.mark.shared_data
def test_full_file_matches_source_counts(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == _rows(path) == 1746  # SOURCE.md
    iv = [e for e in result.entries if e.source == "eu_833_annex_iv"]
    assert len(iv) == 921
    countries = [c for e in iv for c in e.countries]
    assert countries.count("HK") >= 50
    assert countries.count("CN") >= 44
    assert len({(e.source, e.record_id) for e in result.entries}) == len(result.entries)
