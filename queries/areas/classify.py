"""Classify free text (a project description, keywords, research topics) into the technology-area and
end-use schemes, explaining every hit by the labels that matched.

1. Direct hits: concepts whose preferred, alternative or hidden labels occur in the text (see matcher.py).
   Confidence = 1 - prod(1 - w) over the distinct matched labels (w by label type and length), at most 0.99.
2. Broader concepts of a hit in the same scheme are reported too (confidence x 0.9 per step).
3. Mappings propagate one hop across schemes, only where the mapping cannot over-state the text:
   along closeMatch/exactMatch (both ways, x 0.85) and towards the broader side of broadMatch/narrowMatch
   (x 0.75). A mapped concept that also matched the text is a direct hit and keeps its own confidence.
   A concept reached only through a mapping says so (``direct`` false, ``via``), with the matched terms
   of the hit it came from.
4. The report states per scheme what was found, and says explicitly when nothing was found.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from queries.areas.matcher import LabelIndex
from queries.areas.models import (
    SCHEME_KEYS,
    AreaReport,
    Derivation,
    DerivationKind,
    Hit,
    LabelType,
    Mapping,
    SchemeResult,
    TermMatch,
)
from queries.areas.taxonomy import Taxonomy, get_taxonomy
from rskg.errors import InputError

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 100_000
BROADER_FACTOR = 0.9
MAPPING_FACTORS: dict[DerivationKind, float] = {"closeMatch": 0.85, "exactMatch": 0.9, "broadMatch": 0.75}
MAX_CONFIDENCE = 0.99


@dataclass
class _Acc:
    """What is known about one concept while a text is classified."""

    confidence: float = 0.0
    matches: dict[str, TermMatch] = field(default_factory=dict)  # by term
    via: dict[tuple[str, str], Derivation] = field(default_factory=dict)  # by (kind, source)
    inherited: set[str] = field(default_factory=set)  # matched terms of the hits it derives from

    @property
    def direct(self) -> bool:
        return bool(self.matches)


class AreaClassifier:
    """Built once from a taxonomy (about 0.1 s); then ``classify`` is pure and thread-safe."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        labels: list[tuple[str, str, LabelType]] = []
        for concept in taxonomy.concepts.values():
            if concept.kind == "facet":
                continue  # product groups are a facet, not an area: never assigned
            labels.append((concept.iri, concept.pref_label, "prefLabel"))
            labels.extend((concept.iri, label, "altLabel") for label in concept.alt_labels)
            labels.extend((concept.iri, label, "hiddenLabel") for label in concept.hidden_labels)
        self.index = LabelIndex(labels)
        self._edges: dict[str, list[tuple[str, DerivationKind, str]]] = defaultdict(list)
        for m in taxonomy.mappings:
            if m.relation in ("closeMatch", "exactMatch"):
                self._edges[m.subject].append((m.object, m.relation, m.justification))
                self._edges[m.object].append((m.subject, m.relation, m.justification))
            elif m.relation == "broadMatch":
                self._edges[m.subject].append((m.object, "broadMatch", m.justification))
            else:  # narrowMatch: the subject is the broader side
                self._edges[m.object].append((m.subject, "broadMatch", m.justification))
        self._schemes = [key for key in SCHEME_KEYS if key in taxonomy.schemes]
        # (child, parent) steps from each concept up to its top concept(s), in order
        self._ancestry: dict[str, list[tuple[str, str]]] = {}
        for iri in taxonomy.concepts:
            steps: list[tuple[str, str]] = []
            frontier = [iri]
            while frontier:
                child = frontier.pop(0)
                for parent in taxonomy.concepts[child].broader:
                    if (child, parent) not in steps:
                        steps.append((child, parent))
                        frontier.append(parent)
            self._ancestry[iri] = steps
        log.info(
            "areas classifier built: concepts=%d patterns=%d mappings=%d",
            len(taxonomy.concepts), self.index.pattern_count, len(taxonomy.mappings),
        )  # fmt: skip

    # ------------------------------------------------------------------ public
    def classify(self, text: str, *, propagate: bool = True) -> AreaReport:
        _check_text(text)
        acc = self._direct(text)
        if propagate and acc:
            self._propagate(acc)
        return self._report(acc)

    def classify_many(self, texts: Iterable[str], *, propagate: bool = True) -> list[AreaReport]:
        return [self.classify(text, propagate=propagate) for text in texts]

    def classify_topics(
        self, topics: Iterable[str], *, propagate: bool = True
    ) -> list[tuple[str, float, tuple[str, ...]]]:
        """Research topics ("naval architecture", "underwater acoustics", "nuclear") -> concepts, pooled over
        all topics: (concept IRI, best confidence, matched terms), highest confidence first. Empty topics
        are skipped."""
        best: dict[str, tuple[float, set[str]]] = {}
        for topic in topics:
            if not isinstance(topic, str):
                raise InputError(f"a topic must be a string, not {type(topic).__name__}")
            if not topic.strip():
                continue
            for hit in self.classify(topic, propagate=propagate).hits():
                confidence, terms = best.get(hit.concept, (0.0, set()))
                best[hit.concept] = (max(confidence, hit.confidence), terms | set(hit.matched_terms))
        rows = [(iri, conf, tuple(sorted(terms))) for iri, (conf, terms) in best.items()]
        rows.sort(key=lambda row: (-row[1], row[0]))
        return rows

    def mappings_table(self) -> list[Mapping]:
        return list(self.taxonomy.mappings)

    # ------------------------------------------------------------------ steps
    def _direct(self, text: str) -> dict[str, _Acc]:
        acc: dict[str, _Acc] = {}
        for found in self.index.find(text):
            entry = acc.setdefault(found.term.concept, _Acc())
            if found.term.label not in entry.matches:
                entry.matches[found.term.label] = TermMatch(found.term.label, found.term.label_type, found.text)
                entry.confidence = 1 - (1 - entry.confidence) * (1 - found.term.weight)
        for entry in acc.values():
            entry.confidence = min(entry.confidence, MAX_CONFIDENCE)
        return acc

    def _derive(
        self, acc: dict[str, _Acc], target: str, kind: DerivationKind, source: str, factor: float,
        justification: str | None,
    ) -> None:  # fmt: skip
        src = acc[source]
        entry = acc.get(target)
        if entry is None:
            entry = acc[target] = _Acc()
        key = (kind, source)
        if key not in entry.via:
            concept = self.taxonomy.concepts[source]
            entry.via[key] = Derivation(kind, source, concept.pref_label, concept.scheme, justification)
        entry.inherited.update(src.matches)
        entry.inherited.update(src.inherited)
        confidence = src.confidence * factor
        if confidence > entry.confidence:
            entry.confidence = confidence

    def _add_broader(self, acc: dict[str, _Acc], start: Iterable[str]) -> None:
        for iri in sorted(start, key=lambda i: -acc[i].confidence):
            for child, parent in self._ancestry[iri]:
                self._derive(acc, parent, "broader", child, BROADER_FACTOR, None)

    def _propagate(self, acc: dict[str, _Acc]) -> None:
        self._add_broader(acc, list(acc))
        reached: list[str] = []
        for source in sorted(acc, key=lambda i: -acc[i].confidence):
            for target, kind, justification in self._edges.get(source, ()):
                if target not in acc:
                    reached.append(target)
                self._derive(acc, target, kind, source, MAPPING_FACTORS[kind], justification)
        self._add_broader(acc, [t for t in reached if not acc[t].direct])

    # ------------------------------------------------------------------ report
    def _report(self, acc: dict[str, _Acc]) -> AreaReport:
        by_scheme: dict[str, list[Hit]] = {key: [] for key in self._schemes}
        for iri, entry in acc.items():
            concept = self.taxonomy.concepts[iri]
            direct = entry.direct
            terms = tuple(sorted(set(entry.matches) | entry.inherited))
            by_scheme[concept.scheme].append(
                Hit(
                    concept=iri,
                    scheme=concept.scheme,
                    notation=concept.notation,
                    label=concept.pref_label,
                    confidence=round(entry.confidence, 3),
                    direct=direct,
                    matched_terms=terms,
                    matches=tuple(entry.matches[t] for t in sorted(entry.matches)),
                    via=tuple(entry.via[k] for k in sorted(entry.via)),
                )
            )
        results = []
        for key, hits in by_scheme.items():
            hits.sort(key=lambda h: (-h.confidence, not h.direct, h.concept))
            results.append(SchemeResult(key, self.taxonomy.schemes[key].title, bool(hits), _summary(hits), tuple(hits)))
        return AreaReport(found=any(r.found for r in results), statement=_statement(results), schemes=tuple(results))


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("text is empty: give a project description, keywords or research topics")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}")


def _summary(hits: list[Hit]) -> str:
    if not hits:
        return "no concept of this scheme found"
    direct = sum(h.direct for h in hits)
    derived = len(hits) - direct
    return f"{len(hits)} concept(s): {direct} matched in the text, {derived} via broader concepts or mappings"


def _statement(results: list[SchemeResult]) -> str:
    clear = [f"{r.title} ({r.scheme})" for r in results if not r.found]
    found = [f"{r.title} ({r.scheme})" for r in results if r.found]
    if not found:
        return "No sensitive area found in schemes " + "; ".join(clear) + "."
    text = "Sensitive areas found in " + "; ".join(found) + "."
    if clear:
        text += " No sensitive area found in " + "; ".join(clear) + "."
    return text


@lru_cache(maxsize=1)
def get_classifier() -> AreaClassifier:
    """The classifier over the packaged taxonomy, built once per process."""
    return AreaClassifier(get_taxonomy())


def classify(text: str, *, propagate: bool = True) -> AreaReport:
    return get_classifier().classify(text, propagate=propagate)


def classify_topics(topics: Iterable[str], *, propagate: bool = True) -> list[tuple[str, float, tuple[str, ...]]]:
    return get_classifier().classify_topics(topics, propagate=propagate)


def mappings_table() -> list[Mapping]:
    """The cross-scheme mapping table: subject, relation, object (schemes and labels) and justification."""
    return get_classifier().mappings_table()
