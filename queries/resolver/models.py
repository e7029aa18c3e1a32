"""The resolver's plain data: what goes into the index (:class:`NameRecord`) and what comes out of a
resolve (:class:`Resolution` holding :class:`Candidate` objects). No behaviour beyond serialisation."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Decision = Literal["match", "candidates", "none"]
Feature = float | str


@dataclass(frozen=True)
class Label:
    """A name in some language (ISO 639-1 code, or ``None`` when the source does not say)."""

    value: str
    lang: str | None = None


@dataclass(frozen=True)
class NameRecord:
    """One organisation as the index builder sees it.

    ``registry`` is True for registry organisations (ROR), False for list-of-concern entries. ``status`` is
    ``active``, ``inactive`` or ``withdrawn``. ``kinds`` are lower-case ("education", "healthcare", …).
    ``cities`` and ``successors`` are optional context (location names; IRIs of successor organisations).
    """

    iri: str
    name: str
    alt_names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    labels: tuple[Label, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    status: str = "active"
    source: str = "ror"
    registry: bool = True
    cities: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    # How many organisations the registry relates to it (children and related ones): a prior for which of
    # several organisations sharing one name a bare mention means.
    links: int = 0


@dataclass
class Candidate:
    """An organisation proposed for a piece of text, with the features that explain its score."""

    iri: str
    name: str
    score: float
    method: str
    features: dict[str, Feature] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Resolution:
    """The answer to "who is it?": ``match`` (one or more organisations named in the text), ``candidates``
    (plausible, none confident) or ``none``."""

    text: str
    decision: Decision
    matches: list[Candidate] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "input": self.text,
            "decision": self.decision,
            "matches": [
                {"iri": c.iri, "name": c.name, "score": c.score, "method": c.method} for c in self.matches
            ],
            "candidates": [c.to_dict() for c in self.candidates],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
