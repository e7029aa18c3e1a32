"""An ingest SIGKILLed mid-run and restarted ends in exactly the state of an uninterrupted run: same counts per
label and relationship type, same content checksum. Killed once while loading records (ROR), once while the
derivations rewrite what they derive (resolver index, links, exposure paths after a list ingest), and once while
the embedded engine checkpoints its write-ahead log into the database file."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Baseline
from faults_support import LISTS_ARGS, ROR_ARGS, SLOW, Running, copy_graph, graph_state, rskg, wait_for


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def _same_content(data_dir: Path, baseline: Baseline) -> None:
    state = graph_state(data_dir)
    assert state.nodes == baseline.state.nodes
    assert state.relationships == baseline.state.relationships
    assert state.checksum == baseline.state.checksum


def _loading(data_dir: Path) -> bool:
    """Batches of 400 records are committed one by one: past 1 MB of log several are in, most are not."""
    return _size(data_dir / "graph.lbdb.wal") > 1_000_000


def _checkpointing(data_dir: Path) -> bool:
    """The engine is folding its write-ahead log into the database file (at ~16 MB of log, near the load's end)."""
    return (data_dir / "graph.lbdb.checkpoint.intent.lock").exists()


@pytest.mark.parametrize("moment", [_loading, _checkpointing], ids=["loading", "checkpointing"])
def test_ror_ingest_killed_mid_run_then_restarted_equals_an_uninterrupted_run(
    tmp_path: Path, ror_baseline: Baseline, moment: Callable[[Path], bool]
) -> None:
    data_dir = tmp_path / "data"
    with Running(ROR_ARGS, data_dir, tmp_path / "killed") as killed:
        wait_for(lambda: moment(data_dir) or not killed.running(), SLOW, moment.__name__, interval=0.005)
        assert killed.sigkill() == -signal.SIGKILL
        assert "records read" not in killed.stdout(), "the load finished before the kill"
        # The dead holder's lock file is left behind, naming it; it must not block the restart (the kernel
        # released the flock). Its orphaned validation workers are still alive at this point.
        assert json.loads((data_dir / "ingest.lock").read_text())["pid"] == killed.pid
        stats = rskg(["stats", "--json"], data_dir, timeout=120)
        if moment is _checkpointing and stats.returncode != 0:
            # Killed mid-checkpoint: the engine refuses read-only opens until a read-write open (the restart)
            # completes the recovery, and says so.
            assert "checkpoint recovery is pending" in stats.stderr, stats.stderr
        else:  # a read-only open sees the batches committed before the kill
            assert stats.returncode == 0, stats.stderr
            organisations = json.loads(stats.stdout)["nodes"]["Organisation"]
            assert 0 < organisations < ror_baseline.state.nodes["Organisation"]

        restarted = rskg(ROR_ARGS, data_dir)
    assert restarted.returncode == 0, restarted.stderr
    assert "records read 4400 = loaded 4400 + quarantined 0" in restarted.stdout
    _same_content(data_dir, ror_baseline)


def test_list_ingest_killed_while_deriving_then_restarted_equals_an_uninterrupted_run(
    tmp_path: Path, ror_baseline: Baseline, lists_baseline: Baseline
) -> None:
    data_dir = copy_graph(ror_baseline.data_dir, tmp_path / "data")
    index = data_dir / "resolver"
    with Running(LISTS_ARGS, data_dir, tmp_path / "killed") as killed:
        # Derivations in order: resolver index (saved: the folder appears), links, the index again (a new
        # folder is swapped in), exposure (clears the paths, then writes them again). Kill after the swap.
        wait_for(lambda: index.exists() or not killed.running(), SLOW, "the first derivation")
        first = _inode(index)
        wait_for(lambda: _inode(index) not in (None, first) or not killed.running(), SLOW, "the merged index")
        assert killed.sigkill() == -signal.SIGKILL
        out = killed.stdout()
        assert "us_dod_section1286: records read" in out, out
        assert "refreshed:" not in out, "the derivations finished before the kill"

        restarted = rskg(LISTS_ARGS, data_dir)
    assert restarted.returncode == 0, restarted.stderr
    assert "refreshed: exposure" in restarted.stdout
    _same_content(data_dir, lists_baseline)
