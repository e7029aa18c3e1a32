"""Evaluate policy profiles over screening reports: a partner (ScreeningReport) or a team (TeamReport).

Each rule gives a RuleVerdict: its label and the facts that triggered it, or 'clear' with what was checked.
Connections never count; past facts, listings not in force and unmet conditions appear as context lines.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from queries.areas.models import TAXONOMY_BASE
from queries.policies.evidence import (
    CONTEXT,
    coverage_lines,
    fact_counts,
    fact_label,
    screen,
)
from queries.policies.loader import load_profiles
from queries.policies.vocabulary import Profile, ProjectCondition, Rule, severity_rank
from queries.screen.models import (
    AreaFact,
    CoverageItem,
    PersonReport,
    PolicyVerdict,
    ProjectAreas,
    RuleVerdict,
    ScreeningReport,
    TeamReport,
)

__all__ = ["evaluate_partner", "evaluate_team", "load_profiles", "strongest"]

log = logging.getLogger(__name__)
_RELATION_PLURAL = {"affiliation": "affiliations", "funding": "funding", "in_kind": "in-kind support",
                    "coauthorship": "co-authorships"}


def strongest(verdicts: Iterable[PolicyVerdict | RuleVerdict | str]) -> str:
    """The most severe verdict label (order: restricted > not_eligible > mitigation_required > review >
    incomplete > advisory > clear); 'clear' for none."""
    labels = [v if isinstance(v, str) else v.verdict for v in verdicts]
    return min(labels, key=severity_rank, default="clear")


def _policy(profile: Profile, rules: list[RuleVerdict]) -> PolicyVerdict:
    return PolicyVerdict(profile=profile.id, title=profile.title, version=profile.version,
                         citation=profile.citation_text(), verdict=strongest(rules), rules=rules)


def _effective(profile: Profile, rule: Rule, as_of: dt.date) -> RuleVerdict | None:
    start = rule.effective_from or profile.effective
    if as_of >= start:
        return None
    return RuleVerdict(rule=rule.id, title=rule.title, verdict="clear",
                       facts=[f"Not in effect at {as_of}: this rule of {profile.name} applies from {start}"],
                       checked=[f"Rule: {rule.explanation}"])


def _unverified(rule: Rule) -> list[str]:
    return [f"UNVERIFIED: {rule.unverified}"] if rule.unverified else []


def _rule_checked(rule: Rule, coverage: Iterable[CoverageItem]) -> tuple[list[str], bool]:
    lines, covered = coverage_lines(coverage, rule.lists)
    head = [f"Rule: {rule.explanation}"]
    scope = []
    if rule.direct:
        scope.append("the organisation's own listings (and list entries linked to it), in force at as_of")
    if rule.inherited == "counts":
        scope.append("inherited exposure through parents, children, succession or ownership (counted)")
    elif rule.inherited == "context":
        scope.append("inherited exposure (shown as context, not counted)")
    scope.append("connections (shown as context, never counted)")
    return [*head, "Considered: " + "; ".join(scope), *lines], covered


# ------------------------------------------------------------------ partner
def _partner_rule(profile: Profile, rule: Rule, report: ScreeningReport) -> RuleVerdict:
    gated = _effective(profile, rule, report.as_of)
    if gated is not None:
        return gated
    checked, covered = _rule_checked(rule, report.coverage)
    subject = (report.subject.name if report.subject else None) or report.query
    if report.subject is None and report.resolution.decision == "candidates":
        return RuleVerdict(rule=rule.id, title=rule.title, verdict="incomplete",
                           facts=[f"'{report.query}' matched {len(report.resolution.candidates)} candidate "
                                  "organisations: choose one to complete the check", *_unverified(rule)],
                           checked=checked)
    found = screen(report, rule, subject)
    labels = [rule.verdict] * bool(found.direct)
    labels += [rule.inherited_verdict or rule.verdict] * bool(found.inherited)
    if labels:
        verdict = strongest(labels)
    elif not covered:
        verdict = "incomplete"
    else:
        verdict = "clear"
    if report.subject is None and report.resolution.decision == "none":
        checked.append(f"No organisation or list entry matched '{report.query}' at {report.as_of}")
    return RuleVerdict(rule=rule.id, title=rule.title, verdict=verdict,
                       facts=[*found.hits, *found.context, *_unverified(rule)], checked=checked)


def evaluate_partner(report: ScreeningReport, profiles: Sequence[Profile]) -> list[PolicyVerdict]:
    """One PolicyVerdict per profile that has partner rules, over a partner's screening report."""
    verdicts = [_policy(p, [_partner_rule(p, r, report) for r in p.rules_for("partner")])
                for p in profiles if p.rules_for("partner")]
    log.info("partner screening: %d policy verdicts, strongest %s", len(verdicts), strongest(verdicts))
    return verdicts


# ------------------------------------------------------------------ team
def _scheme(area: AreaFact) -> str:
    if area.scheme:
        return area.scheme.removeprefix(TAXONOMY_BASE).strip("/")
    return area.concept.removeprefix(TAXONOMY_BASE).split("/", 1)[0]


def _project(project: ProjectAreas, cond: ProjectCondition) -> tuple[bool | None, str]:
    """Whether the project condition holds (None: the project was not classified against its schemes)."""
    schemes = ", ".join(cond.schemes)
    found = [a for a in project.concepts if not a.is_end_use and _scheme(a) in cond.schemes]
    if found:
        areas = "; ".join(f"{a.label or a.concept} <{a.concept}>" for a in found)
        return True, f"Project: {cond.applies_text} (areas in {schemes}: {areas})"
    if any(s in project.schemes_checked for s in cond.schemes):
        note = f" {project.statement}" if project.statement else ""
        return False, (f"Project: {cond.not_applies_text} (no area of {schemes} found in the project "
                       f"description; schemes checked: {', '.join(project.schemes_checked)}).{note}")
    return None, (f"Project: not classified against {schemes} (schemes checked: "
                  f"{', '.join(project.schemes_checked) or 'none'}): cannot tell whether the rule applies")


def _window_text(profile: Profile, rule: Rule, as_of: dt.date) -> str:
    """'STRAC counts current affiliations, funding and in-kind support only (at 2026-06-01)'."""
    names = [_RELATION_PLURAL[r] for r in rule.relations]
    relations = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    window = rule.time
    if window.mode == "current":
        return f"{profile.name} counts current {relations} only (at {as_of})"
    return f"{profile.name} counts {relations} {window.describe(as_of)}"


def _people_rule(profile: Profile, rule: Rule, people: Sequence[tuple[str, PersonReport]],
                 team: TeamReport) -> RuleVerdict:
    """One rule over some researchers (one for a per-researcher verdict, all for the team verdict)."""
    as_of = team.as_of
    gated = _effective(profile, rule, as_of)
    if gated is not None:
        return gated
    coverage = list(team.coverage)
    for _, person in people:
        coverage += [c for f in person.facts if f.report is not None for c in f.report.coverage]
    checked, covered = _rule_checked(rule, coverage)
    checked.insert(1, f"Relations: {', '.join(rule.relations)}; time: {rule.time.describe(as_of)}"
                   + (f" (basis: {rule.time.basis})" if rule.time.basis else ""))
    holds, project_line = _project(team.project, rule.project) if rule.project else (True, "")
    counted: list[tuple[str, bool]] = []  # (fact text, inherited)
    context: list[str] = []
    unresolved: list[str] = []
    considered = 0
    for researcher, person in people:
        for fact in person.facts:
            if fact.relation not in rule.relations:
                continue
            considered += 1
            label = fact_label(researcher, fact)
            in_window = fact_counts(fact, rule.time, as_of)
            if fact.report is None:
                if in_window and fact.resolution.decision != "none":
                    why = ("matched several organisations" if fact.resolution.decision == "candidates"
                           else "was not screened")
                    unresolved.append(f"{label}: the organisation {why}; resolve it to complete the check")
                continue
            subject = (fact.organisation.name if fact.organisation else None) or fact.organisation_text
            found = screen(fact.report, rule, subject)
            context += [f"{CONTEXT}{label} — {c.removeprefix(CONTEXT)}" for c in found.context]
            if not in_window:
                window = _window_text(profile, rule, as_of)
                context += [f"{CONTEXT}{label}: not counted ({window}) — {h}" for h in found.hits]
            elif holds is not True:
                why = "the project condition is " + ("not met" if holds is False else "unknown")
                context += [f"{CONTEXT}{label} — {h} ({why})" for h in found.hits]
            else:
                counted += [(f"{label} — {h}", False) for h in found.direct]
                counted += [(f"{label} — {h}", True) for h in found.inherited]
    checked.append(f"Facts considered: {considered} ({len(people)} researcher(s))")
    if holds is None:
        verdict = "incomplete"
    elif counted:
        verdict = strongest([(rule.inherited_verdict or rule.verdict) if inh else rule.verdict
                             for _, inh in counted])
    elif holds and (unresolved or not covered):
        verdict = "incomplete"
    else:
        verdict = "clear"
    lead = [project_line] if project_line else []
    facts = [*lead, *(t for t, _ in counted), *(unresolved if holds else []), *context, *_unverified(rule)]
    return RuleVerdict(rule=rule.id, title=rule.title, verdict=verdict, facts=facts, checked=checked)


def _keys(people: Sequence[PersonReport]) -> list[tuple[str, PersonReport]]:
    seen: dict[str, int] = {}
    keyed = []
    for person in people:
        seen[person.researcher] = seen.get(person.researcher, 0) + 1
        n = seen[person.researcher]
        keyed.append((person.researcher if n == 1 else f"{person.researcher} #{n}", person))
    return keyed


def evaluate_team(team: TeamReport, profiles: Sequence[Profile]
                  ) -> tuple[list[PolicyVerdict], dict[str, list[PolicyVerdict]]]:
    """Team-level verdicts (one per profile with person rules) and per-researcher verdicts, keyed by
    researcher (a repeated name gets ' #2', ' #3')."""
    people = _keys(team.people)
    applicable = [p for p in profiles if p.rules_for("person")]
    team_verdicts = [_policy(p, [_people_rule(p, r, people, team) for r in p.rules_for("person")])
                     for p in applicable]
    per_person = {key: [_policy(p, [_people_rule(p, r, [(key, person)], team) for r in p.rules_for("person")])
                        for p in applicable]
                  for key, person in people}
    log.info("team screening: %d researchers, %d policy verdicts, strongest %s", len(people),
             len(team_verdicts), strongest(team_verdicts))
    return team_verdicts, per_person

