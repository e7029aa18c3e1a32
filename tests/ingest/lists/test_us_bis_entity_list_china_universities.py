"""BIS Entity List reader: aliases, addresses and subordinate institutions parsed from the raw FR text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_us_common import all_names, by_name, read_fixture

from ingest.lists.sources import us_bis_entity_list_china_universities as reader

DEFENCE_SEVEN = {
    "Beijing University of Aeronautics and Astronautics": {"BUAA", "Beihang University"},
    "Beijing Institute of Technology": {"Beijing Institute of Technology, Shenzhen Research Institute"},
    "Harbin Institute of Technology": {"Harbin Institute of Technology, Shenzhen Research Institute"},
    "Harbin Engineering University": {"Harbin Engineering University, Yantai Research Institute"},
    "Northwestern Polytechnical University": {
        "Northwest Polytechnical University",
        "Northwestern Polytechnic University",
    },
    "Nanjing University of Aeronautics and Astronautics": {
        "Nanjing University of Aeronautics and Astronautics, Wuxi Research Institute"
    },
    "Nanjing University of Science and Technology": {
        "Nanjing University of Science and Technology, Taizhou Research Institute"
    },
}


def test_aliases_and_addresses_split(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    buaa = by_name(result, "Beijing University of Aeronautics and Astronautics")
    assert len(buaa.names) == 13  # BUAA + 11 aliases + the (unofficial) Chinese name
    assert len(buaa.addresses) == 11
    assert buaa.addresses[0] == "37 Xueyuan Road, Haidian District, Beijing, China"
    assert buaa.countries == ("CN",)
    assert [n.lang for n in buaa.names if n.lang] == ["zh"]
    # last alias with no full stop before the address
    institute = by_name(
        result, "China Aerospace Science and Technology Corporation (CASC) 1st Academy 12 Research Institute"
    )
    assert "12th Institute" in all_names(institute)
    assert institute.addresses[0] == "51 Yong Ding Road, Beijing"


def test_scraper_name_split_failure_is_reparsed(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    inst = by_name(
        result, "China Aerospace Science and Technology Corporation (CASC) 8th Academy 811 Research Institute"
    )
    assert {"811th Institute", "Shanghai Institute of Space Power Sources"} <= all_names(inst)
    academy = by_name(result, "China Aerospace Science and Technology Corporation (CASC) 8th Academy")
    assert [(r.kind, r.target_id) for r in inst.relations] == [("parent", academy.record_id)]


def test_subordinate_institutions_become_children(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    second = by_name(result, "China Aerospace Science and Industry Corporation Second Academy")
    children = [r for r in second.relations if r.kind == "child"]
    assert [c.target_name for c in children] == [
        "Second Design Department",
        "23rd Research Institute",
        "25th Research Institute",
    ]
    assert "BIRM" in (children[1].note or "")
    assert any("thirteen subordinate institutions; 3 parsed" in r for r in second.remarks)
    assert "CASIC Second Academy" in all_names(second)


def test_parents_read_from_names(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    amms = by_name(result, "Academy of Military Medical Sciences")
    radiation = by_name(
        result, "Academy of Military Medical Sciences, Institute of Radiation and Radiation Medicine"
    )
    assert [(r.kind, r.target_id) for r in radiation.relations] == [("parent", amms.record_id)]
    shenyang = by_name(result, "China Academy of Science—Shenyang Institute of Automation")
    assert [r.target_name for r in shenyang.relations] == ["Chinese Academy of Sciences"]


def test_defence_universities_with_all_aliases(fixtures_dir: Path) -> None:
    result = read_fixture(fixtures_dir, reader.DATASET)
    for name, aliases in DEFENCE_SEVEN.items():
        assert aliases <= all_names(by_name(result, name)), name


def test_record_without_text_is_quarantined(fixtures_dir: Path) -> None:
    malformed = read_fixture(fixtures_dir, reader.DATASET).malformed
    assert [(m.locator, m.reason) for m in malformed] == [
        ("data.json entries[14]", "record has no 'raw' entry text")
    ]


@pytest.mark.shared_data
def test_full_file_reconciles(shared_data: Path) -> None:
    paths = [shared_data / f for f in reader.DEFAULT_FILES]
    records = json.loads(paths[0].read_text(encoding="utf-8"))["entries"]
    assert len(records) == 60  # SOURCE.md
    result = reader.read(paths)
    assert result.read == len(records)
    assert not result.malformed
    assert sum(1 for e in result.entries for n in e.names if n.lang == "zh") == 60
    for name, aliases in DEFENCE_SEVEN.items():
        assert aliases <= all_names(by_name(result, name))
    assert not any("alias" in e.name for e in result.entries)
