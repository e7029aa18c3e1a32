"""The Neo4j backend: the official ``neo4j`` driver, injected (see :func:`driver_from_settings`).

Writes are ``UNWIND $rows`` batches of :attr:`batch_size` rows in managed write transactions
(``driver.execute_query``: retried on transient errors, atomic per batch); reads are managed read
transactions (``routing_=READ``). Nodes have one label, keyed by a unique ``iri`` (constraint per
label); relationships are keyed by ``iri`` (index per type). Elementids are never used.

Clearing a property: every row carries every schema column (missing → None) in ``row.props``, and
``SET n += row.props`` removes the keys whose value is null (documented Cypher semantics of ``+=``). So a
re-ingest where a value became null clears it, in one statement per label whatever the column list, with
the same "all columns" meaning as LadybugDB's ``SET n.c = r.c`` per column.

Analysts' Cypher (:meth:`Neo4jStore.read_cypher`) passes three gates: :func:`graph.readonly.check_read_only`;
a session in READ access mode with a server-side transaction timeout; and an explicit transaction that is
always rolled back, whose summary must say ``query_type == "r"`` with no updates (servers that do not enforce
READ mode, e.g. ArcadeDB's Bolt plugin, are covered by the last gate).

The driver belongs to whoever created it: :class:`Neo4jStore` closes it only if ``owns_driver=True``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

import neo4j
from neo4j import exceptions as nx
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.base import RUN_LABEL, GraphStore, batched, coerce, column_specs, normalise_rows
from graph.projection import Row
from graph.readonly import check_read_only
from graph.schema import GraphSchema, PropSpec
from rskg.errors import ConfigError, GraphError, InputError, QueryTimeoutError, ReadOnlyError
from rskg.settings import Settings

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ACCESS_MODE_CODES = ("Neo.ClientError.Statement.AccessMode",
                      "Neo.ClientError.Transaction.ForbiddenDueToTransactionType")

# Structural statements: labels and types cannot be parameters, so they are formatted in from the schema
# (checked against _NAME); every value is a $parameter.
_CONSTRAINT = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
_NODE_INDEX = "CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
_REL_INDEX = "CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{rtype}]-() ON (r.iri)"
_UPSERT_NODES = "UNWIND $rows AS row MERGE (n:{label} {{iri: row.iri}}) SET n += row.props"
_ENSURE_REFS = "UNWIND $iris AS iri MERGE (n:{label} {{iri: iri}})"
_UPSERT_RELS = ("UNWIND $rows AS row MATCH (a:{start} {{iri: row.from}}) MATCH (b:{end} {{iri: row.to}}) "
                "MERGE (a)-[e:{rtype} {{iri: row.iri}}]->(b) SET e += row.props")
# a relationship whose end moved (same IRI, other nodes) is deleted first, or MERGE would add a second one
_MOVED_RELS = ("UNWIND $rows AS row MATCH (a)-[e:{rtype} {{iri: row.iri}}]->(b) "
               "WHERE a.iri <> row.from OR b.iri <> row.to DELETE e")
_COUNT_NODES = "MATCH (n:{label}) RETURN count(n) AS c"
_COUNT_RELS = "MATCH ()-[e:{rtype}]->() RETURN count(e) AS c"
_EXPORT_NODES = "MATCH (n:{label}) RETURN properties(n) AS p ORDER BY n.iri"
_EXPORT_RELS = ("MATCH (a)-[e:{rtype}]->(b) RETURN a.iri AS f, b.iri AS t, properties(e) AS p "
                "ORDER BY e.iri, a.iri, b.iri")
_RECORD_RUN = (f"MERGE (r:{RUN_LABEL} {{id: $id}}) SET r.source = $source, r.started = $started, "
               "r.data = $data, r.recorded = $recorded")
_RUNS = (f"MATCH (r:{RUN_LABEL}) RETURN r.data AS data ORDER BY r.started DESC, r.recorded DESC LIMIT $n")


def driver_from_settings(settings: Settings, **config: Any) -> neo4j.Driver:
    """The one place a driver is created (called by :func:`graph.open_store`); the caller owns it (closes it).
    ``config``: more driver settings, e.g. ``max_transaction_retry_time`` (default 30 s of retries when the
    server is unreachable)."""
    if not settings.neo4j_uri:
        raise ConfigError("RSKG_BACKEND=neo4j needs RSKG_NEO4J_URI")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password is not None else None
    auth = (settings.neo4j_user, password) if password is not None else None
    try:
        return neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=auth, **{"user_agent": "rskg", **config})
    except (ValueError, nx.ConfigurationError) as exc:
        raise ConfigError(f"invalid RSKG_NEO4J_URI or driver settings: {exc}") from exc


def _ident(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InputError(f"not a valid label, type or property name: {name!r}")
    return f"`{name}`"


def _plain(value: Any) -> Any:
    """Driver values → JSON-friendly Python values (nodes and relationships → dict of properties)."""
    if isinstance(value, Node | Relationship):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and not isinstance(value, Point):
        return [_plain(v) for v in value]
    if isinstance(value, Date | DateTime | Time):
        try:  # Python's ISO form, as the embedded engine gives (nanoseconds beyond microseconds are dropped)
            return value.to_native().isoformat()
        except ValueError:  # outside Python's range (e.g. year 0)
            return value.iso_format()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    return value


def _rows(result: neo4j.Result) -> list[Row]:
    return [{k: _plain(v) for k, v in zip(record.keys(), record.values(), strict=True)} for record in result]


@contextmanager
def _mapped_errors(what: str) -> Iterator[None]:
    try:
        yield
    except nx.AuthError as exc:
        raise ConfigError(f"Neo4j refused the credentials ({what}): {exc.message}") from exc
    except nx.Neo4jError as exc:
        raise GraphError(f"{what} failed: {exc.code}: {exc.message}") from exc
    except nx.DriverError as exc:  # ServiceUnavailable, SessionExpired, ...
        raise GraphError(f"{what} failed: Neo4j unreachable or connection lost ({exc})") from exc


class Neo4jStore(GraphStore):
    dialect: ClassVar[str] = "neo4j"

    def __init__(self, driver: neo4j.Driver, *, database: str = "neo4j", schema: GraphSchema | None = None,
                 batch_size: int = 10_000, owns_driver: bool = False) -> None:
        """``owns_driver``: close the driver in :meth:`close` (the factory's case); else its creator does."""
        super().__init__(schema, batch_size)
        self._driver = driver
        self.database = database
        self.owns_driver = owns_driver
        self._node_cols = {label: column_specs(spec.props) for label, spec in self.schema.nodes.items()}
        self._rel_cols = {rtype: column_specs(spec.props) for rtype, spec in self.schema.rels.items()}

    def close(self) -> None:
        """No session outlives a call; the driver is closed only when this store owns it."""
        if self.owns_driver:
            self._driver.close()

    def _run(self, text: str, params: Mapping[str, Any] | None = None, *, read: bool = False) -> list[Row]:
        routing = neo4j.RoutingControl.READ if read else neo4j.RoutingControl.WRITE
        with _mapped_errors("query"):
            rows: list[Row] = self._driver.execute_query(
                neo4j.Query(text), dict(params or {}), routing_=routing, database_=self.database,
                result_transformer_=_rows)
        return rows

    # -- schema
    def ensure_schema(self) -> None:
        for label in sorted(self.schema.nodes):
            self._run(_CONSTRAINT.format(name=f"rskg_{label}_iri", label=_ident(label), key="iri"))
            if "name" in self.schema.nodes[label].props:
                self._run(_NODE_INDEX.format(name=f"rskg_{label}_name", label=_ident(label), prop="name"))
        self._run(_CONSTRAINT.format(name=f"rskg_{RUN_LABEL}_id", label=_ident(RUN_LABEL), key="id"))
        for rtype in sorted(self.schema.rels):
            self._run(_REL_INDEX.format(name=f"rskg_{rtype}_iri", rtype=_ident(rtype)))

    # -- writes
    def _props(self, cols: Mapping[str, PropSpec], row: Row) -> Row:
        return {c: coerce(spec, c, row.get(c)) for c, spec in cols.items()}

    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> None:
        if label not in self._node_cols:
            raise InputError(f"unknown node label {label!r}")
        cols = self._node_cols[label]
        text = _UPSERT_NODES.format(label=_ident(label))
        for chunk in batched(normalise_rows(rows, ["iri", *cols]), self.batch_size):
            self._run(text, {"rows": [{"iri": r["iri"], "props": self._props(cols, r)} for r in chunk]})

    def ensure_refs(self, label: str, iris: Sequence[str]) -> None:
        if label not in self._node_cols:
            raise InputError(f"unknown node label {label!r}")
        text = _ENSURE_REFS.format(label=_ident(label))
        unique = list(dict.fromkeys(iris))
        for i in range(0, len(unique), self.batch_size):
            self._run(text, {"iris": unique[i:i + self.batch_size]})

    def upsert_rels(self, rtype: str, from_label: str, to_label: str, rows: Sequence[Row]) -> None:
        if rtype not in self._rel_cols:
            raise InputError(f"unknown relationship type {rtype!r}")
        cols = self._rel_cols[rtype]
        text = _UPSERT_RELS.format(start=_ident(from_label), end=_ident(to_label), rtype=_ident(rtype))
        moved = _MOVED_RELS.format(rtype=_ident(rtype))
        for chunk in batched(normalise_rows(rows, ["iri", "from", "to", *cols]), self.batch_size):
            self._run(moved, {"rows": [{"iri": r["iri"], "from": r["from"], "to": r["to"]} for r in chunk]})
            self._run(text, {"rows": [{"iri": r["iri"], "from": r["from"], "to": r["to"],
                                       "props": self._props(cols, r)} for r in chunk]})

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._run(self.named(name), params)

    # -- reads
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._run(self.named(name), params, read=True)

    def read_cypher(self, text: str, params: Mapping[str, Any] | None = None, *,
                    timeout_s: float, row_cap: int) -> tuple[list[str], list[list[Any]], bool]:
        statement = check_read_only(text)
        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                      fetch_size=min(row_cap + 1, 1000)) as session:
                tx = session.begin_transaction(metadata={"app": "rskg", "kind": "read_cypher"},
                                               timeout=timeout_s)
                try:
                    result = tx.run(statement, dict(params or {}))
                    columns = list(result.keys())
                    rows: list[list[Any]] = []
                    for record in result:
                        rows.append([_plain(v) for v in record.values()])
                        if len(rows) > row_cap:
                            break
                    summary = result.consume()
                finally:
                    tx.close()  # never committed: rolled back, whatever the statement did
        except nx.Neo4jError as exc:
            raise _read_error(exc, timeout_s) from exc
        except nx.DriverError as exc:
            raise GraphError(f"query failed: Neo4j unreachable or connection lost ({exc})") from exc
        counters = summary.counters
        writes = counters.contains_updates or counters.contains_system_updates
        if summary.query_type not in ("r", None) or writes:
            raise ReadOnlyError("only read queries are allowed (the statement would write; rolled back)")
        return columns, rows[:row_cap], len(rows) > row_cap

    def count(self, label: str) -> int:
        return int(self._run(_COUNT_NODES.format(label=_ident(label)), read=True)[0]["c"])

    def count_rels(self, rtype: str) -> int:
        return int(self._run(_COUNT_RELS.format(rtype=_ident(rtype)), read=True)[0]["c"])

    def _stream(self, text: str) -> Iterator[neo4j.Record]:
        """Stream a large read (the export) in one READ session, closed when the iteration ends."""
        session = self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS)
        with _mapped_errors("export"), session:
            yield from session.run(neo4j.Query(text))

    def export_rows(self) -> Iterator[tuple[str, Row]]:
        """Canonical rows equal to LadybugStore's: every schema column present (unset → None)."""
        for label in sorted(self.schema.nodes):
            cols = self._node_cols[label]
            for record in self._stream(_EXPORT_NODES.format(label=_ident(label))):
                props = _plain(record["p"])
                yield label, {"iri": props.get("iri"), **{c: props.get(c) for c in cols}}
        for rtype in sorted(self.schema.rels):
            cols = self._rel_cols[rtype]
            for record in self._stream(_EXPORT_RELS.format(rtype=_ident(rtype))):
                props = _plain(record["p"])
                yield rtype, {"from": record["f"], "to": record["t"], "iri": props.get("iri"),
                              **{c: props.get(c) for c in cols}}

    # -- run records
    def record_run(self, run: Row) -> None:
        self._run(_RECORD_RUN, {"id": run["id"], "source": run["source"], "started": run["started"],
                                "data": json.dumps(run, sort_keys=True, default=str),
                                "recorded": time.time_ns()})

    def runs(self, limit: int = 10) -> list[Row]:
        return [json.loads(row["data"]) for row in self._run(_RUNS, {"n": limit}, read=True)]


def _read_error(exc: nx.Neo4jError, timeout_s: float) -> Exception:
    """Map a server error of an analyst's query to rskg.errors."""
    code, message = exc.code or "", exc.message or str(exc)
    lowered = message.lower()
    if "TimedOut" in code or ("Terminated" in code and ("timed out" in lowered or "timeout" in lowered)):
        return QueryTimeoutError(f"query stopped after {timeout_s:g} s")
    if code in _ACCESS_MODE_CODES or isinstance(exc, nx.Forbidden | nx.ForbiddenOnReadOnlyDatabase):
        return ReadOnlyError("only read queries are allowed")
    if isinstance(exc, nx.ClientError):  # syntax, semantics, parameters, types: the query's fault
        return InputError(f"invalid query: {message}", code=code)
    if isinstance(exc, nx.TransientError):
        return GraphError(f"query failed, try again: {message}", code=code)
    return GraphError(f"query failed: {message}", code=code)
