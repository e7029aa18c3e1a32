"""PRC countermeasures reader (OpenSanctions curated CSV)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import cn_countersanctions as reader


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET / "cn_sanctions_extract.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def entries(path: Path) -> list[ListEntry]:
    return reader.read([path]).entries


def test_rows_reconcile_and_the_short_row_is_quarantined(path: Path) -> None:
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == len(_rows(path))
    (bad,) = result.malformed
    assert "wrong number of fields" in bad.reason


def test_dates_as_given_in_iso(entries: list[ListEntry], path: Path) -> None:
    for row, entry in zip(_rows(path), entries, strict=False):
        day, month, year = row["Date"].split(".")
        assert entry.appearances[0].listed_from == f"{year if len(year) == 4 else '20' + year}-{month}-{day}"
    ended = [e for e in entries if e.appearances[0].listed_until]
    assert ended
    assert all((e.appearances[0].listed_until or "") > (e.appearances[0].listed_from or "") for e in ended)


def test_names_and_unknown_countries(entries: list[ListEntry]) -> None:
    teal = next(e for e in entries if e.name.startswith("Teal Drones"))
    assert {"Teal Drones", "iDrone"} <= {n.value for n in teal.names}
    assert any(n.lang == "zh" for n in teal.names)  # the Chinese name column
    eu = [e for e in entries if any("EU" in r for r in e.remarks if "not recognised" in r)]
    assert eu
    assert all(e.countries == () for e in eu)
    assert {e.kind for e in entries} == {"organisation", "person"}
    assert reader.LISTS[0].legal_effect == "informational"


@pytest.mark.shared_data
def test_full_file_matches_source_counts(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    result = reader.read([path])
    assert len(result.entries) + len(result.malformed) == len(_rows(path)) == 610  # SOURCE.md
    kinds = [e.kind for e in result.entries]
    assert kinds.count("person") == 195
    assert kinds.count("organisation") == 378 + 37
    assert len({e.record_id for e in result.entries}) == len(result.entries)
