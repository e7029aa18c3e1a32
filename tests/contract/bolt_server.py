"""Start a throw-away Bolt server (ArcadeDB, from the ``arcadedb-embedded`` wheel) for tests.

Neo4j cannot be installed on the CI machines, so the Neo4j backend's contract tests talk to
ArcadeDB's Bolt plugin through the official ``neo4j`` driver instead.  See
``docs/arcadedb-evaluation.md`` for what that server does and does not do like Neo4j.

The server runs as a **separate JVM process** (the wheel's bundled JRE, started directly with
the wheel's jars on the class path), never in-process through JPype: a JVM cannot be restarted
inside a Python process, it would share the test process's memory and signals, and one test
session could then only ever have one server.

Typical use from a ``conftest.py``::

    import pytest
    from tests.contract.bolt_server import bolt_server_available, running_bolt_server

    @pytest.fixture(scope="session")
    def bolt_server():
        if not bolt_server_available():
            pytest.skip("arcadedb-embedded is not installed")
        with running_bolt_server() as server:
            yield server          # server.uri, server.auth, server.database

Everything here uses only the standard library and the ``neo4j`` driver; the ``arcadedb_embedded``
package is only *located* (for its ``jre/`` and ``jars/`` directories), never imported, so JPype
and a JVM are never loaded into the caller.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BoltServer",
    "BoltServerError",
    "arcadedb_home",
    "bolt_server_available",
    "build_command",
    "free_port",
    "running_bolt_server",
    "start_bolt_server",
    "stop_bolt_server",
    "wait_for_bolt",
]

DEFAULT_USER = "root"  # ArcadeDB's administrator; the only user that exists on a fresh server
DEFAULT_PASSWORD = "rskg-test-password"  # ArcadeDB wants at least 8 characters
DEFAULT_DATABASE = "neo4j"  # same name as Neo4j's default database, so either works unchanged
DEFAULT_HEAP = "1g"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
SERVER_MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"


class BoltServerError(RuntimeError):
    """The server could not be found, started or reached."""


@dataclass
class BoltServer:
    """A running server: what a test needs to connect to it, and what is needed to stop it."""

    uri: str  #: ``bolt://127.0.0.1:<port>``
    user: str
    password: str
    database: str  #: the database the server created; also the Bolt default database
    root: Path  #: server root directory (databases, config, ``server.log``)
    pid: int
    startup_seconds: float  #: spawn until ``RETURN 1`` answered
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    owns_root: bool = field(default=False, repr=False)  #: delete ``root`` on stop

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    def env(self) -> dict[str, str]:
        """The variables ``start_bolt_server.py`` prints, for ``.ci/run`` and subprocesses."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


def arcadedb_home() -> Path:
    """The installed ``arcadedb_embedded`` package directory (holding ``jre/`` and ``jars/``)."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise BoltServerError("arcadedb-embedded is not installed (pip install arcadedb-embedded)")
    home = Path(next(iter(spec.submodule_search_locations)))
    if not (home / "jars").is_dir():
        raise BoltServerError(f"{home} has no jars/ directory: not a binary arcadedb-embedded wheel")
    return home


def _java(home: Path) -> str:
    bundled = home / "jre" / "bin" / ("java.exe" if os.name == "nt" else "java")
    if bundled.exists():
        return str(bundled)
    found = shutil.which("java")
    if found is None:
        raise BoltServerError(f"no bundled JRE under {home} and no java on PATH")
    return found


def bolt_server_available() -> bool:
    """True when a server can be started here (the wheel and a Java runtime are present)."""
    try:
        _java(arcadedb_home())
    except BoltServerError:
        return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (the OS picks it; another process may still race us)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def build_command(
    root: Path,
    *,
    bolt_port: int,
    http_port: int,
    password: str = DEFAULT_PASSWORD,
    database: str = DEFAULT_DATABASE,
    heap: str = DEFAULT_HEAP,
    host: str = "127.0.0.1",
    extra_settings: dict[str, str] | None = None,
) -> list[str]:
    """The ``java ...`` command line that runs an ArcadeDB server with only Bolt (and HTTP) on ``host``.

    ``extra_settings`` are ArcadeDB settings without the ``arcadedb.`` prefix, e.g.
    ``{"bolt.debug": "true"}``.
    """
    home = arcadedb_home()
    settings = {
        "server.rootPath": str(root),
        "server.rootPassword": password,
        "server.mode": "development",
        "server.plugins": BOLT_PLUGIN,
        # Creates the database on first start; `[root]` grants the root user access to it.
        "server.defaultDatabases": f"{database}[{DEFAULT_USER}]",
        "bolt.defaultDatabase": database,
        "bolt.host": host,
        "bolt.port": str(bolt_port),
        # The HTTP server cannot be switched off; keep it on loopback and on a port of its own so
        # that several servers (parallel CI jobs) never collide on the default 2480.
        "server.httpIncomingHost": host,
        "server.httpIncomingPort": str(http_port),
        "server.httpsIncomingPort": str(http_port + 1 if http_port < 65535 else http_port - 1),
        # Wire-protocol listeners other than Bolt default to 0.0.0.0 when enabled: none are.
    }
    settings.update(extra_settings or {})
    return [
        _java(home),
        f"-Xmx{heap}",
        "-XX:+UseSerialGC",  # smallest footprint; the test workload is tiny
        "-Djava.awt.headless=true",
        "-cp",
        str(home / "jars" / "*"),
        *(f"-Darcadedb.{key}={value}" for key, value in settings.items()),
        SERVER_MAIN_CLASS,
    ]


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_for_bolt(
    uri: str,
    auth: tuple[str, str],
    database: str | None = DEFAULT_DATABASE,
    *,
    timeout: float = 60.0,
    process: subprocess.Popen[bytes] | None = None,
    log_path: Path | None = None,
) -> None:
    """Block until ``RETURN 1`` succeeds through the official driver, or raise ``BoltServerError``."""
    import neo4j

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise BoltServerError(
                f"server exited with code {process.returncode} before answering on {uri}\n"
                + (_tail(log_path) if log_path else "")
            )
        try:
            # session.run, not execute_query: no managed-transaction retries (and their log
            # warnings) while the port is still closed.
            with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=2.0) as driver:
                with driver.session(database=database) as session:
                    record = session.run("RETURN 1 AS ok").single()
                if record is not None and record["ok"] == 1:
                    return
        except Exception as exc:
            last = exc
        time.sleep(0.1)
    raise BoltServerError(
        f"no answer to RETURN 1 on {uri} within {timeout:.0f}s (last error: {last!r})\n"
        + (_tail(log_path) if log_path else "")
    )


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux only: have the kernel SIGTERM the server when the process that started it dies.

    So a test run killed with SIGKILL (or a crashed pytest) does not leave a JVM behind.
    """
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except Exception:  # noqa: S110 - best effort; other platforms just skip it
        pass


def start_bolt_server(
    root: Path | str | None = None,
    *,
    bolt_port: int | None = None,
    http_port: int | None = None,
    password: str = DEFAULT_PASSWORD,
    database: str = DEFAULT_DATABASE,
    heap: str = DEFAULT_HEAP,
    timeout: float = 60.0,
    die_with_parent: bool = True,
    extra_settings: dict[str, str] | None = None,
) -> BoltServer:
    """Start a fresh server and return once Bolt answers ``RETURN 1``.

    ``root``: server directory; by default a new temporary directory that ``stop_bolt_server``
    deletes.  A ``root`` you pass is kept (and reused: the database in it survives restarts).
    Ports default to free ones chosen by the OS.  ``die_with_parent`` (Linux) stops the server
    when the calling process dies; turn it off for a server that must outlive its starter
    (``start_bolt_server.py``).
    """
    owns_root = root is None
    root_path = Path(tempfile.mkdtemp(prefix="rskg-arcadedb-")) if root is None else Path(root)
    root_path.mkdir(parents=True, exist_ok=True)
    last_error: BoltServerError | None = None
    # A port chosen by free_port() can be taken by someone else before the JVM binds it; the
    # server then exits at once, and we retry with new ports (only when we chose them).
    attempts = 3 if bolt_port is None and http_port is None else 1
    for _ in range(attempts):
        bport = bolt_port or free_port()
        hport = http_port or free_port()
        cmd = build_command(
            root_path,
            bolt_port=bport,
            http_port=hport,
            password=password,
            database=database,
            heap=heap,
            extra_settings=extra_settings,
        )
        log_path = root_path / "server.log"
        started = time.monotonic()
        with open(log_path, "ab") as log:
            process = subprocess.Popen(
                cmd,
                cwd=root_path,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if die_with_parent and sys.platform == "linux" else None,
                start_new_session=not die_with_parent,
            )
        uri = f"bolt://127.0.0.1:{bport}"
        try:
            wait_for_bolt(
                uri, (DEFAULT_USER, password), database,
                timeout=timeout, process=process, log_path=log_path,
            )
        except BoltServerError as exc:
            last_error = exc
            _terminate(process)
            continue
        return BoltServer(
            uri=uri,
            user=DEFAULT_USER,
            password=password,
            database=database,
            root=root_path,
            pid=process.pid,
            startup_seconds=time.monotonic() - started,
            process=process,
            owns_root=owns_root,
        )
    if owns_root:
        shutil.rmtree(root_path, ignore_errors=True)
    assert last_error is not None
    raise last_error


def _terminate(process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # SIGTERM: the JVM's shutdown hook closes the databases cleanly (~1 s)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def stop_bolt_server(server: BoltServer, *, timeout: float = 15.0) -> None:
    """Stop the server (SIGTERM, then SIGKILL after ``timeout``) and delete its temporary root."""
    if server.process is not None:
        _terminate(server.process, timeout)
    else:  # a server started by another process (pid file): signal it by pid
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                os.kill(server.pid, 0)  # raises ProcessLookupError once it is gone
                time.sleep(0.1)
            os.kill(server.pid, signal.SIGKILL)
    if server.owns_root:
        shutil.rmtree(server.root, ignore_errors=True)


@contextlib.contextmanager
def running_bolt_server(**kwargs: object) -> Iterator[BoltServer]:
    """``with running_bolt_server() as server:`` — ``start_bolt_server(**kwargs)``, stopped on exit."""
    server = start_bolt_server(**kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        stop_bolt_server(server)
