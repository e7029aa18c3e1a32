"""Multi-pattern label index: finds every label of every concept in a text in one pass.

Labels are indexed as stem sequences in an Aho-Corasick automaton (pyahocorasick) over the text's stems
joined by single spaces and padded with one, so a pattern " quantum sens " can only match whole words.
Acronyms are looked up case-sensitively in a dictionary. Built once per process; a text of 100 words is
matched in well under a millisecond.

Ambiguity control:
- single words shorter than ``MIN_WORD`` letters are not indexed (acronyms are, case-sensitively);
- single generic words (``GENERIC_WORDS``: "Electronics", "Computers", "Marine", "Payloads" are official
  labels but match far too much alone) are not indexed alone; the concepts keep specific alternative labels;
- ``NEUTRAL_PHRASES`` are common phrases that contain a keyword without meaning it ("disease surveillance",
  "immune defence"): a label match lying inside one, and shorter than it, is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick  # type: ignore[import-not-found, unused-ignore]

from queries.areas.models import LabelType
from queries.areas.text import ACRONYM_CANDIDATE, WORD, is_acronym, label_forms, normalise, stem, term_stems

MIN_WORD = 4
GENERIC_WORDS = (
    "electronics", "computers", "computer", "marine", "payloads", "payload", "materials", "material",
    "software", "technology", "technologies", "systems", "equipment",
)  # fmt: skip
NEUTRAL_PHRASES = (
    "disease surveillance", "epidemiological surveillance", "public health surveillance",
    "health surveillance", "syndromic surveillance", "surveillance of infections", "immune defence",
    "immune defense", "host defence", "host defense", "plant defence", "plant defense", "defence mechanism",
    "defense mechanism",
    "antioxidant defence", "antioxidant defense", "web navigation", "website navigation", "thesis defence",
    "thesis defense", "dissertation defence", "dissertation defense", "self-defence", "self-defense",
    "nuclear magnetic resonance", "nuclear receptor", "nuclear envelope", "nuclear pore", "nuclear factor",
    "nuclear localisation", "nuclear localization", "nuclear family", "quantum chemistry", "quantum yield",
    "quantum efficiency",
)  # fmt: skip

# Base weight of one matched term by label type, for multi-word and single-word terms.
WEIGHTS: dict[LabelType, tuple[float, float]] = {
    "prefLabel": (0.9, 0.8),
    "altLabel": (0.8, 0.7),
    "hiddenLabel": (0.55, 0.45),
}


@dataclass(frozen=True)
class Term:
    concept: str
    label: str  # as the taxonomy writes it
    label_type: LabelType
    weight: float


@dataclass(frozen=True)
class Found:
    term: Term
    text: str  # the words of the (normalised) input that matched


@dataclass(frozen=True)
class _Pattern:
    size: int  # number of words
    terms: tuple[int, ...]  # indexes into LabelIndex.terms
    neutral: bool


class LabelIndex:
    def __init__(self, labels: Iterable[tuple[str, str, LabelType]]) -> None:
        """``labels``: (concept IRI, label, label type) for every label to match."""
        self.terms: list[Term] = []
        patterns: dict[tuple[str, ...], list[int]] = {}
        self._acronyms: dict[str, list[int]] = {}
        generic = {stem(w) for w in GENERIC_WORDS}
        seen: set[tuple[str, tuple[str, ...] | str]] = set()
        for concept, label, label_type in labels:
            for form in label_forms(label):
                if is_acronym(form):
                    key: tuple[str, ...] | str = form
                    if (concept, key) in seen:
                        continue
                    seen.add((concept, key))
                    self._acronyms.setdefault(form, []).append(self._add(concept, label, label_type, 1))
                    continue
                stems = term_stems(form)
                if not stems or (len(stems) == 1 and (len(stems[0]) < MIN_WORD or stems[0] in generic)):
                    continue
                if (concept, stems) in seen:
                    continue
                seen.add((concept, stems))
                patterns.setdefault(stems, []).append(self._add(concept, label, label_type, len(stems)))
        self._automaton = ahocorasick.Automaton()
        for stems, ids in patterns.items():
            self._automaton.add_word(f" {' '.join(stems)} ", _Pattern(len(stems), tuple(ids), False))
        for phrase in NEUTRAL_PHRASES:
            stems = term_stems(phrase)
            key_text = f" {' '.join(stems)} "
            existing = self._automaton.get(key_text, None)
            self._automaton.add_word(key_text, _Pattern(len(stems), existing.terms if existing else (), True))
        self._automaton.make_automaton()

    def _add(self, concept: str, label: str, label_type: LabelType, size: int) -> int:
        multi, single = WEIGHTS[label_type]
        self.terms.append(Term(concept, label, label_type, multi if size > 1 else single))
        return len(self.terms) - 1

    @property
    def pattern_count(self) -> int:
        return len(self._automaton) + len(self._acronyms)

    def find(self, text: str) -> list[Found]:
        """Every label occurrence in ``text``, minus those inside a neutral phrase."""
        source = normalise(text)
        tokens = WORD.findall(source)
        if not tokens:
            return []
        stems = list(map(stem, [token.lower() for token in tokens]))
        joined = f" {' '.join(stems)} "
        # the position of the space after each word -> the word's index
        ends = dict(zip(accumulate(len(s) + 1 for s in stems), range(len(stems)), strict=True))
        spans: list[tuple[int, int, int]] = []  # (first word, last word, term id)
        neutral: list[tuple[int, int]] = []
        for end, pattern in self._automaton.iter(joined):
            last = ends[end]
            first = last - pattern.size + 1
            if pattern.neutral:
                neutral.append((first, last))
            spans.extend((first, last, term_id) for term_id in pattern.terms)
        found: list[Found] = []
        if spans:
            bounds = [m.span() for m in WORD.finditer(source)]
            for first, last, term_id in spans:
                if any(nf <= first and last <= nl and (last - first) < (nl - nf) for nf, nl in neutral):
                    continue
                found.append(Found(self.terms[term_id], source[bounds[first][0] : bounds[last][1]]))
        for word in ACRONYM_CANDIDATE.findall(source):
            ids = self._acronyms.get(word) or (self._acronyms.get(word[:-1]) if word.endswith("s") else None)
            if ids:
                found.extend(Found(self.terms[term_id], word) for term_id in ids)
        return found
