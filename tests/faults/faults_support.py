"""What the fault tests share: the `rskg` command run in real subprocesses against a data directory, the
graph's counts and content checksum as `rskg stats --json` reports them, and a process handle that can be
SIGKILLed mid-run (its whole process group, orphaned workers included, is killed when the test ends)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RSKG = str(Path(sys.executable).with_name("rskg"))
ROR_SAMPLES = (REPO / "samples/ror/ror_sample_v2.jsonl.gz", REPO / "samples/ror/ror_sample_v1.jsonl.gz")
ROR_ARGS = ("ingest", "ror", *(str(p) for p in ROR_SAMPLES), "--no-progress")
LIST_SAMPLES = REPO / "samples/lists"
# Two lists whose entries link to ROR organisations, so the derivations (links, exposure paths) have work to do.
LISTS_ARGS = ("ingest", "lists", "us_dod_section1286", "us_bis_entity_list_china_universities", "--no-progress")
SLOW = 300.0  # seconds: a whole sample ingest on a busy 2-core machine takes about a minute


def env(data_dir: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith("RSKG_")}
    return {**values, "RSKG_DATA_DIR": str(data_dir), "RSKG_BACKEND": "ladybug", "RSKG_SHARED_DATA": str(LIST_SAMPLES)}


def rskg(args: tuple[str, ...] | list[str], data_dir: Path, timeout: float = SLOW) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RSKG, *args], env=env(data_dir), cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False
    )


@dataclass(frozen=True)
class GraphState:
    nodes: dict[str, int]
    relationships: dict[str, int]
    checksum: str
    runs: int


def graph_state(data_dir: Path) -> GraphState:
    done = rskg(["stats", "--json", "--runs", "1000"], data_dir, timeout=120)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return GraphState(data["nodes"], data["relationships"], data["checksum"], len(data["runs"]))


def copy_graph(src: Path, dst: Path) -> Path:
    """A copy of a closed database (its one file), without the resolver index or the lock file."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "graph.lbdb", dst / "graph.lbdb")
    return dst


def wait_for(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


class Running:
    """``rskg ARGS`` started in its own session; stdout and stderr go to files so it never blocks on a pipe."""

    def __init__(self, args: tuple[str, ...], data_dir: Path, logs: Path) -> None:
        logs.mkdir(parents=True, exist_ok=True)
        self.out_path, self.err_path = logs / "stdout.txt", logs / "stderr.txt"
        with self.out_path.open("w") as out, self.err_path.open("w") as err:
            self.process = subprocess.Popen(
                [RSKG, *args], env=env(data_dir), cwd=REPO, stdout=out, stderr=err, start_new_session=True
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def stdout(self) -> str:
        return self.out_path.read_text()

    def stderr(self) -> str:
        return self.err_path.read_text()

    def running(self) -> bool:
        return self.process.poll() is None

    def sigkill(self) -> int:
        """SIGKILL the main process only (as the OOM killer or `kill -9 PID` would), and reap it."""
        assert self.running(), f"the process ended before it could be killed:\n{self.stdout()}{self.stderr()}"
        os.kill(self.pid, signal.SIGKILL)
        return self.process.wait(timeout=30)

    def wait(self, timeout: float = SLOW) -> int:
        return self.process.wait(timeout=timeout)

    def __enter__(self) -> Running:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        """End what this test started: the process and any worker it left behind (same process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.running():
            self.process.wait(timeout=30)
