"""A screening report as readable text for the terminal: verdicts first, then the evidence, then coverage."""

from __future__ import annotations

from queries.screen.models import Exposure, Listing, ScreeningReport, Step, TeamReport

EFFECT_WORDS = {
    "binding_restriction": "binding restriction",
    "policy_exclusion": "policy exclusion",
    "advisory": "advisory",
    "informational": "informational",
    None: "no legal effect",
}


CONTEXT = "Context (not counted)"


def _facts(facts: list[str], indent: str, limit: int = 6) -> list[str]:
    """Findings in full; context facts (connections, listings not in force) only counted."""
    findings = [f for f in facts if not f.startswith(CONTEXT)]
    context = len(facts) - len(findings)
    lines = [f"{indent}· {fact}" for fact in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"{indent}· … {len(findings) - limit} more (see --json)")
    if context:
        lines.append(f"{indent}· {context} context fact(s) not counted (connections, listings not in force)")
    return lines


def _listing(listing: Listing) -> str:
    when = (
        f"listed {listing.listed_from}"
        if listing.listed_from
        else f"undated, in edition {listing.edition.title or listing.edition.key}"
    )
    if listing.listed_until:
        when += f" until {listing.listed_until}"
    state = "in force" if listing.in_force else "NOT in force at the as-of date"
    link = f"; linked by {listing.link_method} ({listing.link_score:.2f})" if listing.link_score is not None else ""
    name = f" as '{listing.name_as_listed}'" if listing.name_as_listed else ""
    return (
        f"{listing.list.title or listing.list.key} [{listing.list.jurisdiction}, "
        f"{EFFECT_WORDS[listing.list.legal_effect]}]{name}: {when}; {state}{link}"
    )


def _step(step: Step) -> str:
    arrow = f"—{step.relation}→" if step.direction == "forward" else f"←{step.relation}—"
    source = f" [{step.source}]" if step.source else ""
    return f"{arrow} {step.to_name or step.to_iri}{source}"


def _exposure(exposure: Exposure) -> list[str]:
    first = exposure.path[0].from_name if exposure.path else ""
    lines = [f"  {first} " + " ".join(_step(s) for s in exposure.path) + f"  ({exposure.hops} hop(s))"]
    for listing in exposure.listings:
        lines.append(f"      {_listing(listing)}")
    if exposure.military_end_use:
        lines.append("      military / undesirable end-use flagged by a source")
    return lines


def _uncounted(report: ScreeningReport) -> list[str]:
    """A clear verdict beside listings in force that bind or exclude (``uncounted_lists``): "CLEAR" must not
    read as "not listed"."""
    lists = {li.key for li in report.uncounted_lists}
    weighty = [li for li in report.listings if li.in_force and li.list.key in lists]
    if not weighty:
        return []
    binding = sum(1 for li in weighty if li.list.legal_effect == "binding_restriction")
    titles = ", ".join(li.title or li.key for li in report.uncounted_lists)
    return [
        f"  but {len(weighty)} direct listing(s) in force ({binding} binding) are on lists no policy profile here "
        f"counts: {titles}. Read them under 'Direct listings'."
    ]


def render(report: ScreeningReport) -> str:
    out: list[str] = []
    res = report.resolution
    if report.subject is None:
        out.append(f"No confident match for {report.query!r} (decision: {res.decision}); nothing was screened.")
        for cand in res.candidates[:10]:
            out.append(f"  candidate: {cand.get('name')} <{cand.get('iri')}> score {cand.get('score')}")
        return "\n".join(out)
    subject = report.subject
    out.append(f"{subject.name}  <{subject.iri}>  {', '.join(subject.countries)}  (as of {report.as_of})")
    if res.matches and res.matches[0].iri != subject.iri:
        out.append(f"  resolved from {res.matches[0].name} <{res.matches[0].iri}>")
    out.append(f"Overall: {report.strongest.upper()}")
    out.extend(_uncounted(report))
    out.append("\nPolicies:")
    for verdict in report.verdicts:
        out.append(f"  {verdict.title} (v{verdict.version}): {verdict.verdict.upper()}")
        for rule in verdict.rules:
            out.append(f"    - {rule.title}: {rule.verdict}")
            out.extend(_facts(rule.facts, "        "))
    out.append(f"\nDirect listings ({len(report.listings)}):" if report.listings else "\nDirect listings: none")
    out.extend(f"  {_listing(listing)}" for listing in report.listings)
    out.append(
        f"\nInherited through hierarchy, succession or ownership ({len(report.inherited)}):"
        if report.inherited
        else "\nInherited exposure: none"
    )
    for exposure in report.inherited:
        out.extend(_exposure(exposure))
    if report.connections:
        out.append(
            f"\nConnections within {report.hops} relations (context, not a finding by themselves; "
            f"{len(report.connections)}, strongest first):"
        )
        for exposure in report.connections[:10]:
            out.extend(_exposure(exposure))
    if report.areas:
        out.append("\nTechnology areas and end-uses:")
        for area in report.areas:
            via = f" via {area.relation} {area.via.name}" if area.via else ""
            out.append(f"  {area.label or area.concept}{via} [{area.source}; {area.basis}]")
    if report.funders:
        out.append("\nFunders:")
        out.extend(f"  {f.funder.name} ({f.kind}) [{f.source}]" for f in report.funders)
    out.append(f"\nChecked ({len(report.coverage)} lists):")
    for item in report.coverage:
        editions = ", ".join(e.title or e.key for e in item.editions if e.key in item.in_force) or "none in force"
        out.append(
            f"  {item.list.title or item.list.key} [{EFFECT_WORDS[item.list.legal_effect]}]: {editions}"
            + (f"; data {item.data_date}" if item.data_date else "")
        )
    return "\n".join(out)


def render_team(team: TeamReport) -> str:
    out = [f"Team screening as of {team.as_of}: {team.strongest.upper()}"]
    project = team.project
    if project.concepts:
        out.append(
            "Project areas: "
            + "; ".join(sorted({f"{c.label} ({c.scheme.rsplit('/', 1)[-1]})" for c in project.concepts if c.scheme}))
        )
    else:
        out.append(f"Project areas: {project.statement}")
    for verdict in team.verdicts:
        out.append(f"  {verdict.title}: {verdict.verdict.upper()}")
    for person in team.people:
        out.append(f"\n{person.researcher}: {person.strongest.upper()}")
        for fact in person.facts:
            period = f"{fact.start_date or '…'} – {fact.end_date or 'current'}"
            state = "current" if fact.current else "not current at the as-of date"
            org = fact.organisation.name if fact.organisation else f"{fact.organisation_text!r} (no confident match)"
            flags = ""
            if fact.report is not None:
                lists = sorted({li.list.key for li in fact.report.listings if li.in_force})
                inherited = sorted({li.list.key for e in fact.report.inherited for li in e.listings if li.in_force})
                flags = (f"  listed: {', '.join(lists)}" if lists else "") + (
                    f"  inherited: {', '.join(inherited)}" if inherited else ""
                )
            out.append(f"  {fact.relation:<11} {org}  ({period}; {state}){flags}")
        for verdict in person.verdicts:
            for rule in verdict.rules:
                out.append(f"    {verdict.profile} / {rule.title}: {rule.verdict}")
                out.extend(_facts(rule.facts, "        ", limit=3))
    return "\n".join(out)
