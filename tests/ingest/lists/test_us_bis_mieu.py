"""BIS MIEU reader: agencies with acronyms, ISO countries, listing dates as given, end-use hints."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_us_common import by_name, read_fixture

from ingest.lists.model import end_use
from ingest.lists.sources import us_bis_mieu as reader


def test_agencies_with_acronyms_and_dates(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    gru = by_name(result, "Main Intelligence Directorate")
    assert [(n.value, n.type) for n in gru.names] == [("GRU", "acronym")]
    assert gru.countries == ("RU",)
    assert gru.appearances[0].listed_from == "2021-03-16"
    belarus = by_name(
        result, "Main Intelligence Directorate of the General Staff of the Armed Forces of Belarus"
    )
    assert belarus.appearances[0].listed_from == "2022-03-02"
    assert {a.concept for a in gru.areas} == {end_use("intelligence"), end_use("military")}


def test_empty_name_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert [(m.locator, m.reason) for m in malformed] == [("mieu.csv line 15", "empty name")]


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    result = reader.read([path])
    assert len(rows) == 13 == len(result.entries)  # SOURCE.md
    assert not result.malformed
    assert sorted(c for e in result.entries for c in e.countries) == sorted(r["Country"] for r in rows)
