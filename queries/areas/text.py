"""Text normalisation shared by the label index and the classifier.

Words are split on anything that is not a letter or digit (so hyphens, slashes and brackets separate words:
"Gene-drive" = "gene drive"), lower-cased and reduced to their Snowball (Porter2) English stem, so singular
and plural and most inflections meet ("vehicles" = "vehicle", "genetically engineered" = "genetic
engineering"). A term is the tuple of its stems; a text matches a term where the stems appear contiguously.

Short all-capital labels ("AI", "QKD", "5G", "UAV") are acronyms: they are matched only against the same
capitals in the text (an optional plural "s" allowed: "UAVs"), never against an ordinary word ("ai", "uav").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped, unused-ignore]

WORD = re.compile(r"[^\W_]+")
# A word that could be an acronym (capitals and digits, optional plural "s"); checked against the index.
ACRONYM_CANDIDATE = re.compile(r"(?<![^\W_])[A-Z0-9]*[A-Z][A-Z0-9]*s?(?![^\W_])")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
_STEMMER = snowballstemmer.stemmer("english")

# Words the stemmer would fold into the stem of a keyword though they mean something else
# ("sense" and "sensing" both stem to "sens").
_STEM_EXCEPTIONS = {"sense": "sense", "senses": "sense", "sensed": "sense"}

ACRONYM_MAX = 6


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Stem of one lower-case word (cached: texts repeat words)."""
    return _STEM_EXCEPTIONS.get(word) or str(_STEMMER.stemWord(word))


def normalise(text: str) -> str:
    """Unicode compatibility form (full-width letters, ligatures), typographic apostrophes removed."""
    return unicodedata.normalize("NFKC", text).replace("\u2019", "").replace("'", "")


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text, as regex matches (so callers keep the original spans)."""
    return WORD.finditer(normalise(text))


def term_stems(label: str) -> tuple[str, ...]:
    return tuple(stem(m.group().lower()) for m in words(label))


def is_acronym(label: str) -> bool:
    """``AI``, ``QKD``, ``5G``, ``CRISPR``: one short word, all capitals (digits allowed), with a letter."""
    return (
        len(label) <= ACRONYM_MAX and label.isalnum() and label == label.upper() and any(ch.isalpha() for ch in label)
    )


def label_forms(label: str) -> list[str]:
    """The forms of a label worth matching: the label itself; when it has a bracketed part, the label
    without it ("Machine Learning (ML)" -> "Machine Learning"; "Underwater (Wireless) Sensor Network" ->
    "Underwater Sensor Network"); when it has hyphens, the closed compound too ("multi-spectral" ->
    "multispectral"; the hyphenated form already matches "multi spectral"). Bracketed acronyms are not split
    off on their own: curated alternative labels name the acronyms that are safe to match alone."""
    forms = [label]
    if "(" in label:
        stripped = " ".join(_PARENTHETICAL.sub("", label).split())
        if stripped and stripped != label:
            forms.append(stripped)
    for form in list(forms):
        if "-" in form:
            forms.append(form.replace("-", ""))  # "micro-inertial" also as "microinertial"
    return forms
