"""Small builders of screening reports for the policy tests (the report models are plain pydantic models)."""

from __future__ import annotations

import datetime as dt

from queries.screen.models import (
    CoverageItem,
    Exposure,
    LegalEffect,
    Listing,
    ListRef,
    OrgRef,
    PersonFact,
    ProjectAreas,
    ScreeningReport,
    TeamReport,
)

AS_OF = dt.date(2026, 6, 1)
TAX = "https://w3id.org/rskg/taxonomy/"


# The report models declare defaults as Field(None, ...), which mypy does not read as defaults: the builders
# go through model_validate so that only the fields a test cares about are given.


def lst(key: str, title: str, effect: LegalEffect, jurisdiction: str) -> ListRef:
    return ListRef.model_validate({"key": key, "title": title, "legal_effect": effect,
                                   "jurisdiction": jurisdiction})


NRO = lst("ca_nro", "Canada Named Research Organizations", "policy_exclusion", "CA")
S1286 = lst("us_dod_1286", "DoD Section 1286 list", "policy_exclusion", "US")
ENTITY = lst("us_bis_entity_list", "BIS Entity List", "binding_restriction", "US")
SDN = lst("ofac_sdn", "OFAC Specially Designated Nationals List", "binding_restriction", "US")
ASPI = lst("aspi_cdut", "ASPI China Defence Universities Tracker", "advisory", "AU")
CN = lst("cn_countersanctions", "PRC counter-sanctions", "informational", "CN")
EDITIONS: dict[str, list[str]] = {
    "ca_nro": ["2024-04-18"], "us_dod_1286": ["fy2024", "fy2025"], "us_bis_entity_list": ["2026-03-30"],
    "ofac_sdn": ["2021-06-01"], "aspi_cdut": ["2019-11-25"], "cn_countersanctions": ["2026-08-07"],
}
ALL_LISTS = [NRO, S1286, ENTITY, SDN, ASPI, CN]


def org(name: str, country: str = "CN") -> OrgRef:
    slug = name.lower().replace(" ", "-")
    return OrgRef.model_validate({"iri": f"https://w3id.org/rskg/org/{slug}", "name": name,
                                  "countries": [country]})


def listing(ref: ListRef, name: str, *, in_force: bool = True, edition: str | None = None) -> Listing:
    key = edition or EDITIONS[ref.key][-1]
    return Listing.model_validate({
        "list": ref, "edition": {"key": key, "date": key}, "entity": org(name), "name_as_listed": name,
        "in_force": in_force, "time_note": "in force at as_of" if in_force else "delisted before as_of"})


def coverage(refs: list[ListRef] | None = None) -> list[CoverageItem]:
    return [CoverageItem.model_validate({"list": r, "editions": [{"key": k} for k in EDITIONS[r.key]],
                                         "in_force": EDITIONS[r.key][-1:]})
            for r in (refs if refs is not None else ALL_LISTS)]


def exposure(subject: OrgRef, target: OrgRef, listings: list[Listing], *, channel: str = "inherited",
             relation: str = "SUB_ORGANISATION_OF", current: bool = True) -> Exposure:
    step = {"from_iri": subject.iri, "from_name": subject.name, "relation": relation, "direction": "forward",
            "to_iri": target.iri, "to_name": target.name, "source": "ror"}
    return Exposure.model_validate({"target": target, "channel": channel, "hops": 1, "path": [step],
                                    "listings": listings, "current": current})


def report(name: str, *, listings: list[Listing] | None = None, inherited: list[Exposure] | None = None,
           connections: list[Exposure] | None = None, covered: list[CoverageItem] | None = None,
           as_of: dt.date = AS_OF) -> ScreeningReport:
    subject = org(name)
    return ScreeningReport.model_validate({
        "query": name, "as_of": as_of, "hops": 2, "resolution": {"decision": "match", "matches": [subject]},
        "subject": subject, "identity": [subject], "listings": listings or [], "inherited": inherited or [],
        "connections": connections or [], "coverage": coverage() if covered is None else covered})


def fact(relation: str, organisation: str, org_report: ScreeningReport | None, *,
         start: str | None = "2020-01", end: str | None = None, current: bool = True,
         row: int = 1) -> PersonFact:
    resolved = {"decision": "match" if org_report else "none",
                "matches": [org_report.subject] if org_report and org_report.subject else []}
    return PersonFact.model_validate({
        "relation": relation, "organisation_text": organisation,
        "organisation": org_report.subject if org_report else None, "resolution": resolved,
        "start_date": start, "end_date": end, "current": current, "row": row, "report": org_report})


def unresolved(relation: str, organisation: str, decision: str = "candidates") -> PersonFact:
    return PersonFact.model_validate({
        "relation": relation, "organisation_text": organisation, "current": True,
        "resolution": {"decision": decision, "candidates": [{"id": 1}, {"id": 2}]}})


def project(*concepts: str, schemes: tuple[str, ...] = ("ca-stra", "eu-cta", "us-cet")) -> ProjectAreas:
    areas = [{"concept": TAX + c, "label": c, "scheme": c.split("/")[0]} for c in concepts]
    return ProjectAreas.model_validate({"text": "project description", "concepts": areas,
                                        "schemes_checked": list(schemes)})


def team(people: dict[str, list[PersonFact]], proj: ProjectAreas, *, as_of: dt.date = AS_OF) -> TeamReport:
    return TeamReport.model_validate({
        "as_of": as_of, "project": proj, "coverage": coverage(),
        "people": [{"researcher": r, "facts": f} for r, f in people.items()]})
