"""Coverage: which lists and editions a screening consulted, which were in force at ``as_of``, and the date of
each source's data. Read once per store and cached: it does not depend on the partner."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from graph import GraphStore
from queries.screen.models import CoverageItem, EditionRef, ListRef
from queries.screen.timing import parse_start

EFFECTS = ("binding_restriction", "policy_exclusion", "advisory", "informational")


@lru_cache(maxsize=8)
def _dataset_of_list() -> dict[str, str]:
    from ingest.lists.registry import list_keys, reader_names

    return {key: name for name in reader_names() for key in list_keys(name)}


def _raw(store: GraphStore) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    cached = getattr(store, "_rskg_coverage", None)
    if cached is None:
        releases = {str(row["key"]): row["release"] for row in store.query("coverage_datasets")}
        cached = (store.query("coverage_editions"), releases)
        store._rskg_coverage = cached  # type: ignore[attr-defined]  # per-store cache, dropped with the store
    return cached


def coverage(store: GraphStore, as_of: dt.date) -> list[CoverageItem]:
    rows, releases = _raw(store)
    items: dict[str, CoverageItem] = {}
    for row in rows:
        key = str(row["list_key"])
        effect = row["legal_effect"] if row["legal_effect"] in EFFECTS else None
        item = items.setdefault(
            key,
            CoverageItem(
                list=ListRef(
                    key=key,
                    title=row["list_title"],
                    authority=row["authority"],
                    jurisdiction=row["jurisdiction"],
                    legal_effect=effect,
                    url=row["url"],
                ),
                editions=[],
                in_force=[],
                data_date=releases.get(_dataset_of_list().get(key, "")),
            ),
        )
        edition = EditionRef(
            key=str(row["edition_key"]),
            title=row["edition_title"],
            date=row["edition_date"],
            date_basis=row["date_basis"],
            superseded=row["superseded"],
        )
        item.editions.append(edition)
        start, end = parse_start(edition.date), parse_start(edition.superseded)
        if (start is None or start <= as_of) and (end is None or as_of < end):
            item.in_force.append(edition.key)
    return sorted(
        items.values(),
        key=lambda i: (EFFECTS.index(i.list.legal_effect) if i.list.legal_effect else 9, i.list.key),
    )
