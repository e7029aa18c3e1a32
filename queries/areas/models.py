"""Typed, JSON-serialisable records of the areas package: the taxonomy as loaded, and classifier results.

Every record is a frozen dataclass; ``to_dict()`` gives plain JSON-ready data (``json.dumps`` works on it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

TAXONOMY_BASE = "https://w3id.org/rskg/taxonomy/"
RSKG_NS = "https://w3id.org/rskg/ontology#"
SCHEME_KEYS = ("eu-cta", "ca-stra", "us-cet", "eu-dual-use", "end-use")

ConceptKind = Literal["technology_area", "end_use", "facet"]
LabelType = Literal["prefLabel", "altLabel", "hiddenLabel"]
Relation = Literal["closeMatch", "broadMatch", "narrowMatch", "exactMatch"]
DerivationKind = Literal["broader", "closeMatch", "exactMatch", "broadMatch"]


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Scheme(_Record):
    iri: str
    key: str  # eu-cta, ca-stra, us-cet, eu-dual-use, end-use
    title: str
    scope_note: str | None
    editorial_notes: tuple[str, ...]


@dataclass(frozen=True)
class Concept(_Record):
    iri: str
    scheme: str  # scheme key
    notation: str | None
    pref_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    broader: tuple[str, ...]  # IRIs in the same scheme
    kind: ConceptKind


@dataclass(frozen=True)
class Mapping(_Record):
    """One cross-scheme mapping, as asserted (``subject relation object``), with its justification."""

    subject: str
    subject_scheme: str
    subject_label: str
    relation: Relation
    object: str
    object_scheme: str
    object_label: str
    justification: str


@dataclass(frozen=True)
class TermMatch(_Record):
    """A label of the concept found in the text: ``term`` is the label as the taxonomy writes it, ``text`` the
    words of the input it matched (after case, hyphen and inflection folding)."""

    term: str
    label_type: LabelType
    text: str


@dataclass(frozen=True)
class Derivation(_Record):
    """Why a concept was reported without (or besides) its own labels matching: it is the broader concept of a
    hit in the same scheme, or mapped from a hit in another scheme."""

    kind: DerivationKind
    source: str  # IRI of the concept it was derived from
    source_label: str
    source_scheme: str
    justification: str | None = None


@dataclass(frozen=True)
class Hit(_Record):
    concept: str
    scheme: str
    notation: str | None
    label: str
    confidence: float
    direct: bool  # its own labels matched the text
    matched_terms: tuple[str, ...]  # labels found in the text: its own, and those of the hits it derives from
    matches: tuple[TermMatch, ...]
    via: tuple[Derivation, ...]


@dataclass(frozen=True)
class SchemeResult(_Record):
    scheme: str
    title: str
    found: bool
    summary: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class AreaReport(_Record):
    """The classification of one text: per scheme what was found, and one overall statement (explicitly green
    when nothing was found)."""

    found: bool
    statement: str
    schemes: tuple[SchemeResult, ...]

    def hits(self) -> list[Hit]:
        return [hit for result in self.schemes for hit in result.hits]
