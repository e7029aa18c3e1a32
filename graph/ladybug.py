"""The embedded default backend: LadybugDB (PyPI ``ladybug``, Kùzu's successor), persisted in one file.

Dialect notes (ENGINES.md): schema first (node/rel tables, only the primary key is indexed), one label per
node, no ``SET n += $map``, ``UNWIND $rows`` needs uniform rows and a non-empty list, two ``MATCH`` clauses
instead of a comma join. One read-write process per database file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import ladybug as lb
import pyarrow as pa

from graph.base import RUN_LABEL, GraphStore, column_specs, normalise_rows
from graph.projection import Projection, Row
from graph.readonly import check_read_only
from graph.schema import GraphSchema, PropSpec
from rskg.errors import GraphError, InputError, LockedError, QueryTimeoutError, ReadOnlyError

# The write-ahead log is folded into the database file each time it reaches this size (the engine's default is
# 16 MiB). New nodes are written compactly (see upsert_nodes), so a log of this size holds as many loaded
# records as 16 MiB did before; a read-only open replays the whole log, so a shorter one also opens faster.
CHECKPOINT_BYTES = 8 << 20
_RUN_COLUMNS = "id STRING PRIMARY KEY, source STRING, started STRING, data STRING"
_SCALAR = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_()}
# engine column type → Arrow type (the upserts' LOAD FROM and the bulk path's COPY read the same tables)
ARROW_TYPES: dict[str, pa.DataType] = {**_SCALAR, **{f"{k}[]": pa.list_(v) for k, v in _SCALAR.items()}}


def _plain(value: Any) -> Any:
    """Backend values → JSON-friendly Python values."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("_ID", "_SRC", "_DST")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _columns(props: Mapping[str, PropSpec]) -> list[tuple[str, str]]:
    cols: list[tuple[str, str]] = []
    for name, spec in sorted(props.items()):
        cols.append((name, spec.column_type))
        if spec.langs:
            cols.append((f"{name}_langs", "STRING[]") if spec.many else (f"{name}_lang", "STRING"))
    return cols


def _frame(rows: Sequence[Row], columns: Sequence[tuple[str, str]]) -> pa.Table:
    """Normalised rows as a typed Arrow table, read by ``LOAD FROM $rows``: the engine scans it column-wise,
    5-7x cheaper than ``UNWIND`` over a list of maps (measured: 28-column organisation rows, 90 against 450 us
    a row), and a column whose values are all null keeps its declared type."""
    return pa.Table.from_arrays([pa.array([row[name] for row in rows], type=ARROW_TYPES[ctype])
                                 for name, ctype in columns], names=[name for name, _ in columns])


def _read_error(exc: RuntimeError, timeout_s: float) -> Exception:
    """An engine error on an analyst's query, as one of ours: timeout, write refused, bad query, engine fault."""
    message = str(exc)
    lowered = message.lower()
    if "interrupt" in lowered or "timeout" in lowered:
        return QueryTimeoutError(f"query stopped after {timeout_s:g} s")
    if "read-only" in lowered or "read only" in lowered:
        return ReadOnlyError("only read queries are allowed")
    if any(word in lowered for word in ("parser exception", "binder exception", "syntax", "not exist",
                                         "cannot find", "mismatched input")):
        return InputError(f"invalid query: {message.splitlines()[0]}")
    return GraphError(f"query failed: {message.splitlines()[0]}")


class LadybugStore(GraphStore):
    dialect: ClassVar[str] = "ladybug"

    def __init__(
        self,
        path: Path | str,
        schema: GraphSchema | None = None,
        *,
        batch_size: int = 10_000,
        read_only: bool = False,
    ) -> None:
        super().__init__(schema, batch_size)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # A process killed while it commits leaves the last write-ahead-log record torn. By default the engine
            # then refuses to open the database at all (read-only or read-write); this way it replays every
            # complete record before the torn one and drops that one, the uncommitted write (measured on a
            # truncated log). An interrupted ingest is then re-run over what was committed.
            self._db = lb.Database(str(self.path), read_only=read_only, throw_on_wal_replay_failure=False,
                                   checkpoint_threshold=CHECKPOINT_BYTES)
        except RuntimeError as exc:
            if "lock" in str(exc).lower():
                raise LockedError(
                    f"the database {self.path} is in use by another process (one read-write process at a time)"
                ) from exc
            raise GraphError(f"cannot open the database {self.path}: {exc}") from exc
        self._conn = lb.Connection(self._db)
        self._node_cols = {label: _columns(spec.props) for label, spec in self.schema.nodes.items()}
        self._rel_cols = {rtype: _columns(spec.props) for rtype, spec in self.schema.rels.items()}
        self._statements: dict[str, Any] = {}
        # nodes and relationships created by the projection being loaded (None outside load()): no relationship
        # from one of those nodes was stored before this load
        self._created: set[str] | None = None
        self._made: set[str] = set()
        self._node_specs = {label: column_specs(spec.props) for label, spec in self.schema.nodes.items()}
        self._rel_specs = {rtype: column_specs(spec.props) for rtype, spec in self.schema.rels.items()}

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def _exec(self, text: str, params: Mapping[str, Any] | None = None, *, prepared: bool = False) -> list[Row]:
        try:
            statement = self._prepared(text) if prepared else text
            result = self._conn.execute(statement, dict(params or {}))
        except RuntimeError as exc:
            raise GraphError(f"query failed: {exc}") from exc
        return self._rows(result)

    def _load_from(self, text: str, rows: pa.Table) -> None:
        """``LOAD FROM $rows …`` on a connection of its own: the engine keeps what an Arrow scan allocated
        until the connection that ran it closes (measured: ~0.6 MB per 1,000-row scan on a long-lived
        connection, so a validated load of 100k organisations grew to 4.4 GiB). Each such statement commits
        on its own, as it did on the shared connection."""
        conn = lb.Connection(self._db)
        try:
            conn.execute(text, {"rows": rows})
        except RuntimeError as exc:
            raise GraphError(f"query failed: {exc}") from exc
        finally:
            conn.close()

    @staticmethod
    def _rows(result: Any) -> list[Row]:
        assert not isinstance(result, list)
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: _plain(v) for c, v in zip(columns, result.get_next(), strict=True)})
        return rows

    def _prepared(self, text: str) -> Any:
        """Named read queries are parsed and planned once per connection (they run thousands of times)."""
        statement = self._statements.get(text)
        if statement is None:
            statement = self._statements[text] = self._conn.prepare(text)
        return statement

    # -- schema
    def _existing_tables(self) -> set[str]:
        return {row["name"] for row in self._exec("CALL show_tables() RETURN name")}

    def ensure_schema(self) -> None:
        existing = self._existing_tables()
        for label in sorted(self.schema.nodes):
            if label not in existing:
                cols = ", ".join(f"{name} {ctype}" for name, ctype in self._node_cols[label])
                self._exec(f"CREATE NODE TABLE {label}(iri STRING PRIMARY KEY, {cols})")
        if RUN_LABEL not in existing:
            self._exec(f"CREATE NODE TABLE {RUN_LABEL}({_RUN_COLUMNS})")
        for rtype in sorted(self.schema.rels):
            spec = self.schema.rels[rtype]
            if rtype in existing or not spec.ends:
                continue
            ends = ", ".join(f"FROM {a} TO {b}" for a, b in sorted(spec.ends))
            cols = ", ".join(f"{name} {ctype}" for name, ctype in self._rel_cols[rtype])
            self._exec(f"CREATE REL TABLE {rtype}({ends}, iri STRING, {cols})")

    # -- writes
    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> None:
        """New nodes are created with all their values in one record each; nodes already stored are matched
        and updated column by column. ``MERGE … SET`` on new nodes did the latter for every node: 2.5x the
        write-ahead log (1.2 MB for 400 organisations) and twice the time."""
        if not rows:
            return
        columns = [("iri", "STRING"), *self._node_cols[label]]
        rows = normalise_rows(rows, [name for name, _ in columns], self._node_specs[label])
        found = self._exec(f"UNWIND $iris AS i MATCH (n:{label} {{iri: i}}) RETURN n.iri AS iri",
                           {"iris": [row["iri"] for row in rows]})
        stored = {row["iri"] for row in found}
        new = [row for row in rows if row["iri"] not in stored]
        if new:
            values = ", ".join(f"`{c}`: `{c}`" for c, _ in columns)
            self._load_from(f"LOAD FROM $rows CREATE (n:{label} {{{values}}})", _frame(new, columns))
            if self._created is not None:
                self._created.update(row["iri"] for row in new)
        old = [row for row in rows if row["iri"] in stored]
        if old:
            sets = ", ".join(f"n.`{c}` = `{c}`" for c, _ in self._node_cols[label])
            self._load_from(f"LOAD FROM $rows MATCH (n:{label} {{iri: iri}})" + (f" SET {sets}" if sets else ""),
                            _frame(old, columns))

    def load(self, projection: Projection) -> None:
        self._created, self._made = set(), set()
        try:
            super().load(projection)
        finally:
            self._created, self._made = None, set()

    def ensure_refs(self, label: str, iris: Sequence[str]) -> None:
        if iris:
            self._load_from(f"LOAD FROM $rows MERGE (n:{label} {{iri: iri}})",
                            _frame([{"iri": i} for i in iris], [("iri", "STRING")]))

    def upsert_rels(self, rtype: str, from_label: str, to_label: str, rows: Sequence[Row]) -> None:
        """New relationships are created with all their values; one already stored is left alone when its ends
        and values are the same (a re-run writes nothing), else deleted and created anew. It is never matched
        and updated in place: on LadybugDB 0.22, ``MERGE (a)-[e]->(b) SET e.… `` over relationships already
        stored left the table's forward index wrong in a large graph. Re-ingesting OFAC's SDN list into the
        whole registry and every list, a lookup from 315 of 450 organisations with a LINKED_TO relationship
        returned another's, with no values; from their other end, and by a scan of the table, they were
        right. After every list was ingested again, 835 of 1,000 listed organisations read their listings
        otherwise (docs/performance.md, "Loading again")."""
        if not rows:
            return
        columns = [("iri", "STRING"), ("from", "STRING"), ("to", "STRING"), *self._rel_cols[rtype]]
        rows = normalise_rows(rows, [name for name, _ in columns], self._rel_specs[rtype])
        stored = self._stored_rels(rtype, from_label, to_label, rows)
        fresh = [row for row in rows if stored.get(row["iri"]) != row]
        if not fresh:
            return
        changed = [row["iri"] for row in fresh if row["iri"] in stored]
        if changed:
            self._exec(f"UNWIND $iris AS i MATCH (:{from_label})-[e:{rtype}]->(:{to_label}) WHERE e.iri = i DELETE e",
                       {"iris": changed})
        values = ", ".join(f"`{c}`: `{c}`" for c, _ in [("iri", "STRING"), *self._rel_cols[rtype]])
        self._load_from(
            f"LOAD FROM $rows MATCH (a:{from_label} {{iri: `from`}}) MATCH (b:{to_label} {{iri: `to`}}) "
            f"CREATE (a)-[e:{rtype} {{{values}}}]->(b)",
            _frame(fresh, columns),
        )
        if self._created is not None:
            self._made.update(row["iri"] for row in fresh)

    def _stored_rels(
        self, rtype: str, from_label: str, to_label: str, rows: Sequence[Row]
    ) -> dict[str, Row]:
        """The relationships of ``rows`` already stored, by IRI, with their ends and values as rows. Only those
        from a node stored before this load are looked for: the lookup scans the table (whole graph: 20-60 ms for
        400 or 10,000 rows at 24k-88k relationships, where looking up each row from its node took 0.05-2.5 s)."""
        created = self._created or set()
        rows = [row for row in rows if row["from"] not in created or row["iri"] in self._made]
        if not rows:
            return {}
        fields = ", ".join(f"e.`{c}` AS `{c}`" for c, _ in self._rel_cols[rtype])
        found = self._exec(
            f"UNWIND $iris AS i MATCH (a:{from_label})-[e:{rtype}]->(b:{to_label}) WHERE e.iri = i "
            f"RETURN e.iri AS iri, a.iri AS `from`, b.iri AS `to`" + (f", {fields}" if fields else ""),
            {"iris": [row["iri"] for row in rows]},
        )
        return {str(row["iri"]): row for row in found}

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._exec(self.named(name), params)

    # -- reads
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._exec(self.named(name), params, prepared=True)

    def read_cypher(
        self, text: str, params: Mapping[str, Any] | None = None, *, timeout_s: float, row_cap: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        statement = check_read_only(text)
        self._conn.set_query_timeout(int(timeout_s * 1000))
        try:
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                result = self._conn.execute(statement, dict(params or {}))
                assert not isinstance(result, list)
                columns = result.get_column_names()
                rows: list[list[Any]] = []
                while result.has_next() and len(rows) <= row_cap:
                    rows.append([_plain(v) for v in result.get_next()])
            finally:
                self._rollback_quietly()
        except RuntimeError as exc:
            raise _read_error(exc, timeout_s) from exc
        finally:
            self._conn.set_query_timeout(0)
        return columns, rows[:row_cap], len(rows) > row_cap

    def _rollback_quietly(self) -> None:
        """An interrupted or failed statement may already have ended the transaction."""
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as exc:
            if "no active transaction" not in str(exc).lower():
                raise

    def count(self, label: str) -> int:
        return int(self._exec(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"])

    def count_rels(self, rtype: str) -> int:
        if rtype not in self._existing_tables():
            return 0
        return int(self._exec(f"MATCH ()-[e:{rtype}]->() RETURN count(e) AS c")[0]["c"])

    def export_rows(self) -> Iterator[tuple[str, Row]]:
        for label in sorted(self.schema.nodes):
            for row in self._exec(f"MATCH (n:{label}) RETURN n ORDER BY n.iri"):
                node = row["n"]
                node.pop("_LABEL", None)
                yield label, node
        existing = self._existing_tables()
        for rtype in sorted(self.schema.rels):
            if rtype not in existing:
                continue
            for row in self._exec(
                f"MATCH (a)-[e:{rtype}]->(b) RETURN a.iri AS f, b.iri AS t, e ORDER BY e.iri, a.iri, b.iri"
            ):
                rel = row["e"]
                rel.pop("_LABEL", None)
                yield rtype, {"from": row["f"], "to": row["t"], **rel}

    # -- run records
    def record_run(self, run: Row) -> None:
        self._exec(
            f"MERGE (r:{RUN_LABEL} {{id: $id}}) SET r.source = $source, r.started = $started, r.data = $data",
            {
                "id": run["id"],
                "source": run["source"],
                "started": run["started"],
                "data": json.dumps(run, sort_keys=True, default=str),
            },
        )

    def runs(self, limit: int = 10) -> list[Row]:
        rows = self._exec(f"MATCH (r:{RUN_LABEL}) RETURN r.data AS data ORDER BY r.started DESC LIMIT $n", {"n": limit})
        return [json.loads(row["data"]) for row in rows]
