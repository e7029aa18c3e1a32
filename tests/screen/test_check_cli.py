"""``rskg check``: every relationship of the sample graph reads the same from its source node, from its target
node and by a scan (the check a database ingested into again by an older rskg may fail: docs/performance.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from graph.check import check_reads
from graph.ladybug import LadybugStore
from rskg.cli import main


def test_check_reads_every_table_of_the_sample_graph_from_both_ends(
    sample_data_dir: Path, use_data_dir: Callable[[Path], Path]
) -> None:
    use_data_dir(sample_data_dir)
    result = CliRunner().invoke(main, ["check", "--all", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"]
    tables = {t["rtype"] + " " + t["start"] + "->" + t["end"]: t for t in report["tables"]}
    # the listings a screen reads, each source and target looked up
    listed = tables["LISTED_IN Organisation->Edition"]
    assert listed["relationships"] > 100
    assert listed["sources"] > 100
    assert listed["sources_wrong"] == 0
    assert listed["targets"] > 10
    assert listed["targets_wrong"] == 0
    assert "SUB_ORGANISATION_OF Organisation->Organisation" in tables
    text = CliRunner().invoke(main, ["check", "--sample", "5"])
    assert text.exit_code == 0, text.output
    assert "every relationship table reads the same from either end" in text.output


def test_a_sample_looks_up_no_more_nodes_than_asked(sample_data_dir: Path) -> None:
    with LadybugStore(sample_data_dir / "graph.lbdb", read_only=True) as store:
        checks = check_reads(store, sample=3)
        every = check_reads(store, sample=None)
    assert checks
    assert all(c.sources <= 3 and c.targets <= 3 for c in checks)
    assert [c.relationships for c in checks] == [c.relationships for c in every]
    assert max(c.sources for c in every) > 3
