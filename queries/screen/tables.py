"""Per-process look-up tables for screening: every listing, SAME_AS link, area assignment and funding fact,
read once per store and indexed by entity IRI. They are small next to the registry (tens of thousands of rows)
and turn each screening into dictionary look-ups. A process that ingests must call :func:`forget` (``derive``
does; the CLI opens a fresh store per command; the API opens the graph read-only and loads them at start)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph import GraphStore

Row = dict[str, Any]


@dataclass
class Tables:
    listings: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    identity: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    areas: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    funders: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))


def tables(store: GraphStore) -> Tables:
    cached: Tables | None = getattr(store, "_rskg_tables", None)
    if cached is not None:
        return cached
    loaded = Tables()
    for row in store.query("all_listings"):
        loaded.listings[row["entity"]].append(row)
    for row in store.query("all_identity"):
        for this, other in (("a", "b"), ("b", "a")):
            loaded.identity[row[this]].append(
                {
                    "iri": row[other],
                    "name": row[f"{other}_name"],
                    "countries": row[f"{other}_countries"],
                    "kinds": row[f"{other}_kinds"],
                    "source": row[f"{other}_source"],
                    "score": row["score"],
                    "method": row["method"],
                }
            )
    for row in store.query("all_areas"):
        loaded.areas[row["entity"]].append(row)
    for row in store.query("all_funders"):
        loaded.funders[row["entity"]].append(row)
    store._rskg_tables = loaded  # type: ignore[attr-defined]  # per-store cache, dropped with the store
    return loaded


def forget(store: GraphStore) -> None:
    """Drop the cached tables and coverage (after an ingest into this store)."""
    for name in ("_rskg_tables", "_rskg_coverage"):
        if hasattr(store, name):
            delattr(store, name)
