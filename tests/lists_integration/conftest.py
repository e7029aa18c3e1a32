"""A real LadybugDB store in a temporary folder holding the ROR sample (v2 + v1) and every list fixture, with
the derivations (resolver index, links) run; built once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lists_support import MINE, ROR_SAMPLES, Built

from graph.ladybug import LadybugStore
from ingest.run import derive, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.settings import Settings


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("rskg"), workers=2)
    store = LadybugStore(settings.db_path)
    store.ensure_schema()
    reports = {f"ror:{p.name}": ingest(ROR, store, settings, [p], progress=False) for p in ROR_SAMPLES}
    result = Built(store, settings, reports)
    result.reports.update(result.ingest_lists())
    derive(store, settings, only=MINE)
    yield result
    store.close()
