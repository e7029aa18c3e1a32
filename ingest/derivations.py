"""The steps that derive data from the whole graph after an ingest, and their order. Each module registers its
step with :func:`ingest.run.register_derivation`; importing it here is what makes the step known."""

from __future__ import annotations

import ingest.exposure
import ingest.identity_index
import ingest.lists.index_step
import ingest.lists.linking
import ingest.taxonomies

ORDER = (
    "taxonomies",  # the concept schemes shipped in ontology/taxonomies, as Concept and Scheme nodes
    "resolver",  # the resolver index, rebuilt from the graph
    "link",  # list entries → the registry organisations they name (SAME_AS with score and method)
    "resolver_merged",  # the index again, linked list entries folded into their registry organisations
    "exposure",  # paths from every organisation to listed / end-use-flagged entities
)
MODULES = (ingest.taxonomies, ingest.lists.index_step, ingest.lists.linking, ingest.identity_index, ingest.exposure)


def steps_from(steps: tuple[str, ...] | list[str]) -> list[str] | None:
    """The steps to run when ``steps`` are asked for: all (None) for none; else the first of them and every step
    after it, as the later steps read what it makes. Linking reads the index the "resolver" step builds (and
    "resolver_merged" then replaces), so those three run together: run after the merged index, linking would
    resolve against names folded in from other lists."""
    if not steps:
        return None
    first = min(ORDER.index(step) for step in steps)
    if ORDER[first] in ("link", "resolver_merged"):
        first = ORDER.index("resolver")
    return list(ORDER[first:])
