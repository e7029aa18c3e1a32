"""The bulk path for large registry loads: ROR records projected straight to property-graph rows (no RDF graph,
no SHACL run) and loaded with the engine's bulk import (:mod:`graph.ladybug_bulk`: ``COPY FROM`` Parquet on a
fresh embedded database, batched upserts otherwise).

It yields the same graph as the validated path (:func:`ingest.pipeline.run_ingest`) — tests/scale checks the
content checksum on the committed ROR sample — because:

* rows are built by the same record reading and the same rules as :func:`graph.projection.project`: values
  de-duplicated like RDF literals, ordered English/untagged first, the first value of a single-valued property,
  local names for kinds, deterministic edge IRIs, the asserting record's provenance on every edge, last
  occurrence wins (:mod:`ingest.bulk_record`, one record at a time, is the reference);
* the SHACL check is replaced by an equivalent one in Python for what a ROR record can violate. The literal
  constraints of the shapes that target organisations (``sh:pattern``, ``sh:in``, ``sh:minLength``/
  ``sh:maxLength``, ``sh:minInclusive``/``sh:maxInclusive``, ``sh:minCount``/``sh:maxCount``, with their
  messages) are **read from the shapes file**, so they cannot drift; ``sh:class`` on kinds is a look-up in the
  organisation-kind scheme; the SPARQL rule "not its own parent/child/…" drops the offending relation only,
  like the validated path. What the mapping always satisfies (provenance present, relation targets typed as
  organisations and IRIs, ``established`` an integer) is not re-checked.

Records failing a check are quarantined with the same reasons; counts reconcile the same way.

Speed: ROR v2 JSON lines go through :mod:`ingest.bulk_columnar` in blocks (Arrow parses and builds whole
columns); the records it cannot vouch for, v1 files, JSON arrays and zips go through
:func:`ingest.bulk_record.project_ror` one at a time. Both give Arrow tables numbered in reading order; the last
occurrence of each node and edge is kept, references to records never read become bare nodes, and the tables
are copied into the engine once, at the end — so a damaged file is refused before anything is loaded.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
import pyarrow.parquet as pq

from graph.base import GraphStore
from graph.ladybug import ARROW_TYPES
from graph.ladybug_bulk import NodeStream, last_wins, load_tables, node_columns, rel_columns
from graph.projection import project
from ingest.bulk_columnar import V2_SCHEMA, columns
from ingest.bulk_read import Block, blocks, exact_line, is_v2_lines
from ingest.bulk_record import LABEL, SELF_MESSAGE, Rejected, project_ror, tally
from ingest.pipeline import RunReport, file_sha256
from ingest.quarantine import QuarantineWriter
from ingest.source import Bad, Raw, Source
from ingest.sources import ror
from rskg.errors import InputError, SourceError

log = logging.getLogger(__name__)
_LEAF = 256  # lines: below this, a block Arrow cannot parse goes line by line
_EDGE_SCHEMA = pa.schema([("from", pa.string()), ("to", pa.string()), ("iri", pa.string()), ("record", pa.string()),
                          ("release", pa.string()), ("_seq", pa.int64())])
_EDGE_COLUMNS = tuple(_EDGE_SCHEMA.names)
_PARSE = pj.ParseOptions(explicit_schema=V2_SCHEMA, unexpected_field_behavior="ignore")


class _Collector:
    """Rows of one run, as Arrow tables with their reading order (``_seq``), plus the report's counts."""

    def __init__(self, store: GraphStore, report: RunReport, quarantine: QuarantineWriter, spill: Path) -> None:
        self.store, self.schema, self.report, self.quarantine = store, store.schema, report, quarantine
        self.node_columns = node_columns(store, LABEL)
        self.node_schema = pa.schema([(n, ARROW_TYPES[t]) for n, t in self.node_columns] + [("_seq", pa.int64())])
        self.nodes = NodeStream(store, LABEL)
        self._pending: list[pa.Table] = []  # node rows of the block being read
        self.edges = _EdgeSpill(spill)  # edges wait on disk: only the current type is read back, at the end
        self._rows: list[dict[str, Any]] = []
        self._edge_rows: dict[str, list[dict[str, Any]]] = {}
        self.seconds = {"arrow": 0.0, "exact": 0.0}

    def release(self, release: str | None) -> None:
        if release and (self.report.release is None or release > self.report.release):
            self.report.release = release

    # ---------------------------------------------------------------- one record at a time
    def exact(self, item: Raw | Bad, seq: int) -> None:
        report = self.report
        report.records_read += 1
        if isinstance(item, Bad):
            report.records_quarantined += 1
            self.quarantine.write(item.locator, "record", [item.reason], item.raw)
            return
        self.release(item.release)
        try:
            result = project_ror(item, self.schema)
        except (ValueError, KeyError, TypeError) as exc:
            result = Rejected([f"cannot map record: {exc}"], 0)  # as the validated path: unmapped, no relations
        if isinstance(result, Rejected):
            report.records_quarantined += 1
            report.relations_read += result.relations
            report.relations_quarantined += result.relations
            self.quarantine.write(item.record_id, "record", result.reasons, item.data)
            tally(report, result.reasons)
            return
        report.records_loaded += 1
        report.relations_read += result.relations
        report.relations_quarantined += len(result.relation_rejections)
        report.relations_loaded += result.relations - len(result.relation_rejections)
        for relation, target in result.relation_rejections:
            reasons = [f"{SELF_MESSAGE} [{relation}: {target}]"]
            self.quarantine.write(item.record_id, "relation", reasons, item.data,
                                  {"relation": relation, "target": target})
            tally(report, reasons)
        for prop, value, reasons in result.value_rejections:
            self.quarantine.write(item.record_id, "value", reasons, item.data, {"property": prop, "value": value})
            tally(report, reasons)
        self._rows.append({**result.row, "_seq": seq})
        for rtype, row in result.edges:
            self._edge_rows.setdefault(rtype, []).append({**row, "_seq": seq})

    def flush(self) -> None:
        """Hand the node rows gathered so far (both paths) to the stream, and the exact path's edges to tables."""
        if self._rows:
            self._pending.append(pa.Table.from_pylist(self._rows, schema=self.node_schema))
        if self._pending:
            self.nodes.put(pa.concat_tables(self._pending))
            self._pending = []
        for rtype, rows in self._edge_rows.items():
            self.edges.add(rtype, pa.table({name: [row[name] for row in rows] for name in _EDGE_COLUMNS}))
        self._rows, self._edge_rows = [], {}

    # ---------------------------------------------------------------- whole blocks
    def block(self, block: Block, seq: int) -> int:
        """Map one block of lines; returns the number of records read."""
        lines = block.data.split(b"\n")
        ends = [True] * (len(lines) - 1) + [block.data.endswith(b"\n")]
        if not lines[-1]:
            lines.pop()
        full = [i for i, line in enumerate(lines) if line.strip()]
        joined = block.data if len(full) == len(lines) else b"\n".join(lines[i] for i in full)
        self._lines(block, lines, ends, full, joined, seq)
        self.flush()
        return len(full)

    def _lines(self, block: Block, lines: list[bytes], ends: list[bool], which: list[int], joined: bytes | None,
               seq: int) -> None:
        """``which``: indices in ``lines`` of the (non-blank) lines to map; the first has number ``seq``."""
        started = time.perf_counter()
        table = None
        if len(which) > _LEAF or joined is not None:
            data = joined if joined is not None else b"\n".join(lines[i] for i in which)
            if b"\xef\xbb\xbf" not in data:  # a byte-order mark fails Python's JSON reader, not Arrow's
                try:
                    table = pj.read_json(pa.BufferReader(data), parse_options=_PARSE)
                except (pa.ArrowInvalid, UnicodeDecodeError):
                    table = None
            if table is not None and table.num_rows != len(which):
                table = None  # two objects on one line, say: the exact path gives the reason
        if table is None and len(which) > _LEAF:
            half = len(which) // 2
            self._lines(block, lines, ends, which[:half], None, seq)
            self._lines(block, lines, ends, which[half:], None, seq + half)
            return
        exact: list[int] = list(range(len(which)))
        if table is not None:
            found = columns(table, np.arange(seq, seq + len(which), dtype=np.int64), self.schema, self.node_columns)
            self.seconds["arrow"] += time.perf_counter() - started
            exact = found.exact
            self._pending.append(found.nodes)
            for rtype, edges in found.edges.items():  # hashed now, while the engine copies the previous block
                key = pc.binary_join_element_wise(edges["from"], rtype, edges["to"], "|").combine_chunks()
                self.edges.add(rtype, edges.append_column("iri", _edge_iris(key)))
            report = self.report
            report.records_read += found.loaded
            report.records_loaded += found.loaded
            report.relations_read += found.relations
            report.relations_loaded += found.relations
            self.release(found.release)
        started = time.perf_counter()
        for index in exact:
            at = which[index]
            line = lines[at] + (b"\n" if ends[at] else b"")
            self.exact(exact_line(line, block.first_line + at), seq + index)
        self.seconds["exact"] += time.perf_counter() - started

    # ---------------------------------------------------------------- the tables to load
    def refs(self) -> pa.Array | None:
        """Every organisation an edge touches (the caller adds those never read as bare nodes)."""
        self.flush()
        return self.edges.ends()

    def edge_tables(self) -> Iterator[tuple[str, pa.Table]]:
        """Edges of each type as the engine takes them (last occurrence of each), one type at a time, its rows
        dropped as it goes."""
        self.flush()
        for rtype in self.edges.types():
            table = self.edges.read(rtype)
            table = last_wins(table, "iri")
            table = table.append_column(
                "source", pa.array(np.full(table.num_rows, ror.DATASET.key, dtype=object), pa.string()))
            columns_ = rel_columns(self.store, rtype)
            yield rtype, pa.table([table[n].cast(ARROW_TYPES[t]) for n, t in columns_], names=[n for n, _ in columns_])


class _EdgeSpill:
    """Edge rows per relationship type, appended to one Parquet file each, and the distinct ends seen."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.writers: dict[str, pq.ParquetWriter] = {}
        self._ends: list[pa.Array] = []

    def add(self, rtype: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        table = table.select(list(_EDGE_COLUMNS)).cast(_EDGE_SCHEMA)
        writer = self.writers.get(rtype)
        if writer is None:
            writer = self.writers[rtype] = pq.ParquetWriter(self.directory / f"{rtype}.parquet", _EDGE_SCHEMA,
                                                            compression="none")
        writer.write_table(table)
        self._ends += [pc.unique(table[name].combine_chunks()) for name in ("from", "to")]

    def ends(self) -> pa.Array | None:
        return pc.unique(pa.concat_arrays(self._ends)) if self._ends else None

    def types(self) -> list[str]:
        return sorted(self.writers)

    def read(self, rtype: str) -> pa.Table:
        self.writers.pop(rtype).close()
        path = self.directory / f"{rtype}.parquet"
        table = pq.read_table(path)
        path.unlink()
        return table

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers = {}


def _edge_iris(keys: pa.Array, size: int = 200_000) -> pa.Array:
    """:func:`graph.projection.edge_iri` of ``subject|rtype|object`` keys, a slice at a time."""
    sha1 = hashlib.sha1
    parts = [pa.array([f"urn:rskg:edge:{sha1(k.encode(), usedforsecurity=False).hexdigest()[:20]}"
                       for k in keys.slice(at, size).to_pylist()], pa.string()) for at in range(0, len(keys), size)]
    return pa.concat_arrays(parts) if parts else pa.array([], pa.string())


def run_bulk(
    source: Source,
    paths: Sequence[Path],
    store: GraphStore,
    quarantine_dir: Path,
    *,
    workdir: Path | None = None,
    progress: bool = True,
) -> RunReport:
    """Bulk-load ROR file(s) into ``store`` (a fresh database for ``COPY``); same report as the validated path.
    Edge rows wait in a temporary directory under ``workdir`` (the system's by default)."""
    from tqdm import tqdm

    if source.dataset.key != ror.DATASET.key:
        raise InputError(f"the bulk path reads ROR records only, not {source.dataset.key!r}")
    for path in paths:
        if not path.is_file():
            raise SourceError(f"no such file: {path}")
    report = RunReport(
        id=uuid.uuid4().hex,
        source=source.dataset.key,
        files=[str(p) for p in paths],
        sha256={p.name: file_sha256(p) for p in paths},
        started=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    clock = time.perf_counter()
    quarantine = QuarantineWriter(quarantine_dir, source.dataset.key, report.id)
    spill = tempfile.TemporaryDirectory(dir=workdir, prefix="rskg-bulk-")
    rows = _Collector(store, report, quarantine, Path(spill.name))
    bar = tqdm(desc=f"bulk {source.dataset.key}", unit="rec", disable=not progress, mininterval=0.5)
    seconds = {"nodes": 0.0, "rels": 0.0}
    try:
        _read(paths, rows, bar)
        bar.close()
        how = rows.nodes.finish(rows.refs())
        seconds["nodes"] = rows.nodes.seconds
        for rtype, table in rows.edge_tables():
            took: dict[str, float] = {}
            load_tables(store, {}, {(rtype, LABEL, LABEL): table}, took)
            seconds["rels"] += took["rels"]
    except BaseException:
        bar.close()
        rows.nodes.abort()  # the copied nodes (and edges) go: a failed load leaves the graph as it was
        quarantine.close().unlink(missing_ok=True)  # and no quarantine either
        raise
    finally:
        rows.edges.close()
        spill.cleanup()
    project_seconds = time.perf_counter() - clock - seconds["rels"]
    store.load(project(source.dataset.to_rdf(report.release)))
    report.quarantine_file = str(quarantine.close()) if quarantine.count else None
    report.finished = datetime.now(UTC).isoformat(timespec="seconds")
    report.seconds = round(time.perf_counter() - clock, 2)
    store.record_run({**report.as_row(), "path": "bulk"})
    log.info("bulk %s: read=%d loaded=%d quarantined=%d; rows in %.1fs (columnar %.1fs, exact %.1fs), nodes by %s, "
             "load %s", report.source, report.records_read, report.records_loaded, report.records_quarantined,
             project_seconds, rows.seconds["arrow"], rows.seconds["exact"], how,
             {k: round(v, 1) for k, v in seconds.items()})
    return report


def _read(paths: Sequence[Path], rows: _Collector, bar: Any) -> None:
    seq = 0
    for path in paths:
        if is_v2_lines(path):
            for block in blocks(path):
                count = rows.block(block, seq)
                seq += count
                bar.update(count)
            continue
        for item in ror.parse([path]):
            rows.exact(item, seq)
            seq += 1
            bar.update(1)
            if seq % 50_000 == 0:
                rows.flush()
        rows.flush()
