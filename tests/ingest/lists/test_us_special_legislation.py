"""Special legislation reader: one list per statute file, free-text dates, persons, nationality countries."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_us_common import by_name, read_fixture

from ingest.lists.sources import us_special_legislation as reader


def test_one_list_per_file(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    sources = {e.source for e in result.entries}
    assert sources == {m.key for m in reader.LISTS}
    assert by_name(result, "Huawei Technologies Company").source == "us_ndaa_889"
    smic = by_name(result, "Semiconductor Manufacturing International Corporation")
    assert (smic.source, [n.value for n in smic.names]) == ("us_ndaa_5949", ["SMIC"])


def test_dates_converted_never_invented(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    catl = by_name(result, "Contemporary Amperex Technology Company, Limited")
    assert catl.appearances[0].listed_from == "2027-10-01"  # "October 1, 2027"
    corrupt = [e for e in result.entries if e.source == "us_state_353"]
    assert {e.appearances[0].listed_until for e in corrupt} == {"2023-12"}  # "December 2023": no day added
    assert by_name(result, "Huawei Technologies Company").appearances[0].listed_from is None


def test_persons_and_nationality_countries(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    huang = by_name(result, "Huang Chin Hsin")
    assert (huang.kind, huang.countries, [n.value for n in huang.names]) == (
        "person",
        ("TW",),
        ["Huang Jinxing"],
    )
    assert by_name(result, "Russian Ground Forces").countries == ("RU",)  # "Russian"
    assert by_name(result, "Rabi' Madkhanah").countries == ("SY",)  # "Syrian"
    inksna = by_name(result, "Futech Co. Ltd")
    assert inksna.appearances[0].edition == "2026-01-27"
    assert inksna.appearances[0].listed_until == "2028-01-22"


def test_unknown_edition_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert [(m.source, m.locator) for m in malformed] == [("us_state_353", "section_353.csv line 5")]
    assert "2019" in malformed[0].reason


@pytest.mark.shared_data
def test_full_files_reconcile(shared_data: Path) -> None:
    expected = {
        "section_889.csv": 5,
        "section_154.csv": 6,
        "section_5949.csv": 3,
        "inksna.csv": 28,
        "section_353.csv": 167,
    }  # SOURCE.md
    paths = [shared_data / f for f in reader.DEFAULT_FILES]
    for p in paths:
        with p.open(encoding="utf-8-sig", newline="") as f:
            assert sum(1 for _ in csv.DictReader(f)) == expected[p.name]
    result = reader.read(paths)
    assert not result.malformed
    assert result.read == sum(expected.values()) == 209
    assert not [r for e in result.entries for r in e.remarks if r.startswith("country as given")]
