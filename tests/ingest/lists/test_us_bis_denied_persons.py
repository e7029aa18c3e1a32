"""BIS Denied Persons List reader: rows per address merged per name, orders as appearances."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from test_us_common import by_name, read_fixture

from ingest.lists.sources import us_bis_denied_persons as reader


def test_rows_of_one_name_are_one_entry(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    ash = by_name(result, "I. ASH")  # leading space in the file
    assert ash.kind == "person"
    assert len(ash.addresses) == 3
    assert {(a.listed_from, a.listed_until) for a in ash.appearances} == {
        ("2003-06-19", "2056-06-29"),
        ("2002-03-04", "2056-06-29"),
    }
    assert "71 F.R. 38843 7/10/06" in ash.appearances[0].citations


def test_companies_and_unknown_countries(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    assert by_name(result, "AL NASER WINGS AIRLINES").kind == "organisation"
    smith = by_name(result, "STEPHEN EDWARD SMITH")
    assert smith.countries == ()
    assert "country as given (not recognised): NM" in smith.remarks


def test_bad_rows_are_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    reasons = [m.reason for m in malformed]
    assert reasons[0] == "wrong number of fields: 2, header has 12"
    assert "13/45/2020" in reasons[1]


def slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 581  # SOURCE.md
    result = reader.read([path])
    assert not result.malformed
    assert len(result.entries) == len({slug(r["Name"]) for r in rows})
    assert sum(len(e.addresses) for e in result.entries) <= len(rows)
