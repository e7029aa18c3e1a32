"""A small real graph for the API tests, built once per session: the committed ROR sample and three list
samples ingested into a temporary RSKG data dir with LadybugDB, then the derivations (resolver index, entity
linking); API keys of each role in the key store beside it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from api_support import REPO, Keys
from fastapi.testclient import TestClient

from api.app import create_app
from api.keys import KeyStore
from graph import open_store
from ingest.lists.registry import list_sources
from ingest.run import DERIVATIONS, derive, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.settings import Settings

LISTS = ("us_dod_section1286", "aspi_china_defence_universities", "us_bis_entity_list_china_universities")
log = logging.getLogger(__name__)


def _derive(store: object, settings: Settings) -> None:
    try:
        derive(store, settings)  # type: ignore[arg-type]
    except ImportError:  # a derivation module still being written elsewhere: run the ones that import
        import ingest.lists.index_step
        import ingest.lists.linking  # noqa: F401

        for step in DERIVATIONS.values():
            step(store, settings)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data = tmp_path_factory.mktemp("rskg-api")
    settings = Settings(
        data_dir=data,
        shared_data=REPO / "samples" / "lists",
        workers=1,
        backend="ladybug",
        cypher_timeout_s=1.0,
        cypher_row_cap=25,
    )
    with open_store(settings) as store:
        ingest(ROR, store, settings, [REPO / "samples" / "ror" / "ror_sample_v2.jsonl.gz"], progress=False)
        for key in LISTS:
            ingest(list_sources()[key], store, settings, None, progress=False)
        _derive(store, settings)
    return settings


@pytest.fixture(scope="session")
def keys(api_settings: Settings) -> Keys:
    store = KeyStore.in_dir(api_settings.data_dir)
    try:
        tokens = {role: store.create(role, f"test {role}")[1] for role in ("screening", "analyst", "admin")}
    finally:
        store.close()
    return Keys(**tokens)


@pytest.fixture(scope="session")
def client(api_settings: Settings, keys: Keys) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as test_client:
        yield test_client
