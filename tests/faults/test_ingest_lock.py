"""The ingest lock itself, with real processes and signals: it names its holder, a holder killed with SIGKILL
does not block the next ingest, it is re-entrant in one process, and forked workers do not keep it."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults_support import REPO

from ingest.lock import ingest_lock
from rskg.errors import LockedError

HOLD = (
    "import sys, time\nfrom ingest.lock import ingest_lock\n"
    "with ingest_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(120)\n"
)
TRY = "import sys\nfrom ingest.lock import ingest_lock\nwith ingest_lock(sys.argv[1]):\n    print('acquired')\n"


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _try_in_another_process(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", TRY, str(data_dir)], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_killed_holder_names_itself_then_does_not_block(tmp_path: Path) -> None:
    holder = _python(HOLD, str(tmp_path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError) as refused, ingest_lock(tmp_path):
            pass
        assert refused.value.detail.startswith(f"another ingest (pid {holder.pid}, started 20")
        assert refused.value.detail.endswith(f"is writing to {tmp_path.resolve()}; wait for it to finish")
        holder.send_signal(signal.SIGKILL)
        assert holder.wait(timeout=30) == -signal.SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert f'"pid": {holder.pid}' in (tmp_path / "ingest.lock").read_text()  # left behind by the dead holder
    started = time.monotonic()
    with ingest_lock(tmp_path):
        assert time.monotonic() - started < 1.0  # taken at once: the kernel released the dead holder's flock


def test_re_entrant_in_one_process_and_released_at_the_end(tmp_path: Path) -> None:
    with ingest_lock(tmp_path), ingest_lock(tmp_path):
        assert _try_in_another_process(tmp_path).returncode != 0
    done = _try_in_another_process(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "acquired"


def _sleep() -> None:
    time.sleep(60)


def test_a_forked_worker_does_not_keep_the_lock(tmp_path: Path) -> None:
    """Validation workers are forked while the lock is held; when the parent releases it (or dies), a worker
    still alive must not keep the data directory locked."""
    worker = multiprocessing.get_context("fork").Process(target=_sleep)
    try:
        with ingest_lock(tmp_path):
            worker.start()
        assert worker.is_alive()
        done = _try_in_another_process(tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "acquired"
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
