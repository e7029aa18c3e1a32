"""``rskg ingest refresh``: what is derived from the graph is rebuilt without loading the sources again (after
an upgrade that changes the resolver index's format)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from ingest.derivations import steps_from
from rskg.cli import main

HIT = "https://ror.org/01yqg2h08"


def test_refresh_rebuilds_the_resolver_index_from_the_graph(
    sample_data_dir: Path, tmp_path: Path, use_data_dir: Callable[[Path], Path]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample_data_dir, data)
    shutil.rmtree(data / "resolver")  # as an upgrade that changes the index's format leaves it: unusable
    use_data_dir(data)
    runner = CliRunner()
    missing = runner.invoke(main, ["resolve", "HIT, Harbin"])
    assert missing.exit_code != 0
    assert "no resolver index" in missing.output

    result = runner.invoke(main, ["ingest", "refresh", "link"])
    assert result.exit_code == 0, result.output
    # linking reads the index the "resolver" step builds, and the steps after it read the links
    assert [line.split(": ")[1] for line in result.output.splitlines() if "refreshed" in line] == [
        "resolver", "link", "resolver_merged", "exposure"]
    after = runner.invoke(main, ["resolve", "HIT, Harbin", "--json"])
    assert after.exit_code == 0, after.output
    assert [m["iri"] for m in json.loads(after.stdout)["matches"]] == [HIT]


def test_refresh_without_a_graph_says_what_to_do(tmp_path: Path, use_data_dir: Callable[[Path], Path]) -> None:
    use_data_dir(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "refresh"])
    assert result.exit_code != 0
    assert "no graph" in result.output
    assert "rskg ingest ror" in result.output
    bad = CliRunner().invoke(main, ["ingest", "refresh", "everything"])
    assert bad.exit_code == 2  # not a step: click names the steps
    assert "resolver" in bad.output


def test_a_step_runs_with_the_steps_that_read_what_it_makes() -> None:
    assert steps_from(()) is None
    assert steps_from(("exposure",)) == ["exposure"]
    assert steps_from(("resolver_merged", "exposure")) == ["resolver", "link", "resolver_merged", "exposure"]
    assert steps_from(("taxonomies",)) == ["taxonomies", "resolver", "link", "resolver_merged", "exposure"]
