"""Consolidated Screening List reader: component lists from the source code, both CSV formats."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from test_us_common import by_name, read_fixture

from ingest.lists.sources import us_csl_samples as reader


def test_rows_go_to_their_component_list(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    meu = by_name(result, "Academy of Aerospace Solid Propulsion Technology")
    assert meu.source == "us_csl_meu"
    assert ("AASPT", "acronym") in {(n.value, n.type) for n in meu.names}
    assert meu.appearances[0].citations == ("85 FR 83799",)
    assert meu.areas
    el = by_name(result, "China Electronics Technology Group Corporation 13th Research Institute")
    assert (el.source, el.countries) == ("us_csl_el", ("CN",))


def test_both_formats_one_entity_two_editions(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    plc = [e for e in result.entries if e.source == "us_csl_plc" and e.record_id == "9673"]
    assert len(plc) == 1
    assert [a.edition for a in plc[0].appearances] == ["csl-2019-12-03", "csl-2025-06-25"]
    assert plc[0].birth_dates == ("1955",)
    assert {"Mohammad Mutlaq ABU JHESHEH", "Mohammed ABU JEHEISHA"} <= {n.value for n in plc[0].names}


def test_vessels_and_identifiers(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    vessel = next(e for e in result.entries if e.kind == "other")
    assert vessel.entity_kinds == ("vessel",)
    assert any(i.startswith("IMO ") or "Vessel Registration" in i for i in vessel.identifiers)


def test_unknown_component_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert len(malformed) == 1
    assert "Made-Up List (XYZ)" in malformed[0].reason


@pytest.mark.shared_data
def test_full_samples_reconcile(shared_data: Path) -> None:
    paths = [shared_data / f for f in reader.DEFAULT_FILES]
    codes: Counter[str] = Counter()
    for p in paths:
        with p.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                codes[re.findall(r"\(([A-Z]+)\)", row["source"])[-1]] += 1
    assert sum(codes.values()) == 13 + 115  # SOURCE.md
    result = reader.read(paths)
    assert not result.malformed
    per_list = Counter(e.source for e in result.entries for _ in e.appearances)
    assert sum(per_list.values()) <= sum(codes.values())
    assert {s.removeprefix("us_csl_").upper() for s in per_list} == set(codes)
