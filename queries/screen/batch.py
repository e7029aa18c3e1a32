"""Screen many partners: one row per partner with its strongest finding, in input order, streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from graph import GraphStore
from queries.screen.models import EFFECT_RANK, ScreeningReport
from queries.screen.report import screen

COLUMNS = (
    "input",
    "decision",
    "iri",
    "name",
    "strongest",
    "direct_lists",
    "inherited_lists",
    "connections",
    "areas",
    "as_of",
)


def summary_row(report: ScreeningReport) -> dict[str, Any]:
    direct = sorted({li.list.key for li in report.listings if li.in_force}, key=lambda k: k)
    inherited = sorted({li.list.key for e in report.inherited for li in e.listings if li.in_force})
    connected = [e for e in report.connections if e.current]
    best = min((EFFECT_RANK.get(e.strongest_effect or "", 9) for e in connected), default=None)
    return {
        "input": report.query,
        "decision": report.resolution.decision,
        "iri": report.subject.iri if report.subject else "",
        "name": report.subject.name if report.subject else "",
        "strongest": report.strongest,
        "direct_lists": ";".join(direct),
        "inherited_lists": ";".join(inherited),
        "connections": f"{len(connected)}" + (f" (strongest rank {best})" if best is not None else ""),
        "areas": ";".join(sorted({a.label or a.concept for a in report.areas if a.via is None})),
        "as_of": report.as_of.isoformat(),
    }


def screen_many(
    store: GraphStore, index: Any, names: Iterable[str], *, as_of: dt.date | None = None, hops: int = 3
) -> Iterator[dict[str, Any]]:
    for name in names:
        yield summary_row(screen(store, index, name, as_of=as_of, hops=hops))


def names_from_csv(text: str, column: str = "name") -> list[str]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if column.lower() not in fields:
        from rskg.errors import InputError

        raise InputError(f"the CSV has no column {column!r} (columns: {', '.join(reader.fieldnames or [])})")
    key = (reader.fieldnames or [])[fields.index(column.lower())]
    return [row[key].strip() for row in reader if (row.get(key) or "").strip()]
