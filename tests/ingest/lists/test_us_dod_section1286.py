"""DoD Section 1286 reader: editions merged per institution, name drift, parent relations, quarantine."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_us_common import all_names, by_name, read_fixture

from ingest.lists.sources import us_dod_section1286 as reader

DEFENCE_SEVEN = {
    "Beihang University": {"Beijing University of Aeronautics and Astronautics", "BUAA"},
    "Beijing Institute of Technology": set(),
    "Harbin Institute of Technology": set(),
    "Harbin Engineering University": set(),
    "Northwestern Polytechnical University": {
        "Northwestern Polytechnic University",
        "Northwest Polytechnic University",
    },
    "Nanjing University of Aeronautics and Astronautics": set(),
    "Nanjing University of Science and Technology": set(),
}


def fixture_rows(fixtures_dir: Path) -> int:
    with (fixtures_dir / "lists" / reader.DEFAULT_FILES[0]).open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_one_entry_per_institution_with_one_appearance_per_edition(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    amms = by_name(result, "Academy of Military Medical Sciences")
    assert [a.edition for a in amms.appearances] == ["fy2022", "fy2023", "fy2024", "fy2025"]
    assert "Academy of Military Medical Sciences (AMMS)" in {a.name_as_listed for a in amms.appearances}
    assert {"AMMS"} <= {n.value for n in amms.names if n.type == "acronym"}
    rows = fixture_rows(fixtures_dir)
    assert rows == sum(len(e.appearances) for e in result.entries) + len(result.malformed)


def test_name_drift_is_followed_across_editions(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    nco = by_name(result, "Naval Non-Commissioned Officer School")
    assert [a.name_as_listed for a in nco.appearances] == ["Naval NCO School"] * 2 + [nco.name]
    beihang = by_name(result, "Beihang University")
    assert beihang.record_id == "beijing-university-of-aeronautics-and-astronautics"
    assert len(beihang.appearances) == 4
    # the truncated FY2024 name joins its institute through the FY2025 alias
    radiation = by_name(
        result, "Academy of Military Medical Sciences, Institute of Radiation and Radiation Medicine"
    )
    assert len(radiation.appearances) == 4
    # FY2024 lists both universities: the FY2025 alias must not fold them into one
    msu = by_name(result, "Moscow State University")
    lomonosov = by_name(result, "Lomonosov Moscow State University")
    assert [a.edition for a in msu.appearances] == ["fy2024", "fy2025"]
    assert lomonosov.appearances[0].listed_until == "2026-07-23"


def test_parent_relations(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    amms = by_name(result, "Academy of Military Medical Sciences")
    radiation = by_name(
        result, "Academy of Military Medical Sciences, Institute of Radiation and Radiation Medicine"
    )
    assert [(r.kind, r.target_id) for r in radiation.relations] == [("parent", amms.record_id)]
    assert not amms.relations
    cas = by_name(result, "Chinese Academy of Sciences – Shenyang Institute of Automation")
    assert [(r.kind, r.target_name) for r in cas.relations] == [("parent", "Chinese Academy of Sciences")]
    lab = by_name(result, "Defense S&T Key Laboratory of Radar Signal Processing at Xidian University")
    assert lab.relations[0].target_id == by_name(result, "Xidian University").record_id


def test_dates_countries_and_programmes(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    assert all(a.listed_from is None for e in result.entries for a in e.appearances)
    academy = by_name(result, "Naval Service Academy")
    assert academy.appearances[0].listed_until == "2026"  # a bare year stays a bare year
    assert by_name(result, "Beihang University").countries == ("CN",)  # given from FY2024 on only
    assert by_name(result, "Harbin Institute of Technology").countries == ()  # FY2022 row: no country
    talents = by_name(result, "Thousand Talents Plan")
    assert (talents.kind, talents.entity_kinds, talents.countries) == ("other", ("programme",), ())


def test_defence_universities_with_their_names(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    for name, aliases in DEFENCE_SEVEN.items():
        assert aliases <= all_names(by_name(result, name))


def test_bad_rows_are_quarantined_with_reasons(fixtures_dir: Path) -> None:
    reasons = {m.reason for m in read_fixture(fixtures_dir, reader.DATASET).malformed}
    assert "empty name" in reasons
    assert any(r.startswith("wrong number of fields") for r in reasons)
    assert any("2019" in r and "edition" in r for r in reasons)


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    path = shared_data / reader.DEFAULT_FILES[0]
    result = reader.read([path])
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 443  # SOURCE.md
    per_edition = {y: sum(r["report-date"] == y for r in rows) for y in ("2022", "2023", "2024", "2025")}
    assert per_edition == {"2022": 48, "2023": 105, "2024": 134, "2025": 156}
    assert not result.malformed
    assert sum(len(e.appearances) for e in result.entries) == len(rows)
    for year, count in per_edition.items():
        assert sum(a.edition == f"fy{year}" for e in result.entries for a in e.appearances) == count
    assert len({r["name"].strip() for r in rows}) > len(result.entries) >= 156
    for name in DEFENCE_SEVEN:
        assert len(by_name(result, name).appearances) == 4
