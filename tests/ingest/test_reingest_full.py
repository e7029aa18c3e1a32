"""A list ingested again into the whole graph (``../shared/data``) leaves it as it was, read from either end.

On LadybugDB 0.22, relationships matched and updated in place (``MERGE … SET``) in a graph of this size left the
engine's forward index wrong: after OFAC's SDN list was ingested a second time, a lookup from 315 of 450
organisations with a LINKED_TO relationship returned another's relationship, with no values, while a scan of the
table was right. Only a graph this size showed it, so the check runs on a copy of the session's whole graph."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from graph.check import check_table
from graph.ladybug import LadybugStore
from ingest.lists.registry import list_sources
from ingest.run import ingest
from queries.stats import content_checksum
from rskg.settings import Settings

pytestmark = pytest.mark.shared_data
# the relationships OFAC's SDN list writes, and the listings, whose wrong reads a screener would see
CHECKED = [("LINKED_TO", "Organisation", "Person"), ("LINKED_TO", "Person", "Organisation"),
           ("LISTED_IN", "Organisation", "Edition"), ("LISTED_IN", "Person", "Edition")]


def test_a_list_ingested_again_leaves_the_graph_as_it_was(
    full_graph_built: Any, shared_data: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, shared_data=shared_data, workers=2)
    shutil.copyfile(full_graph_built.db_path, settings.db_path)
    with LadybugStore(settings.db_path) as store:
        before = content_checksum(store)
        report = ingest(list_sources()["ofac_sdn_legacy_2021"], store, settings, progress=False)
        assert report.records_read == report.records_loaded + report.records_quarantined > 8000
        assert content_checksum(store) == before, "a re-run changes nothing"
        for rtype, start, end in CHECKED:
            check = check_table(store, rtype, start, end, sample=None)
            assert check.relationships, f"{check.table}: none in the graph"
            assert check.ok, (f"{check.table}: {check.sources_wrong} of {check.sources} sources and "
                              f"{check.targets_wrong} of {check.targets} targets read otherwise by lookup")
