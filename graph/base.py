"""The one graph interface. Everything outside ``graph/`` talks to a :class:`GraphStore`; only the modules in
this package import a backend library. Named queries are ``.cypher`` files under ``queries/cypher/<dialect>/``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from types import TracebackType
from typing import Any, ClassVar

from graph.projection import Projection, Row
from graph.schema import GraphSchema, PropSpec, graph_schema
from queries.cypher import load_query
from rskg.errors import InputError

RUN_LABEL = "IngestRun"  # run records: kept apart from the domain data, excluded from the content checksum


def batched(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def column_specs(props: Mapping[str, PropSpec]) -> dict[str, PropSpec]:
    """Every stored column with its type: the properties, plus the language-tag columns of names."""
    columns: dict[str, PropSpec] = {}
    for name, spec in sorted(props.items()):
        columns[name] = spec
        if spec.langs:
            lang = f"{name}_langs" if spec.many else f"{name}_lang"
            columns[lang] = PropSpec(lang, "STRING", many=spec.many)
    return columns


def _coerce_one(spec: PropSpec, column: str, value: Any) -> Any:
    ok = {"STRING": isinstance(value, str), "BOOLEAN": isinstance(value, bool),
          "INT64": isinstance(value, int) and not isinstance(value, bool),
          "DOUBLE": isinstance(value, int | float) and not isinstance(value, bool)}[spec.type]
    if not ok:
        raise InputError(f"property {column!r} wants {spec.type}, got {type(value).__name__}")
    return float(value) if spec.type == "DOUBLE" else value


def coerce(spec: PropSpec, column: str, value: Any) -> Any:
    """Check a value against its schema type (no engine converts silently: "7" is not an INT64) and make
    DOUBLEs floats, so every backend stores the same data and the content checksum agrees."""
    if value is None:
        return None
    if not spec.many:
        return _coerce_one(spec, column, value)
    if not isinstance(value, list | tuple):
        raise InputError(f"property {column!r} wants a list, got {type(value).__name__}")
    if any(v is None for v in value):
        raise InputError(f"property {column!r}: lists cannot hold null")
    return [_coerce_one(spec, column, v) for v in value]


def normalise_rows(rows: Sequence[Row], columns: Sequence[str],
                   specs: Mapping[str, PropSpec] | None = None) -> list[Row]:
    """Every row gets every column (missing → None), typed values are checked against ``specs``, and
    duplicates by ``iri`` collapse (last wins)."""
    unique: dict[str, Row] = {}
    specs = specs or {}
    for row in rows:
        unique[row["iri"]] = {col: coerce(specs[col], col, row.get(col)) if col in specs else row.get(col)
                              for col in columns}
    return list(unique.values())


class GraphStore(ABC):
    """Lifecycle, idempotent batched upserts keyed by IRI, named reads, and read-only analyst Cypher."""

    dialect: ClassVar[str]

    def __init__(self, schema: GraphSchema | None = None, batch_size: int = 10_000) -> None:
        self.schema = schema or graph_schema()
        self.batch_size = batch_size

    # -- lifecycle
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create node/relationship tables (or constraints and indexes) for :attr:`schema`; idempotent."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writes
    @abstractmethod
    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> None:
        """Create or update nodes keyed by ``iri``; every property in the rows is set (None clears)."""

    @abstractmethod
    def ensure_refs(self, label: str, iris: Sequence[str]) -> None:
        """Make sure nodes with these IRIs exist, without touching the properties of existing ones."""

    @abstractmethod
    def upsert_rels(self, rtype: str, from_label: str, to_label: str, rows: Sequence[Row]) -> None:
        """Create or update relationships keyed by ``iri`` between existing nodes ``from`` → ``to``."""

    @abstractmethod
    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a named write query (ingest-time derivations)."""

    def load(self, projection: Projection) -> None:
        """Load a projection: nodes, then references, then relationships, in batches."""
        for label, rows in projection.nodes.items():
            for chunk in batched(rows, self.batch_size):
                self.upsert_nodes(label, chunk)
        for label, iris in projection.refs.items():
            ordered = sorted(iris)
            for i in range(0, len(ordered), self.batch_size):
                self.ensure_refs(label, ordered[i : i + self.batch_size])
        for (rtype, start, end), rows in projection.rels.items():
            for chunk in batched(rows, self.batch_size):
                self.upsert_rels(rtype, start, end, chunk)

    # -- reads
    @abstractmethod
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run the named read query in this backend's dialect (``queries/cypher/<dialect>/<name>.cypher``)."""

    @abstractmethod
    def read_cypher(
        self, text: str, params: Mapping[str, Any] | None = None, *, timeout_s: float, row_cap: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        """Run an analyst's Cypher read-only, stopped after ``timeout_s``; returns columns, at most
        ``row_cap`` rows, and whether rows were cut off. Writes raise :class:`rskg.errors.ReadOnlyError`."""

    @abstractmethod
    def count(self, label: str) -> int: ...

    @abstractmethod
    def count_rels(self, rtype: str) -> int: ...

    @abstractmethod
    def export_rows(self) -> Iterator[tuple[str, Row]]:
        """Every domain node and relationship as (kind, canonical row), for the content checksum."""

    # -- run records
    @abstractmethod
    def record_run(self, run: Row) -> None: ...

    @abstractmethod
    def runs(self, limit: int = 10) -> list[Row]: ...

    def named(self, name: str) -> str:
        return load_query(self.dialect, name)
