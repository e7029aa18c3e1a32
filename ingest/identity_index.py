"""Derivation "resolver_merged" (after "link"): rebuild the resolver index with every list entry that is linked
(SAME_AS) to a registry organisation folded into that organisation, and every entry linked to another entry of
the same name folded into that entry. Its names and aliases become names of the
registry organisation, and it no longer competes with it, so "Harbin Engineering University" (in ROR and on four
lists) resolves to one organisation instead of five equally good candidates. Unlinked list entries stay in the
index as organisations of their own."""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterator

from graph import GraphStore
from ingest.lists.index_step import records, save_atomically
from ingest.run import register_derivation
from queries.resolver import NameRecord, ResolverIndex
from rskg.settings import Settings

log = logging.getLogger(__name__)


def merged_records(store: GraphStore) -> Iterator[NameRecord]:
    """The records with linked list entries folded in, one at a time (a generator, so that the index build can
    let each go once indexed: at a million organisations a list of them stayed beside the whole index)."""
    by_iri = {record.iri: record for record in records(store)}
    linked: dict[str, list[str]] = defaultdict(list)  # registry IRI (or first list entry) → linked list entries
    pairs = [(row["a"], row["b"]) for row in store.query("all_identity")]
    subjects = {entry for entry, _ in pairs}
    for entry, target in pairs:
        # into a registry organisation, or into the entry another entry of the same name is linked to
        # (ingest.lists.linking.same_name_links), never into an entry that is itself folded
        if entry in by_iri and target in by_iri and not by_iri[entry].registry and target not in subjects:
            linked[target].append(entry)
    folded = {entry for entries in linked.values() for entry in entries}
    log.info("resolver index: %d list entries folded into %d organisations", len(folded), len(linked))
    for iri, record in by_iri.items():
        if iri in folded:
            continue
        entries = [by_iri[e] for e in linked.get(iri, [])]
        if entries:
            names = [n for e in entries for n in (e.name, *e.alt_names, *(label.value for label in e.labels))]
            known = {record.name, *record.alt_names, *(label.value for label in record.labels)}
            record = dataclasses.replace(
                record,
                alt_names=record.alt_names + tuple(dict.fromkeys(n for n in names if n not in known)),
                acronyms=record.acronyms
                + tuple(dict.fromkeys(a for e in entries for a in e.acronyms if a not in record.acronyms)),
            )
        yield record


@register_derivation("resolver_merged")
def refresh_merged_index(store: GraphStore, settings: Settings) -> None:
    save_atomically(ResolverIndex.build(merged_records(store)), settings.index_dir)
