"""Bulk loading: whole tables of rows imported with the engine's ``COPY FROM``, reading Arrow tables in place.

The embedded engine imports a node table and its relationships in seconds (ENGINES.md: 100k nodes / 500k
relationships ≈ 3 s; our Organisation table, with 13 list columns, costs ≈ 30 µs of engine CPU per node and
≈ 5 µs per relationship), against minutes for upserts. ``COPY`` appends and cannot update: a primary key that
already exists fails the whole statement. So it is used only on a table that was **empty** when the load began
(a fresh database); a table that already held rows, and any other backend, get the same rows through the ordinary
batched upserts (:meth:`GraphStore.upsert_nodes` / ``upsert_rels``), so the result is the same graph either way,
only slower.

:class:`NodeStream` copies node rows block by block in a background thread while the caller prepares the next
block; :func:`load_tables` copies whole tables. Both keep the
last occurrence of a key, like the upserts: a record that appears twice (or an edge asserted from both of its
ends) ends up once, with the values of its last occurrence.

Measured (2 cores): the engine keeps the pages it copied in memory (≈ 3.5 MiB per 1,000 organisations, more
with their edges; a smaller buffer pool makes ``COPY`` fail rather than evict), so a load's peak RSS grows with
the graph whatever the caller does.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.base import GraphStore
from graph.ladybug import ARROW_TYPES, LadybugStore, _columns
from graph.projection import Row

log = logging.getLogger(__name__)


def node_columns(store: GraphStore, label: str) -> list[tuple[str, str]]:
    """(column, engine type) of a node table, primary key first, in the order the table declares them."""
    return [("iri", "STRING"), *_columns(store.schema.nodes[label].props)]


def rel_columns(store: GraphStore, rtype: str) -> list[tuple[str, str]]:
    """(column, engine type) of a relationship file: ``from``, ``to``, then the table's own properties."""
    return [("from", "STRING"), ("to", "STRING"), ("iri", "STRING"), *_columns(store.schema.rels[rtype].props)]


def _is_empty(store: GraphStore, label: str | None, rtype: str | None = None) -> bool:
    if label is not None:
        return store.count(label) == 0
    assert rtype is not None
    return store.count_rels(rtype) == 0


def _copy(store: GraphStore, statement: str, rows: pa.Table) -> None:
    """``COPY … FROM $rows``: the engine reads the Arrow table in place (no file in between)."""
    assert isinstance(store, LadybugStore)
    store._load_from(statement, rows)  # the bulk path is part of the embedded backend


def last_wins(table: pa.Table, key: str, order: str = "_seq") -> pa.Table:
    """One row per ``key``: the one with the highest ``order`` (the last occurrence), like the upserts."""
    if table.num_rows < 2 or pc.count_distinct(table[key]).as_py() == table.num_rows:
        return table
    numbered = table.append_column("_row", pa.array(np.arange(table.num_rows)))
    order_index = pc.sort_indices(numbered, sort_keys=[(key, "ascending"), (order, "ascending"), ("_row", "ascending")])
    keys = table[key].take(order_index).combine_chunks()
    last = np.ones(len(keys), dtype=bool)
    if len(keys) > 1:
        last[:-1] = ~np.asarray(pc.equal(keys.slice(0, len(keys) - 1), keys.slice(1)).to_numpy(zero_copy_only=False))
    return table.take(order_index.filter(pa.array(last)))


def _rows(table: pa.Table, size: int) -> Iterator[list[Row]]:
    for batch in table.to_batches(max_chunksize=size):
        yield batch.to_pylist()


def load_tables(
    store: GraphStore,
    nodes: Mapping[str, pa.Table],
    rels: Mapping[tuple[str, str, str], pa.Table],
    seconds: dict[str, float] | None = None,
) -> dict[str, str]:
    """Load Arrow tables (columns as :func:`node_columns` / :func:`rel_columns`, one row per key) into ``store``:
    ``COPY`` into an empty embedded table, upserts otherwise. Returns how each table was loaded."""
    seconds = seconds if seconds is not None else {}
    copyable = isinstance(store, LadybugStore)
    how: dict[str, str] = {}
    started = time.perf_counter()
    for label, table in nodes.items():
        if not table.num_rows:
            continue
        if copyable and _is_empty(store, label):
            _copy(store, f"COPY {label} FROM $rows", table)
            how[label] = "copy"
        else:
            for chunk in _rows(table, store.batch_size):
                store.upsert_nodes(label, chunk)
            how[label] = "upsert"
    seconds["nodes"] = time.perf_counter() - started
    started = time.perf_counter()
    fresh_rels = {rtype for rtype, _, _ in rels if copyable and _is_empty(store, None, rtype)}
    for (rtype, start, end), table in rels.items():
        if not table.num_rows:
            continue
        if rtype in fresh_rels:
            pair = f" (from='{start}', to='{end}')" if len(store.schema.rels[rtype].ends) > 1 else ""
            _copy(store, f"COPY {rtype} FROM $rows{pair}", table)
            how[f"{rtype}:{start}->{end}"] = "copy"
        else:
            for chunk in _rows(table, store.batch_size):
                store.upsert_rels(rtype, start, end, chunk)
            how[f"{rtype}:{start}->{end}"] = "upsert"
    seconds["rels"] = time.perf_counter() - started
    log.info("bulk load: %s in %.1fs + %.1fs", how, seconds["nodes"], seconds["rels"])
    return how


class NodeStream:
    """Node rows of one label arriving in blocks (reading order, ``_seq`` column), copied into an **empty**
    embedded table by a background thread while the caller maps the next block (the engine releases the GIL).

    Last occurrence wins, as with the upserts: a key seen in an earlier block was copied already, so its later
    rows are kept aside and upserted by :meth:`finish`. On a non-empty table or another backend every row is
    kept aside and upserted. :meth:`abort` removes what was copied, so a failed load leaves the table empty, as
    it found it.
    """

    def __init__(self, store: GraphStore, label: str) -> None:
        self.store, self.label = store, label
        self.copying = isinstance(store, LadybugStore) and _is_empty(store, label)
        self.seen: set[str] = set()
        self.late: list[pa.Table] = []
        self.copied = 0
        self.seconds = 0.0
        self._queue: queue.Queue[pa.Table | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"copy-{label}", daemon=True)
        if self.copying:
            self._thread.start()

    def _run(self) -> None:
        while (table := self._queue.get()) is not None:
            if self._error is not None:
                continue
            started = time.perf_counter()
            try:
                _copy(self.store, f"COPY {self.label} FROM $rows", table)
                self.copied += table.num_rows
            except BaseException as exc:  # any failure: handed to the caller's thread by put/finish
                self._error = exc
            self.seconds += time.perf_counter() - started

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self._raise()
        table = last_wins(table, "iri")
        keys = table["iri"].to_pylist()
        seen = self.seen
        fresh = [key not in seen for key in keys]
        seen.update(keys)
        if not self.copying or not all(fresh):
            mask = pa.array(fresh)
            self.late.append(table.filter(pc.invert(mask)) if self.copying else table)
            table = table.filter(mask)
        if self.copying and table.num_rows:
            self._queue.put(table.drop_columns(["_seq"]))

    def _join(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def finish(self, refs: pa.Array | None = None) -> str:
        """Wait for the copies; add ``refs`` not seen as bare nodes; upsert the rows kept aside."""
        self._join()
        self._raise()
        started = time.perf_counter()
        late = last_wins(pa.concat_tables(self.late), "iri").drop_columns(["_seq"]) if self.late else None
        self.late = []
        if refs is not None and len(refs):
            keys = refs.to_pylist()
            missing = pa.array([key not in self.seen for key in keys])
            schema = late.schema if late is not None else None
            bare = refs.filter(missing)
            if len(bare):
                columns = schema or _node_schema(self.store, self.label)
                table = pa.table({f.name: bare if f.name == "iri" else pa.nulls(len(bare), f.type) for f in columns})
                if self.copying:
                    _copy(self.store, f"COPY {self.label} FROM $rows", table)
                    self.copied += table.num_rows
                else:
                    late = table if late is None else pa.concat_tables([late, table])
        if late is not None:
            for chunk in _rows(late, self.store.batch_size):
                self.store.upsert_nodes(self.label, chunk)
        self.seen = set()
        self.seconds += time.perf_counter() - started
        return "copy" if self.copying else "upsert"

    def abort(self) -> None:
        """Stop copying and remove the nodes copied so far (the table was empty before)."""
        self._error = self._error or RuntimeError("aborted")
        self._join()
        if self.copying and self.copied:
            _copy_free(self.store, f"MATCH (n:{self.label}) DETACH DELETE n")


def _node_schema(store: GraphStore, label: str) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[ctype]) for name, ctype in node_columns(store, label)])


def _copy_free(store: GraphStore, statement: str) -> None:
    assert isinstance(store, LadybugStore)
    store._exec(statement)
