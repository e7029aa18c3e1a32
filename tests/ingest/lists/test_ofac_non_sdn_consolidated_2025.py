"""OFAC non-SDN consolidated reader: NS-CMIC and the other programme lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import ofac_non_sdn_consolidated_2025 as reader

FILES = ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")


@pytest.fixture(scope="module")
def folder(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET


@pytest.fixture(scope="module")
def entries(folder: Path) -> dict[str, ListEntry]:
    return {e.record_id: e for e in reader.read([folder / f for f in FILES]).entries}


def test_rows_reconcile_and_the_empty_name_is_quarantined(folder: Path) -> None:
    result = reader.read([folder / f for f in FILES])
    rows = len((folder / "cons_prim.csv").read_bytes().rstrip(b"\x1a").splitlines())
    assert len(result.entries) + len(result.malformed) == rows
    (bad,) = result.malformed
    assert bad.reason == "empty name"
    assert bad.locator.startswith("cons_prim.csv line")


def test_cmic_entries_carry_listing_date_uscc_and_parent(entries: dict[str, ListEntry]) -> None:
    telecom = entries["30882"]
    assert telecom.source == "ofac_ns_cmic"
    assert telecom.appearances[0].listed_from == "2021-06-03"  # "Listing Date (CMIC) 03 Jun 2021"
    assert "uscc:9111000071093019X7" in telecom.identifiers
    assert "isin:US1694261033" in telecom.identifiers
    (link,) = telecom.relations  # "Linked To: CHINA TELECOMMUNICATIONS CORPORATION", itself listed
    assert link.target_id == "30939"
    aecc = entries["30902"]
    assert ("AECC", "acronym") in {(n.value, n.type) for n in aecc.names}


def test_each_programme_goes_to_its_own_list(entries: dict[str, ListEntry]) -> None:
    assert entries["9639"].source == "ofac_ns_plc"
    assert entries["15268"].source == "ofac_capta"
    assert entries["27016"].source == "ofac_ns_mbs"  # CAATSA - RUSSIA
    both = entries["17014"]  # UKRAINE-EO13662 and RUSSIA-EO14024: read once, as SSI, both programmes kept
    assert both.source == "ofac_ssi"
    assert both.appearances[0].programmes == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert {meta.key for meta in reader.LISTS} >= {e.source for e in entries.values()}
    assert all(meta.legal_effect == "binding_restriction" for meta in reader.LISTS)


def test_remarks_continuations_are_joined_before_parsing(entries: dict[str, ListEntry]) -> None:
    bank = entries["31695"]  # its listing date is in cons_comments.csv, cut mid-remark
    assert bank.source == "ofac_ns_mbs"
    assert bank.appearances[0].listed_from == "2022-02-22"
    assert "registration:1037700013020" in bank.identifiers
    assert not any("remarks continued" in r for r in bank.remarks)


@pytest.mark.shared_data
def test_full_file_matches_source_counts(shared_data: Path) -> None:
    result = reader.read([shared_data / f for f in reader.DEFAULT_FILES])
    assert len(result.entries) == 442
    assert result.malformed == []
    cmic = [e for e in result.entries if e.source == "ofac_ns_cmic"]
    assert len(cmic) == 68  # SOURCE.md: CMIC-EO13959 68
    assert sum(1 for e in cmic if e.appearances[0].listed_from) >= 60
