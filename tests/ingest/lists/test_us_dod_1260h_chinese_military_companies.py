"""DoD Section 1260H reader: releases as appearances, owned_by relations, military end-use hint."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from test_us_common import all_names, by_name, read_fixture

from ingest.lists.model import end_use
from ingest.lists.sources import us_dod_1260h_chinese_military_companies as reader


def test_releases_are_appearances_with_dates_as_given(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    avic = by_name(result, "Aviation Industry Corporation of China Ltd.")
    assert [a.edition for a in avic.appearances] == ["2021-06-03", "2025-01-07", "2026-06-08"]
    assert avic.appearances[0].name_as_listed == "Aviation Industry Corporation of China Ltd. (AVIC)*"
    assert ("AVIC", "acronym") in {(n.value, n.type) for n in avic.names}
    megvii = by_name(result, "Beijing Megvii Technology Co., Ltd.")
    assert (megvii.appearances[0].listed_from, megvii.appearances[0].listed_until) == (
        "2024-01-31",
        "2025-01-07",
    )


def test_parent_company_becomes_owned_by(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    avic = by_name(result, "Aviation Industry Corporation of China Ltd.")
    heavy = by_name(result, "AVIC Heavy Machinery Company Limited")
    # "Aviation Industry Corporation of China, Ltd." (2026 spelling) and "… Ltd." (2021) are the same parent
    assert [(r.kind, r.target_id) for r in heavy.relations] == [("owned_by", avic.record_id)]
    dji = by_name(result, "Shenzhen Dajiang Baiwang Technology Co., Ltd.")
    assert {r.target_name for r in dji.relations} == {
        "Shenzhen DJI Innovation Technology Co., Ltd.",
        "Shenzhen DJI Technology Co., Ltd.",
    }


def test_previous_names_and_military_hint(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    chengdu = by_name(result, "AVIC Chengdu Aircraft Co., Ltd.")
    assert {"Zhonghang Electronic Measuring Instruments Company Limited", "ZEMIC"} <= all_names(chengdu)
    assert all(e.areas and e.areas[0].concept == end_use("military") for e in result.entries)


def test_chinese_military_companies_are_placed_in_china(fixtures_dir: Path) -> None:
    # the list gives no address; its scope does, which keeps "Costar Group Co., Ltd." from the US CoStar Group
    result = read_fixture(fixtures_dir, reader.DATASET)
    assert {e.countries for e in result.entries} == {("CN",)}
    dji = by_name(result, "Shenzhen Dajiang Baiwang Technology Co., Ltd.")
    assert {r.target_country for r in dji.relations} == {"CN"}


def test_bad_date_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert [m.raw.split(",")[1] for m in malformed] == ['"Broken Date Co."']
    assert "31/12/2024" in malformed[0].reason


def variant(name: str) -> str:
    return " ".join(re.sub(r"\s*\([^()]*\)$|[.,]", "", name.replace("\u2019", "'")).casefold().split())


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 397  # SOURCE.md
    result = reader.read([path])
    assert not result.malformed
    assert sum(len(e.appearances) for e in result.entries) == len(rows)
    # spelling variants of one company (case, curly apostrophe, "Co Ltd."/"Co., Ltd.", "(Sugon)"): one entry
    assert len(result.entries) == len({variant(r["Clean Name"]) for r in rows}) == 224
    with_parent = [e for e in result.entries if any(r.kind == "owned_by" for r in e.relations)]
    assert len(with_parent) == len({variant(r["Clean Name"]) for r in rows if r["Parent Name"].strip()})
    assert sum(a.listed_until is not None for e in result.entries for a in e.appearances) == 21  # SOURCE.md
