"""One real graph built from the bundled samples (ROR extract + list extracts), shared by the screening tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug import LadybugStore
from ingest.samples import load_samples
from queries.resolver import ResolverIndex
from rskg.settings import Settings


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the graph and index built from the bundled samples (for the CLI too)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("screen"), workers=2)
    with LadybugStore(settings.db_path) as store:
        store.ensure_schema()
        load_samples(store, settings)
    return settings.data_dir


@pytest.fixture(scope="session")
def sample_graph(sample_data_dir: Path) -> Iterator[tuple[LadybugStore, ResolverIndex]]:
    settings = Settings(data_dir=sample_data_dir, workers=2)
    with LadybugStore(settings.db_path, read_only=True) as reader:
        yield reader, ResolverIndex.load(settings.index_dir)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "samples"
