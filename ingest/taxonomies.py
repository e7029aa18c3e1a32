"""Derivation "taxonomies" (first): the technology-area and end-use concept schemes shipped in
ontology/taxonomies/ are validated with their shapes and loaded as Concept and Scheme nodes (IN_SCHEME, BROADER,
the cross-scheme CLOSE_MATCH / BROAD_MATCH / NARROW_MATCH), so areas found in sources and screening reports show
their official labels. The mapping justifications stay in the TTL (``rskg areas --mappings``)."""

from __future__ import annotations

import logging

from graph import GraphStore
from graph.projection import project
from ingest.run import register_derivation
from ingest.validate import validate_graph, validation_graph
from queries.areas.taxonomy import load_taxonomies
from rskg.errors import SourceError
from rskg.settings import Settings

log = logging.getLogger(__name__)


@register_derivation("taxonomies")
def load_schemes(store: GraphStore, settings: Settings) -> None:
    graph = load_taxonomies()
    violations = validate_graph(validation_graph([graph]))
    if violations:
        reasons = "; ".join(sorted({v.reason() for v in violations})[:5])
        raise SourceError(f"the shipped taxonomies do not validate: {reasons}")
    projection = project(graph)
    store.load(projection)
    log.info("taxonomies: %d concepts and schemes, %d relations", projection.node_count, projection.rel_count)
