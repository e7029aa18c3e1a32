#!/usr/bin/env python3
"""Start (or stop) a background ArcadeDB Bolt server for the Neo4j contract tests; for ``.ci/run``.

Start: returns once the server answers ``RETURN 1`` through the official driver, leaving it
running in its own session, and prints shell-sourceable lines::

    NEO4J_URI=bolt://127.0.0.1:41234
    NEO4J_USER=root
    NEO4J_PASSWORD=rskg-test-password
    NEO4J_DATABASE=neo4j

It writes the server's pid to ``--pid-file`` (only the pid, so ``kill "$(cat FILE)"`` works) and
a ``FILE.json`` beside it recording the root directory, which ``--stop`` deletes when it was a
temporary one.  Exit status 0 when up, 1 when the server could not be started (log tail on
stderr), 2 on bad usage.

Usage from ``.ci/run``::

    eval "$(.venv/bin/python tests/contract/start_bolt_server.py --pid-file .ci/bolt.pid)"
    export NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE
    trap '.venv/bin/python tests/contract/start_bolt_server.py --stop --pid-file .ci/bolt.pid' EXIT
    .venv/bin/python -m pytest tests/contract -m neo4j
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bolt_server


def _start(args: argparse.Namespace) -> int:
    pid_file = Path(args.pid_file)
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), 0)
        except (ValueError, ProcessLookupError, PermissionError):
            pass  # stale pid file
        else:
            print(f"a server from {pid_file} is still running; --stop it first", file=sys.stderr)
            return 2
    try:
        server = bolt_server.start_bolt_server(
            args.root,
            bolt_port=args.port,
            password=args.password,
            database=args.database,
            heap=args.heap,
            timeout=args.timeout,
            die_with_parent=False,  # must outlive this script
        )
    except bolt_server.BoltServerError as exc:
        print(f"start_bolt_server: {exc}", file=sys.stderr)
        return 1
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(f"{server.pid}\n")
    state = {
        **server.env(),
        "pid": server.pid,
        "root": str(server.root),
        "temporary_root": server.owns_root,
        "log": str(server.log_path),
        "startup_seconds": round(server.startup_seconds, 2),
    }
    Path(f"{pid_file}.json").write_text(json.dumps(state, indent=2) + "\n")
    for key, value in server.env().items():
        print(f"{key}={value}")
    print(
        f"# ArcadeDB Bolt server pid {server.pid} up in {server.startup_seconds:.1f}s; "
        f"log {server.log_path}",
        file=sys.stderr,
    )
    return 0


def _stop(args: argparse.Namespace) -> int:
    pid_file = Path(args.pid_file)
    state_file = Path(f"{pid_file}.json")
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        print(f"no server pid in {pid_file}", file=sys.stderr)
        return 0
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if state.get("pid", pid) != pid:
        state = {}  # the JSON belongs to another start; do not delete its directory
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
        print(f"server {pid} ignored SIGTERM for {args.timeout:.0f}s: killed", file=sys.stderr)
    except ProcessLookupError:
        pass
    if state.get("temporary_root") and state.get("root"):
        shutil.rmtree(state["root"], ignore_errors=True)
    pid_file.unlink(missing_ok=True)
    state_file.unlink(missing_ok=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pid-file", required=True, help="where to write (or, with --stop, read) the pid")
    parser.add_argument("--stop", action="store_true", help="stop the server recorded in --pid-file")
    parser.add_argument("--root", help="server directory (default: a new temporary one)")
    parser.add_argument("--port", type=int, help="Bolt port (default: a free one)")
    parser.add_argument("--password", default=bolt_server.DEFAULT_PASSWORD)
    parser.add_argument("--database", default=bolt_server.DEFAULT_DATABASE)
    parser.add_argument("--heap", default=bolt_server.DEFAULT_HEAP, help="JVM -Xmx (default 1g)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait (start or stop)")
    args = parser.parse_args(argv)
    return _stop(args) if args.stop else _start(args)


if __name__ == "__main__":
    sys.exit(main())
