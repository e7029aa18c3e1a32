"""The screening report: what is known about a partner, how it is connected, what each policy concludes and
why, and what was checked and found clear. Every fact carries its evidence (path, source, date, legal effect).
"""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, computed_field

LegalEffect = Literal["binding_restriction", "policy_exclusion", "advisory", "informational"]
# legal effects that restrict or exclude, as against advisory and informational lists
WEIGHTY = ("binding_restriction", "policy_exclusion")
EFFECT_RANK: dict[str, int] = {
    "binding_restriction": 0,
    "policy_exclusion": 1,
    "advisory": 2,
    "informational": 3,
}


class OrgRef(BaseModel):
    iri: str
    name: str | None = None
    countries: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    source: str | None = Field(default=None, description="Dataset the node comes from (ror, a list, ...)")


class ListRef(BaseModel):
    key: str = Field(..., examples=["us_dod_1286"])
    title: str | None = None
    authority: str | None = None
    jurisdiction: str | None = Field(default=None, examples=["US"])
    legal_effect: LegalEffect | None = None
    url: str | None = None


class EditionRef(BaseModel):
    key: str = Field(..., examples=["fy2025"])
    title: str | None = None
    date: str | None = Field(default=None, description="As precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD")
    date_basis: str | None = Field(default=None, description="How the edition date was derived")
    superseded: str | None = None


class Listing(BaseModel):
    """One appearance of an entity in a list edition, with the dates exactly as the source gives them."""

    list: ListRef
    edition: EditionRef
    entity: OrgRef = Field(..., description="The list entry (as the list names it)")
    name_as_listed: str | None = None
    listed_from: str | None = Field(
        default=None, description="None: the source gives no date (shown as 'in edition X')"
    )
    listed_until: str | None = None
    programmes: builtins.list[str] = Field(default_factory=builtins.list)
    citations: builtins.list[str] = Field(default_factory=builtins.list)
    in_force: bool = Field(..., description="Whether this listing applies at the report's as_of date")
    time_note: str = Field(..., description="Why it is or is not in force at as_of, in words")
    link_score: float | None = Field(
        default=None, description="Score of the entry → organisation link (None: same node)"
    )
    link_method: str | None = None


class Step(BaseModel):
    """One edge of a path, with its evidence."""

    from_iri: str
    from_name: str | None = None
    relation: str = Field(..., examples=["SUB_ORGANISATION_OF"])
    direction: Literal["forward", "backward"] = Field(..., description="forward: from → to as stored")
    to_iri: str
    to_name: str | None = None
    source: str | None = None
    record: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    score: float | None = None
    method: str | None = None


class Exposure(BaseModel):
    """An organisation with listings reached from the subject through relations, with the path."""

    target: OrgRef
    channel: Literal["inherited", "connection"] = Field(
        ...,
        description="inherited: through hierarchy (parents up, children down), succession or ownership; "
        "connection: any other chain of relations",
    )
    hops: int
    path: list[Step]
    listings: list[Listing] = Field(default_factory=list)
    military_end_use: bool = False
    strongest_effect: LegalEffect | None = None
    current: bool = Field(
        ...,
        description="Some listing of the target is in force at as_of and every dated "
        "edge of the path is valid at as_of",
    )


class AreaFact(BaseModel):
    concept: str
    label: str | None = None
    scheme: str | None = None
    is_end_use: bool = False
    source: str | None = None
    confidence: float | None = None
    basis: str | None = None
    via: OrgRef | None = Field(default=None, description="Set when inherited from a laboratory, child or parent")
    relation: str | None = None


class FunderFact(BaseModel):
    funder: OrgRef
    kind: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    source: str | None = None


class CoverageItem(BaseModel):
    list: ListRef
    editions: builtins.list[EditionRef]
    in_force: builtins.list[str] = Field(..., description="Keys of the editions in force at as_of")
    data_date: str | None = Field(default=None, description="Release or data date of the source file loaded")


class RuleVerdict(BaseModel):
    rule: str
    title: str
    verdict: str = Field(..., examples=["clear", "flag", "restricted", "not_eligible", "review"])
    facts: list[str] = Field(default_factory=list, description="The facts that triggered the verdict")
    checked: list[str] = Field(default_factory=list, description="What was checked (lists, editions, relations)")


class PolicyVerdict(BaseModel):
    profile: str = Field(..., examples=["ca_strac"])
    title: str
    version: str
    citation: str
    verdict: str = Field(..., description="The strongest verdict of its rules")
    rules: list[RuleVerdict]


class Resolved(BaseModel):
    decision: Literal["match", "candidates", "none"]
    matches: list[OrgRef] = Field(default_factory=list)
    candidates: list[dict[str, object]] = Field(default_factory=list)


class ScreeningReport(BaseModel):
    query: str
    as_of: dt.date
    hops: int
    resolution: Resolved
    subject: OrgRef | None = None
    identity: list[OrgRef] = Field(default_factory=list, description="The subject and the list entries linked to it")
    listings: list[Listing] = Field(default_factory=list, description="Direct listings of the subject")
    inherited: list[Exposure] = Field(default_factory=list)
    connections: list[Exposure] = Field(
        default_factory=list,
        description="Reported apart, ranked; they do not turn 'clear' into a flag by themselves",
    )
    areas: list[AreaFact] = Field(default_factory=list)
    funders: list[FunderFact] = Field(default_factory=list)
    coverage: list[CoverageItem] = Field(default_factory=list)
    verdicts: list[PolicyVerdict] = Field(default_factory=list)
    strongest: str = Field(default="clear", description="Strongest finding: the most severe policy verdict")

    @computed_field(  # type: ignore[prop-decorator]  # pydantic's documented form for a computed field
        description="When the strongest finding is 'clear': the binding or excluding lists on which the subject "
        "has a direct listing in force that no policy profile applied counts (the FCC Covered List, NDAA s. 889). "
        "'Clear' beside them does not mean 'not listed'. Empty otherwise."
    )
    @property
    def uncounted_lists(self) -> builtins.list[ListRef]:
        if self.strongest != "clear":
            return []
        lists = {li.list.key: li.list for li in self.listings if li.in_force and li.list.legal_effect in WEIGHTY}
        return builtins.list(lists.values())


# ------------------------------------------------------------------ team screening
class ProjectAreas(BaseModel):
    """What the classifier found in the project description, per scheme (empty: none found)."""

    text: str | None = None
    concepts: list[AreaFact] = Field(default_factory=list)
    schemes_checked: list[str] = Field(default_factory=list)
    statement: str | None = Field(default=None, description="The green statement when no sensitive area was found")


class PersonFact(BaseModel):
    """One row of a team file (or an OpenAlex fact) with its organisation resolved and screened."""

    relation: Literal["affiliation", "funding", "in_kind", "coauthorship"]
    organisation_text: str
    organisation: OrgRef | None = Field(default=None, description="Set when the organisation resolved to a match")
    resolution: Resolved
    role: str | None = None
    start_date: str | None = None
    end_date: str | None = Field(default=None, description="None: current")
    current: bool = Field(..., description="Active at as_of: started on or before it and not ended before it")
    row: int | None = None
    report: ScreeningReport | None = Field(default=None, description="Screening of the organisation at as_of")


class PersonReport(BaseModel):
    researcher: str
    facts: list[PersonFact]
    verdicts: list[PolicyVerdict] = Field(default_factory=list)
    strongest: str = "clear"


class TeamReport(BaseModel):
    as_of: dt.date
    project: ProjectAreas
    people: list[PersonReport]
    verdicts: list[PolicyVerdict] = Field(default_factory=list, description="Per profile, over the whole team")
    coverage: list[CoverageItem] = Field(default_factory=list)
    strongest: str = "clear"
