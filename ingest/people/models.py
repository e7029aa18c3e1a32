"""Plain typed models of a team file: one :class:`TeamFact` per row, :class:`RowError` for a row that cannot
be read, and :class:`ResolvedFact` (a fact with the resolver's answer for its organisation).

No behaviour beyond small helpers; nothing here touches the graph.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from queries.resolver.models import Candidate, Decision, Resolution

Relation = Literal["affiliation", "funding", "in_kind"]
RELATIONS: tuple[Relation, ...] = ("affiliation", "funding", "in_kind")
COLUMNS: tuple[str, ...] = ("researcher", "relation", "organisation", "role", "start", "end")


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day a partial ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) can mean.
    Raises ``ValueError`` when the text is not such a date."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        raise ValueError(value)
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(value)
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
    if len(numbers) == 2:
        last = calendar.monthrange(numbers[0], numbers[1])[1] if 1 <= numbers[1] <= 12 else 0
        return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
    day = date(numbers[0], numbers[1], numbers[2])
    return day, day


@dataclass(frozen=True)
class TeamFact:
    """One row of a team file, checked: a researcher's affiliation, funding or in-kind support.

    ``start``/``end`` are kept exactly as written (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``end`` is
    ``None`` when the row leaves it empty, meaning the fact is current. ``row`` is the row number as a
    spreadsheet shows it (the header is row 1, the first fact row 2)."""

    researcher: str
    relation: Relation
    organisation: str
    role: str | None
    start: str | None
    end: str | None
    row: int

    @property
    def current(self) -> bool:
        """True when the row gives no end date."""
        return self.end is None

    def active_on(self, day: date) -> bool:
        """Whether the fact holds on ``day`` (for instance the application date, ``--as-of``).

        Partial dates are read generously, so a fact is never wrongly cleared: a start of ``2024`` counts
        from 2024-01-01 and an end of ``2023`` (or ``2023-12``) runs to the last day of that year (month).
        No end means current; no start means since before any date."""
        if self.start is not None and date_bounds(self.start)[0] > day:
            return False
        return self.end is None or date_bounds(self.end)[1] >= day


@dataclass(frozen=True)
class RowError:
    """Why one row of a team file was not read. ``column`` is ``None`` for a problem with the whole row."""

    row: int
    column: str | None
    message: str
    cells: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class TeamFile:
    """A parsed team file: the facts that were read, and an error for every row that was not."""

    name: str
    facts: list[TeamFact]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def researchers(self) -> list[str]:
        """Researchers in order of first appearance."""
        return list(dict.fromkeys(fact.researcher for fact in self.facts))


@dataclass(frozen=True)
class ResolvedFact:
    """A fact with the resolver's answer for its organisation text.

    ``method`` is ``"ror_id"`` when the row gave a ROR id or URL (used as is) and ``"resolver"`` otherwise.
    ``organisation_iri`` is the confident organisation (the primary match), ``None`` unless the decision is
    ``match``."""

    fact: TeamFact
    resolution: Resolution
    method: Literal["ror_id", "resolver"]

    @property
    def decision(self) -> Decision:
        return self.resolution.decision

    @property
    def matches(self) -> list[Candidate]:
        return self.resolution.matches

    @property
    def candidates(self) -> list[Candidate]:
        return self.resolution.candidates

    @property
    def organisation_iri(self) -> str | None:
        if self.resolution.decision != "match" or not self.resolution.matches:
            return None
        return self.resolution.matches[0].iri

    def to_dict(self) -> dict[str, object]:
        fact = self.fact
        return {
            "row": fact.row,
            "researcher": fact.researcher,
            "relation": fact.relation,
            "organisation": fact.organisation,
            "role": fact.role,
            "start": fact.start,
            "end": fact.end,
            "method": self.method,
            "organisation_iri": self.organisation_iri,
            "resolution": self.resolution.to_dict(),
        }
