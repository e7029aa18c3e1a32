"""Screen a project team: each researcher's affiliations, funding and in-kind support (from a team file), each
organisation resolved and screened at ``as_of``, the project's areas classified, and every policy evaluated per
researcher and for the team. Nothing is written to the graph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from graph import GraphStore
from queries.screen.coverage import coverage
from queries.screen.models import (
    AreaFact,
    OrgRef,
    PersonFact,
    PersonReport,
    ProjectAreas,
    Resolved,
    ScreeningReport,
    TeamReport,
)
from queries.screen.report import _resolved, default_profiles, screen_iri
from queries.screen.timing import active


def project_areas(text: str | None) -> ProjectAreas:
    """Classify the project description in every scheme (with the explicit green statement when clear)."""
    from queries.areas.classify import classify

    if not text or not text.strip():
        return ProjectAreas(text=text, statement="no project description given: areas not assessed")
    report = classify(text)
    concepts = [
        AreaFact(
            concept=hit.concept,
            label=hit.label,
            scheme=hit.scheme,
            source="project description",
            confidence=hit.confidence,
            basis="matched: " + ", ".join(hit.matched_terms),
        )
        for hit in report.hits()
    ]
    return ProjectAreas(
        text=text,
        concepts=concepts,
        schemes_checked=[s.scheme for s in report.schemes],
        statement=None if report.found else report.statement,
    )


def screen_team(
    store: GraphStore,
    index: Any,
    facts: Sequence[Any],
    *,
    project: str | None,
    as_of: dt.date | None = None,
    hops: int = 3,
    profiles: Sequence[Any] | None = None,
) -> TeamReport:
    """``facts`` are :class:`ingest.people.models.TeamFact` rows (one per affiliation / funding / in-kind fact)."""
    from ingest.people.team import resolve_team
    from queries.policies.engine import evaluate_team, strongest

    as_of = as_of or dt.date.today()
    chosen = list(profiles) if profiles is not None else list(default_profiles())
    screened: dict[str, ScreeningReport] = {}
    people: dict[str, list[PersonFact]] = {}
    for item in resolve_team(facts, index):
        fact = item.fact
        resolved: Resolved = _resolved(item.resolution)
        organisation: OrgRef | None = None
        report: ScreeningReport | None = None
        if resolved.decision == "match" and resolved.matches:
            iri = resolved.matches[0].iri
            if iri not in screened:
                screened[iri] = screen_iri(
                    store,
                    iri,
                    query=fact.organisation,
                    as_of=as_of,
                    hops=hops,
                    resolved=resolved,
                    profiles=chosen,
                )
            report = screened[iri]
            organisation = report.subject
        people.setdefault(fact.researcher, []).append(
            PersonFact(
                relation=fact.relation,
                organisation_text=fact.organisation,
                organisation=organisation,
                resolution=resolved,
                role=fact.role,
                start_date=fact.start,
                end_date=fact.end,
                current=active(fact.start, fact.end, as_of),
                row=fact.row,
                report=report,
            )
        )
    team = TeamReport(
        as_of=as_of,
        project=project_areas(project),
        people=[PersonReport(researcher=name, facts=rows) for name, rows in people.items()],
        coverage=coverage(store, as_of),
    )
    team_verdicts, per_person = evaluate_team(team, chosen)
    team.verdicts = team_verdicts
    for person, verdicts in zip(team.people, per_person.values(), strict=False):
        person.verdicts = verdicts
        person.strongest = strongest(verdicts)
    team.strongest = strongest(team_verdicts)
    return team
