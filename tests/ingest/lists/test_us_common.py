"""Contract checks every US list reader must pass, over its committed fixture and over broken files."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

from ingest.lists.model import END_USE_BASE, ListEntry, ReadResult
from rskg.countries import is_valid_code
from rskg.errors import SourceError

DATASETS = (
    "us_dod_section1286",
    "us_dod_1260h_chinese_military_companies",
    "us_bis_entity_list_china_universities",
    "us_bis_mieu",
    "us_fcc_covered_list",
    "us_special_legislation",
    "us_bis_denied_persons",
    "us_csl_samples",
)
ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def reader(dataset: str) -> ModuleType:
    return importlib.import_module(f"ingest.lists.sources.{dataset}")


def fixture_paths(fixtures_dir: Path, module: ModuleType) -> list[Path]:
    return [fixtures_dir / "lists" / f for f in module.DEFAULT_FILES]


def read_fixture(fixtures_dir: Path, dataset: str) -> ReadResult:
    module = reader(dataset)
    result: ReadResult = module.read(fixture_paths(fixtures_dir, module))
    return result


def by_name(result: ReadResult, name: str) -> ListEntry:
    hits = [e for e in result.entries if e.name == name]
    assert len(hits) == 1, f"{name!r}: {len(hits)} entries"
    return hits[0]


def all_names(entry: ListEntry) -> set[str]:
    return {entry.name} | {n.value for n in entry.names}


@pytest.mark.parametrize("dataset", DATASETS)
def test_reader_declares_its_lists(dataset: str) -> None:
    module = reader(dataset)
    assert dataset == module.DATASET
    assert module.LISTS
    assert all(f.startswith(f"{dataset}/") for f in module.DEFAULT_FILES)
    for meta in module.LISTS:
        assert meta.jurisdiction == "US"
        assert meta.url.startswith("https://")
        assert meta.licence
        assert meta.authority
        assert meta.editions, meta.key
        for edition in meta.editions:
            assert edition.date is None or re.match(ISO_PARTIAL, edition.date)
            assert len(edition.date_basis) > 20, edition.key


@pytest.mark.parametrize("dataset", DATASETS)
def test_fixture_entries_are_consistent(fixtures_dir: Path, dataset: str) -> None:
    module = reader(dataset)
    result = read_fixture(fixtures_dir, dataset)
    editions = {m.key: {e.key for e in m.editions} for m in module.LISTS}
    assert result.entries, "fixtures hold good rows"
    assert result.malformed, "fixtures hold at least one bad row"
    ids = [(e.source, e.record_id) for e in result.entries]
    assert len(ids) == len(set(ids)), "record ids are unique within a list"
    for e in result.entries:
        assert e.source in editions
        assert e.name.strip()
        assert e.record_id
        assert e.appearances
        for a in e.appearances:
            assert a.edition in editions[e.source]
            for d in (a.listed_from, a.listed_until):
                assert d is None or re.match(ISO_PARTIAL, d), d
        assert all(is_valid_code(c) for c in e.countries)
        assert e.name not in {n.value for n in e.names}
        assert all(a.concept.startswith(END_USE_BASE) and 0 < a.confidence <= 1 for a in e.areas)
    for m in result.malformed:
        assert m.reason
        assert m.locator
        assert m.raw


@pytest.mark.parametrize("dataset", DATASETS)
def test_file_in_another_format_is_refused(tmp_path: Path, fixtures_dir: Path, dataset: str) -> None:
    module = reader(dataset)
    paths = []
    for src in fixture_paths(fixtures_dir, module):
        bad = tmp_path / src.name
        bad.write_text("just,some,other\ncolumns,in,a file\n", encoding="utf-8")
        paths.append(bad)
    with pytest.raises(SourceError, match=paths[0].name.replace(".", r"\.")):
        module.read(paths)


@pytest.mark.parametrize("dataset", DATASETS)
def test_wrong_encoding_or_empty_file_is_refused(tmp_path: Path, fixtures_dir: Path, dataset: str) -> None:
    module = reader(dataset)
    sources = fixture_paths(fixtures_dir, module)
    utf16 = [tmp_path / s.name for s in sources]
    for src, dst in zip(sources, utf16, strict=True):
        dst.write_bytes(src.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(SourceError):
        module.read(utf16)
    empty = tmp_path / "empty"
    empty.mkdir()
    for s in sources:
        (empty / s.name).write_bytes(b"")
    with pytest.raises(SourceError):
        module.read([empty / s.name for s in sources])
    with pytest.raises(SourceError):
        module.read([tmp_path / "missing" / s.name for s in sources])
