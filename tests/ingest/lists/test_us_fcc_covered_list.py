"""FCC Covered List reader: company names extracted from free text, categories kept, dates converted."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_us_common import by_name, read_fixture

from ingest.lists.sources import us_fcc_covered_list as reader


def test_companies_extracted_from_descriptions(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    huawei = by_name(result, "Huawei Technologies Company")
    assert huawei.kind == "organisation"
    assert huawei.appearances[0].listed_from == "2021-03-12"  # "March 12, 2021"
    assert huawei.remarks[0].startswith("Telecommunications equipment produced by Huawei")
    pacific = by_name(result, "Pacific Networks Corp")
    assert [(r.kind, r.target_name, r.share) for r in pacific.relations] == [
        ("owner_of", "ComNet (USA) LLC", 100.0)
    ]
    assert {"AO Kaspersky Lab", "Kaspersky Lab, Inc."} <= {e.name for e in result.entries}


def test_equipment_categories_and_updates(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    drones = by_name(
        result, "Uncrewed aircraft systems (UAS) and UAS critical components produced in a foreign country"
    )
    assert (drones.kind, drones.entity_kinds) == ("other", ("equipment_category",))
    assert drones.appearances[0].listed_from == "2025-12-22"
    assert "updated 2026-07-21" in drones.remarks
    assert by_name(result, "Foreign-produced power inverters").kind == "other"


def test_unreadable_date_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert len(malformed) == 1
    assert "Someday 2030" in malformed[0].reason


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    result = reader.read([path])
    assert len(rows) == 16 == result.read  # SOURCE.md
    assert not result.malformed
    assert sum(e.kind == "other" for e in result.entries) == 4
