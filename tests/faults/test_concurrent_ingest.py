"""Two ingests into one data directory cannot interleave: while one runs, a second is refused at once with a
message naming the running one, writes nothing, and the first completes as if it had been alone."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import Baseline
from faults_support import LISTS_ARGS, ROR_ARGS, SLOW, Running, copy_graph, graph_state, rskg, wait_for


def _holder(lock: Path) -> int | None:
    try:
        return int(json.loads(lock.read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return None


def test_a_second_ingest_is_refused_while_one_runs(
    tmp_path: Path, ror_baseline: Baseline, lists_baseline: Baseline
) -> None:
    data_dir = copy_graph(ror_baseline.data_dir, tmp_path / "data")
    with Running(LISTS_ARGS, data_dir, tmp_path / "first") as first:
        wait_for(lambda: _holder(data_dir / "ingest.lock") == first.pid, 120, "the first ingest to take the lock")
        # both refused commands start at once, so the first ingest is surely still running when they try
        with ThreadPoolExecutor(max_workers=2) as pool:
            same_run, other_run = pool.submit(rskg, LISTS_ARGS, data_dir), pool.submit(rskg, ROR_ARGS, data_dir)
            same, other = same_run.result(), other_run.result()
        assert first.running(), "the first ingest ended before the second tried: nothing was tested"
        helped = rskg(["ingest", "ror", "--help"], data_dir)
        for refused in (same, other):
            assert refused.returncode != 0
            assert f"another ingest (pid {first.pid}, started " in refused.stderr
            assert f"is writing to {data_dir.resolve()}; wait for it to finish" in refused.stderr
            assert "records read" not in refused.stdout
        assert helped.returncode == 0  # --help never waits for the lock
        assert "Load ROR records" in helped.stdout
        assert first.wait(SLOW) == 0, first.stderr()
    assert "refreshed: exposure" in first.stdout()
    assert not (data_dir / "ingest.lock").read_text(), "the lock file still names a holder after the ingest ended"
    state = graph_state(data_dir)
    assert (state.nodes, state.relationships, state.checksum) == (
        lists_baseline.state.nodes,
        lists_baseline.state.relationships,
        lists_baseline.state.checksum,
    )
    assert state.runs == lists_baseline.state.runs  # the refused ingests recorded no run
