"""The declarative vocabulary of policy profiles (one YAML file per profile), as pydantic models.

A profile names its source texts and holds rules. A rule says which lists count (by key, legal effect or
jurisdiction), whether exposure inherited through hierarchy or ownership counts, which person relations count
and over which time window, an optional project condition, and the verdict label it gives when it fires.
docs/policies.md documents every field; the models forbid unknown fields so a typo is an error, not a no-op.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from queries.screen.models import ListRef

# Verdict labels, most severe first. A policy verdict is the most severe of its rules' verdicts.
SEVERITY: tuple[str, ...] = (
    "restricted",  # a binding legal restriction applies (sanctions, export-control listing)
    "not_eligible",  # a funding policy excludes the application or collaboration
    "mitigation_required",  # allowed only with a mitigation plan
    "review",  # a person must judge (e.g. exposure through a sub-unit, an ambiguous name)
    "incomplete",  # the rule could not be checked (its lists were not loaded, a name did not resolve)
    "advisory",  # an advisory source names the organisation; no rule forbids anything
    "clear",  # checked and found clear (the verdict says what was checked)
)
FLAG_LABELS: frozenset[str] = frozenset(SEVERITY) - {"clear"}
Verdict = Literal["restricted", "not_eligible", "mitigation_required", "review", "incomplete", "advisory"]
PersonRelation = Literal["affiliation", "funding", "in_kind", "coauthorship"]
LegalEffectName = Literal["binding_restriction", "policy_exclusion", "advisory", "informational"]


def severity_rank(label: str) -> int:
    """0 for the most severe label; an unknown label ranks as 'review' (never hidden as clear)."""
    return SEVERITY.index(label) if label in SEVERITY else SEVERITY.index("review")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    title: str = Field(..., min_length=3, description="Document title as published")
    url: str = Field(..., pattern=r"^https?://")
    publisher: str | None = None
    date: str | None = None  # Publication or modification date as the source gives it
    used_for: str | None = Field(default=None, description="Which rules or facts this source supports")
    primary: bool = True  # False: a secondary source (university page, law-firm note)


class ListSelector(_Strict):
    """Which lists a rule counts. Every given criterion must hold (keys AND legal effects AND jurisdictions);
    within one criterion any value matches. Keys may use shell wildcards ('us_csl_*')."""

    keys: list[str] = Field(default_factory=list)
    legal_effects: list[LegalEffectName] = Field(default_factory=list)
    jurisdictions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> ListSelector:
        if not (self.keys or self.legal_effects or self.jurisdictions):
            raise ValueError("give at least one of keys, legal_effects, jurisdictions")
        return self

    def matches(self, ref: ListRef) -> bool:
        if self.keys and not any(fnmatch.fnmatchcase(ref.key, k) for k in self.keys):
            return False
        if self.legal_effects and ref.legal_effect not in self.legal_effects:
            return False
        return not (self.jurisdictions and (ref.jurisdiction or "") not in self.jurisdictions)

    def describe(self) -> str:
        parts = []
        if self.keys:
            parts.append("lists " + ", ".join(self.keys))
        if self.legal_effects:
            parts.append("legal effect " + " or ".join(self.legal_effects))
        if self.jurisdictions:
            parts.append("jurisdiction " + " or ".join(self.jurisdictions))
        return "; ".join(parts)


class TimeWindow(_Strict):
    """When a person fact (affiliation, funding, ...) counts, relative to the report's as_of date.

    current: active at as_of. within_years: active at some time in the N years before as_of (or now).
    since: active at some time on or after the date. any: whenever. exclude_current: leave out facts active at
    as_of (for a rule that grades past facts apart from current ones)."""

    mode: Literal["current", "within_years", "since", "any"] = "current"
    years: int | None = Field(default=None, ge=1, le=50)
    since: dt.date | None = None
    exclude_current: bool = False
    basis: str | None = None  # Where the window comes from; say UNVERIFIED when it is

    @model_validator(mode="after")
    def _consistent(self) -> TimeWindow:
        if self.mode == "within_years" and self.years is None:
            raise ValueError("mode within_years needs 'years'")
        if self.mode == "since" and self.since is None:
            raise ValueError("mode since needs 'since' (a date)")
        if self.mode == "current" and self.exclude_current:
            raise ValueError("mode current with exclude_current would never count anything")
        return self

    def start(self, as_of: dt.date) -> dt.date | None:
        """First day of the window (None: unbounded)."""
        if self.mode == "current":
            return as_of
        if self.mode == "within_years" and self.years is not None:
            try:
                return as_of.replace(year=as_of.year - self.years)
            except ValueError:  # 29 February
                return as_of.replace(year=as_of.year - self.years, day=28)
        if self.mode == "since":
            return self.since
        return None

    def describe(self, as_of: dt.date) -> str:
        start = self.start(as_of)
        text = {
            "current": f"current at {as_of.isoformat()}",
            "within_years": f"active within {self.years} years before {as_of.isoformat()} "
            f"(from {start.isoformat() if start else '?'})",
            "since": f"active on or after {self.since.isoformat() if self.since else '?'}",
            "any": "at any time",
        }[self.mode]
        if self.exclude_current:
            text += ", not counting those still current (another rule grades them)"
        return text


class ProjectCondition(_Strict):
    """A team rule applies only when the project's areas include a concept of one of these schemes."""

    schemes: list[str] = Field(..., min_length=1, examples=[["ca-stra"]])
    applies_text: str = Field(..., description="Said when the condition holds (e.g. attestation required)")
    not_applies_text: str = Field(..., description="Said when it does not (e.g. attestation not required)")


class Rule(_Strict):
    id: str = Field(..., pattern=r"^[a-z0-9_]+$")
    title: str
    scope: Literal["partner", "person"]
    lists: ListSelector
    direct: bool = True  # Listings of the subject itself (and linked list entries) count
    inherited: Literal["counts", "context", "ignore"] = Field(
        default="counts", description="Exposure through parents, children, succession or ownership")
    relations: list[PersonRelation] = Field(default_factory=list, description="person scope: which relations")
    time: TimeWindow = Field(default_factory=lambda: TimeWindow())
    project: ProjectCondition | None = None  # person scope: condition on the project areas
    effective_from: dt.date | None = None  # Applies from this date (default: profile's)
    verdict: Verdict
    inherited_verdict: Verdict | None = None  # For inherited exposure (default: verdict)
    explanation: str = Field(..., description="One sentence: what the policy text says this rule checks")
    unverified: str | None = None  # What of this rule was not confirmed in the text

    @model_validator(mode="after")
    def _scope_fields(self) -> Rule:
        if self.scope == "person" and not self.relations:
            raise ValueError("a person rule needs 'relations' (affiliation, funding, in_kind, coauthorship)")
        if self.scope == "partner" and (self.relations or self.project):
            raise ValueError("'relations' and 'project' apply to person rules only")
        if not self.direct and self.inherited == "ignore":
            raise ValueError("direct false and inherited ignore: the rule would count nothing")
        return self


class Profile(_Strict):
    id: str = Field(..., pattern=r"^[a-z0-9_]+$")
    title: str
    short_title: str | None = Field(default=None, description="Used in explanations, e.g. 'STRAC'")
    version: str = Field(..., min_length=1, description="Version of this profile file")
    effective: dt.date = Field(..., description="Date the policy took effect")
    jurisdiction: str
    citations: list[Citation] = Field(..., min_length=1)
    notes: list[str] = Field(default_factory=list)
    unverified: list[str] = Field(default_factory=list, description="Points not confirmed in primary text")
    rules: list[Rule] = Field(..., min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _unique_rules(self) -> Profile:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} appears twice")
            seen.add(rule.id)
        return self

    @property
    def name(self) -> str:
        return self.short_title or self.title

    def citation_text(self) -> str:
        return "; ".join(f"{c.title} <{c.url}>" for c in self.citations)

    def rules_for(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if r.scope == scope]
