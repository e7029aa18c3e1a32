"""Shared test fixtures. Markers: ``shared_data`` (full datasets), ``neo4j`` (a Bolt server), ``browser``."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def full_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The whole shared ROR registry (v2 + v1) and every list of concern, with all derivations, built once per
    session (several minutes). Only for tests marked ``shared_data``."""
    from graph.ladybug import LadybugStore
    from ingest.lists.registry import list_sources
    from ingest.run import derive, ingest
    from ingest.sources.ror import SOURCE as ROR
    from queries.resolver import ResolverIndex
    from rskg.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("full"), shared_data=SHARED_DATA, workers=2)
    with LadybugStore(settings.db_path) as store:
        store.ensure_schema()
        ror = SHARED_DATA / "ror"
        ingest(ROR, store, settings, [ror / "ror_records_latest_v2.jsonl.gz",
                                      ror / "ror_records_latest_v1schema.jsonl.gz"], progress=False)
        for source in list_sources().values():
            ingest(source, store, settings, progress=False)
        derive(store, settings)
    with LadybugStore(settings.db_path, read_only=True) as reader:
        yield reader, ResolverIndex.load(settings.index_dir)
