"""parse → map to RDF → SHACL-validate (per batch, in worker processes) → project → load, with quarantine.

Counts reconcile: records read = loaded + quarantined, and relation statements read = loaded + quarantined.
Re-running is idempotent: loads are upserts keyed by IRI, and the run record is kept apart from the data.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import signal
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from tqdm import tqdm

from graph.base import GraphStore
from graph.projection import Projection, project
from ingest.quarantine import QuarantineWriter
from ingest.source import Bad, Raw, Source
from ingest.validate import Mapped, Rejection, validate_batch, validate_graph, validation_graph
from rskg.errors import SourceError

log = logging.getLogger(__name__)
VALIDATION_BATCH = 400


@dataclass
class RunReport:
    id: str
    source: str
    files: list[str]
    sha256: dict[str, str]
    started: str
    finished: str = ""
    seconds: float = 0.0
    release: str | None = None
    records_read: int = 0
    records_loaded: int = 0
    records_quarantined: int = 0
    relations_read: int = 0
    relations_loaded: int = 0
    relations_quarantined: int = 0
    quarantine_file: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def reconciles(self) -> bool:
        return (
            self.records_read == self.records_loaded + self.records_quarantined
            and self.relations_read == self.relations_loaded + self.relations_quarantined
        )

    def as_row(self) -> dict[str, object]:
        return asdict(self)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class BatchResult:
    projection: Projection
    rejections: list[Rejection]
    records: int
    loaded: int
    relations: int
    relations_loaded: int
    release: str | None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch is worked on. A batch makes hundreds of thousands of small
    objects (terms, index dictionaries, rows) that reference counting frees; the collector, triggered every
    700 allocations, kept walking them and the process's long-lived objects: 35-40% of a batch's time
    (measured). Cycles made meanwhile are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def process_batch(source: Source, raws: list[Raw]) -> BatchResult:
    """Map, validate and project one batch (runs in a worker process)."""
    with _collector_paused():
        return _process_batch(source, raws)


def _process_batch(source: Source, raws: list[Raw]) -> BatchResult:
    mapped: list[Mapped] = []
    rejections: list[Rejection] = []
    for raw in raws:
        try:
            mapped.append(source.mapper(raw))
        except (ValueError, KeyError, TypeError) as exc:
            rejections.append(Rejection(raw.record_id, "record", [f"cannot map record: {exc}"], raw.data))
    relations = sum(m.relations for m in mapped)
    kept, rejected = validate_batch(mapped)
    rejections.extend(rejected)
    projection = Projection()
    for item in kept:
        projection.extend(project(item.triples))
    releases = {raw.release for raw in raws if raw.release}
    return BatchResult(
        projection,
        rejections,
        len(raws),
        len(kept),
        relations,
        sum(m.relations for m in kept),
        max(releases) if releases else None,
    )


def _load_static(source: Source, store: GraphStore) -> None:
    """Lists, editions and the like: a source's own declarations must be valid, or nothing is loaded."""
    assert source.static_rdf is not None
    graph = source.static_rdf()
    violations = validate_graph(validation_graph([graph]))
    if violations:
        reasons = "; ".join(sorted({v.reason() for v in violations})[:5])
        raise SourceError(f"{source.dataset.key}: its list declarations are invalid: {reasons}")
    store.load(project(graph))


def _start_worker() -> None:
    """A validation worker: the objects it inherited set aside from collection (they live as long as it does),
    and it ends with the ingest that started it."""
    gc.freeze()
    _die_with_parent()


def _die_with_parent() -> None:
    """Validation workers end with the ingest that started them, even when it is killed (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when the pool's pipe closes instead
        return


def _batches(items: Iterable[Raw], size: int) -> Iterator[list[Raw]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run_batches(source: Source, batches: Iterator[list[Raw]], consume: Callable[[BatchResult], None],
                 workers: int) -> None:
    if workers <= 1:
        for batch in batches:
            consume(process_batch(source, batch))
        return
    context = get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        pending: list[Future[BatchResult]] = []
        for batch in batches:
            pending.append(pool.submit(process_batch, source, batch))
            while len(pending) > workers * 2:
                consume(pending.pop(0).result())
        for future in pending:
            consume(future.result())


def run_ingest(
    source: Source,
    paths: Sequence[Path],
    store: GraphStore,
    quarantine_dir: Path,
    *,
    workers: int = 1,
    progress: bool = True,
) -> RunReport:
    """Ingest a source's file(s) into ``store``. Raises :class:`SourceError` if a file cannot be read at all
    (checked before anything is loaded where the format allows)."""
    for path in paths:
        if not path.is_file():
            raise SourceError(f"no such file: {path}")
    started = datetime.now(UTC)
    clock = time.perf_counter()
    report = RunReport(
        id=uuid.uuid4().hex,
        source=source.dataset.key,
        files=[str(p) for p in paths],
        sha256={p.name: file_sha256(p) for p in paths},
        started=started.isoformat(timespec="seconds"),
    )
    if source.static_rdf is not None:
        _load_static(source, store)
    quarantine = QuarantineWriter(quarantine_dir, source.dataset.key, report.id)
    bar = tqdm(desc=f"ingest {source.dataset.key}", unit="rec", disable=not progress, mininterval=0.5)

    def parsed() -> Iterator[Raw]:
        for item in source.parse(paths):
            report.records_read += 1
            if isinstance(item, Bad):
                report.records_quarantined += 1
                quarantine.write(item.locator, "record", [item.reason], item.raw)
                bar.update(1)
                continue
            yield item

    def consume(result: BatchResult) -> None:
        store.load(result.projection)  # one batch at a time: each batch is committed on its own
        report.records_loaded += result.loaded
        report.records_quarantined += result.records - result.loaded
        report.relations_read += result.relations
        report.relations_loaded += result.relations_loaded
        report.relations_quarantined += result.relations - result.relations_loaded
        if result.release and (report.release is None or result.release > report.release):
            report.release = result.release
        for rejection in result.rejections:
            quarantine.write(rejection.record_id, rejection.unit, rejection.reasons, rejection.raw, rejection.detail)
            for reason in rejection.reasons:
                key = reason.split(" [", 1)[0]
                report.reasons[key] = report.reasons.get(key, 0) + 1
        bar.update(result.records)

    _run_batches(source, _batches(parsed(), VALIDATION_BATCH), consume, workers)
    bar.close()
    if report.release is not None or report.records_loaded:
        # a run that loaded nothing must not replace the release an earlier run recorded
        store.load(project(source.dataset.to_rdf(report.release)))
    report.quarantine_file = str(quarantine.close()) if quarantine.count else None
    report.finished = datetime.now(UTC).isoformat(timespec="seconds")
    report.seconds = round(time.perf_counter() - clock, 2)
    store.record_run(report.as_row())
    log.info(
        "ingest %s: read=%d loaded=%d quarantined=%d relations=%d/%d/%d in %.1fs",
        report.source,
        report.records_read,
        report.records_loaded,
        report.records_quarantined,
        report.relations_read,
        report.relations_loaded,
        report.relations_quarantined,
        report.seconds,
    )
    return report
