"""OpenSanctions FtM reader: entities, delta files, Ownership and Sanction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.lists.sources import opensanctions_ftm_samples as reader
from rskg.errors import SourceError

CONSTRUCTED = "constructed_ownership_sanction.ftm.json"


@pytest.fixture(scope="module")
def folder(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lists" / reader.DATASET


def _paths(folder: Path) -> list[Path]:
    return [folder / Path(f).name for f in reader.DEFAULT_FILES]


def _final_ids(paths: list[Path]) -> set[str]:
    """The entity ids left after applying the files' ADD/MOD/DEL lines, counted independently."""
    ids: set[str] = set()
    for p in paths:
        for line in p.read_text("utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                op, entity = (obj["op"], obj["entity"]) if "op" in obj else ("ADD", obj)
                (ids.discard if op == "DEL" else ids.add)(entity["id"])
    return ids


def test_deltas_are_applied_in_order(folder: Path) -> None:
    result = reader.read(_paths(folder))
    ids = {e.record_id for e in result.entries}
    assert "NK-500Poltergeist" not in ids  # added, then deleted
    mod = next(e for e in result.entries if e.record_id == "NK-2T3S8Hu29ktYnKSTgQp2wL")
    assert mod.name == "Foobar Foobargroup"  # the MOD replaced the ADD
    addresses = [i for i in _final_ids(_paths(folder)) if i.startswith("NK-2MQE6")]  # the one Address entity
    assert len(result.entries) + len(addresses) == len(_final_ids(_paths(folder)))


def test_people_and_organisations(folder: Path) -> None:
    entries = {e.record_id: e for e in reader.read(_paths(folder)).entries}
    person = entries["NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert person.kind == "person"
    assert person.birth_dates == ("1971-01-22",)
    assert person.countries == ("RU",)
    assert "Виталий Юрьевич КУЗЬМЕНКО" in {n.value for n in person.names}
    irgc = entries["NK-2PacmNpiLUmoz4XD2mSt7A"]
    assert irgc.source == "opensanctions_eu_fsf"
    assert irgc.countries == ("IR",)
    assert irgc.appearances[0].listed_from is None  # no Sanction entity: no listing date invented


def test_ownership_and_sanction(folder: Path) -> None:
    result = reader.read([*_paths(folder), folder / CONSTRUCTED])
    company = next(e for e in result.entries if e.record_id == "fx-company-1")
    (owner,) = company.relations
    assert owner.kind == "owned_by"
    assert owner.target_id == "NK-2GdmHtZTeNXjNVrBGEXZNj"
    assert owner.share == 51.0
    appearance = company.appearances[0]
    assert appearance.listed_from == "2023-06"
    assert appearance.programmes == ("EU-RUS",)
    reasons = sorted(m.reason for m in result.malformed)
    assert len(reasons) == 2
    assert "not an entry read here" in reasons[0]
    assert "Payment" in reasons[1]


def test_bad_lines_and_files(tmp_path: Path, folder: Path) -> None:
    mixed = tmp_path / "mixed.ftm.json"
    good = (folder / "t1_entities.ftm.json").read_text("utf-8").splitlines()[0]
    mixed.write_text(good + '\n{"op": "DEL", "entity": {"id": "never-added"}}\n{broken\n', encoding="utf-8")
    result = reader.read([mixed])
    assert len(result.entries) == 1
    assert [m.locator for m in result.malformed] == ["mixed.ftm.json line 2", "mixed.ftm.json line 3"]
    other = tmp_path / "other.json"
    other.write_text("<html>not json</html>\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"other\.json"):
        reader.read([other])


@pytest.mark.shared_data
def test_shared_samples(shared_data: Path) -> None:
    paths = [shared_data / f for f in reader.DEFAULT_FILES]
    result = reader.read(paths)
    assert result.malformed == []
    assert len(result.entries) == len(_final_ids(paths)) - 1  # all but the one Address entity
