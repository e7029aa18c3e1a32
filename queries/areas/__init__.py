"""Sensitive technology areas and end-uses: the SKOS schemes (EU critical technology areas, Canada STRA,
US critical and emerging technologies, EU dual-use Annex I, rskg end-uses), their cross-scheme mappings, and a
classifier that maps free text to concepts of every scheme with the labels that matched.

    from queries.areas import classify, classify_topics, mappings_table, load_taxonomies
    report = classify("quantum sensing for submarine detection")    # AreaReport, report.to_dict() is JSON
    classify_topics(["naval architecture", "nuclear"])               # [(concept IRI, confidence, terms)]
    graph = load_taxonomies()                                        # rdflib.Graph: all schemes + mappings
"""

from queries.areas.classify import AreaClassifier, classify, classify_topics, get_classifier, mappings_table
from queries.areas.models import (
    AreaReport,
    Concept,
    Derivation,
    Hit,
    Mapping,
    Scheme,
    SchemeResult,
    TermMatch,
)
from queries.areas.taxonomy import Taxonomy, get_taxonomy, load_taxonomies, read_taxonomy

__all__ = [
    "AreaClassifier",
    "AreaReport",
    "Concept",
    "Derivation",
    "Hit",
    "Mapping",
    "Scheme",
    "SchemeResult",
    "Taxonomy",
    "TermMatch",
    "classify",
    "classify_topics",
    "get_classifier",
    "get_taxonomy",
    "load_taxonomies",
    "mappings_table",
    "read_taxonomy",
]
