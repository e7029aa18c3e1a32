"""OFAC SDN legacy reader: fixture extract (real rows) and the full 2021 file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lists.model import ListEntry
from ingest.lists.sources import ofac_sdn_legacy_2021 as reader
from rskg.errors import SourceError

FILES = ("sdn.csv", "alt.csv", "add.csv")


def _lines(path: Path) -> int:
    return len(path.read_bytes().rstrip(b"\x1a").decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def folder(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET


@pytest.fixture(scope="module")
def entries(folder: Path) -> dict[str, ListEntry]:
    return {e.record_id: e for e in reader.read([folder / f for f in FILES]).entries}


def test_every_primary_row_is_an_entry_or_quarantined(folder: Path) -> None:
    result = reader.read([folder / f for f in FILES])
    primary = [m for m in result.malformed if m.locator.startswith("sdn.csv")]
    assert len(result.entries) + len(primary) == _lines(folder / "sdn.csv")
    (bad,) = primary
    assert "wrong number of fields" in bad.reason
    assert "BROKEN ROW" in bad.raw


def test_names_aliases_and_acronyms(entries: dict[str, ListEntry]) -> None:
    bnc = entries["306"]
    assert bnc.name == "BANCO NACIONAL DE CUBA"
    values = {n.value: n.type for n in bnc.names}
    assert values["NATIONAL BANK OF CUBA"] == "alternative"  # from alt.csv
    assert values["BNC"] == "acronym"  # from "a.k.a. 'BNC'" in the remarks
    person = entries["2686"]
    assert person.kind == "person"
    assert "Hasan NASRALLAH" in {n.value for n in person.names}  # "SURNAME, Given" also given-name first


def test_remarks_give_dates_identifiers_and_links(entries: dict[str, ListEntry]) -> None:
    person = entries["2686"]
    assert person.birth_dates[0] == "1960-08-31"  # "DOB 31 Aug 1960"
    assert "passport:042833" in person.identifiers
    assert person.countries == ("LB",)
    (link,) = person.relations
    assert link.kind == "related"
    assert link.target_id == "4697"
    assert entries["4697"].name == "HIZBALLAH"
    assert person.appearances[0].programmes == ("SDGT", "SYRIA")  # "SDGT] [SYRIA"
    assert person.appearances[0].listed_from is None  # the SDN file gives no listing dates


def test_vessels_and_aircraft_are_other(entries: dict[str, ListEntry]) -> None:
    kinds = {e.entity_kinds for e in entries.values() if e.kind == "other"}
    assert kinds == {("vessel",), ("aircraft",)}


def test_a_file_with_a_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_text("ent_num,SDN_Name,SDN_Type\r\n36,AEROCARIBBEAN,-0- \r\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sdn\.csv"):
        reader.read([bad])


def test_a_file_in_another_encoding_is_refused(tmp_path: Path, folder: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_bytes((folder / "sdn.csv").read_bytes().replace(b"CUBA", "CUBA\u00e9".encode("latin-1"), 1))
    with pytest.raises(SourceError, match="not UTF-8"):
        reader.read([bad])


@pytest.mark.shared_data
def test_full_file_matches_source_counts(shared_data: Path) -> None:
    result = reader.read([shared_data / f for f in reader.DEFAULT_FILES])
    assert len(result.entries) == _lines(shared_data / reader.DEFAULT_FILES[0]) == 8976  # SOURCE.md
    assert result.malformed == []
    kinds = [e.entity_kinds[0] if e.entity_kinds else e.kind for e in result.entries]
    counts = [kinds.count(k) for k in ("person", "organisation", "vessel", "aircraft")]
    assert counts == [4620, 3673, 406, 277]  # SOURCE.md
    assert sum(len(e.names) for e in result.entries) >= 11910 * 0.95  # alt.csv rows, a few repeat the name
