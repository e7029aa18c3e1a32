"""Shared test fixtures. Markers: ``shared_data`` (full datasets), ``neo4j`` (a Bolt server), ``browser``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SHARED_DATA.is_dir():
        skip = pytest.mark.skip(reason=f"full datasets not present at {SHARED_DATA}")
        for item in items:
            if "shared_data" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def use_data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Path]]:
    """Point the CLI's settings (``RSKG_DATA_DIR``) at a directory for this test; the cached settings are
    dropped on the way in and out."""
    from rskg.settings import get_settings

    def use(path: Path) -> Path:
        monkeypatch.setenv("RSKG_DATA_DIR", str(path))
        get_settings.cache_clear()
        return path

    yield use
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@dataclass
class FullGraph:
    store: Any  # a read-only LadybugStore
    index: Any  # the ResolverIndex
    reports: dict[str, Any]  # source key → RunReport (ror_v2, ror_v1, each list dataset)
    derive_seconds: float
    db_path: Path  # the database file, for tests that work on a copy


@pytest.fixture(scope="session")
def full_graph_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FullGraph]:
    """The whole shared ROR registry (v2 + v1) and every list of concern, with all derivations, built once per
    session (several minutes). Only for tests marked ``shared_data``."""
    from graph.ladybug import LadybugStore
    from ingest.lists.registry import list_sources
    from ingest.run import derive, ingest
    from ingest.sources.ror import SOURCE as ROR
    from queries.resolver import ResolverIndex
    from rskg.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("full"), shared_data=SHARED_DATA, workers=2)
    reports: dict[str, Any] = {}
    with LadybugStore(settings.db_path) as store:
        store.ensure_schema()
        ror = SHARED_DATA / "ror"
        reports["ror_v2"] = ingest(ROR, store, settings, [ror / "ror_records_latest_v2.jsonl.gz"], progress=False)
        reports["ror_v1"] = ingest(ROR, store, settings, [ror / "ror_records_latest_v1schema.jsonl.gz"],
                                   progress=False)
        for key, source in list_sources().items():
            reports[key] = ingest(source, store, settings, progress=False)
        started = time.perf_counter()
        derive(store, settings)
        seconds = time.perf_counter() - started
    with LadybugStore(settings.db_path, read_only=True) as reader:
        yield FullGraph(reader, ResolverIndex.load(settings.index_dir), reports, seconds, settings.db_path)


@pytest.fixture(scope="session")
def full_graph(full_graph_built: FullGraph) -> tuple[Any, Any]:
    return full_graph_built.store, full_graph_built.index
