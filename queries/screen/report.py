"""Screen one partner: resolve the name, then look up (at ``as_of``) its direct listings, the exposure inherited
through its hierarchy, succession and ownership, its connections within ``hops`` relations, its areas and
end-uses, its funders, the coverage, and what each policy profile concludes."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from graph import GraphStore
from queries.screen import lookups
from queries.screen.coverage import coverage
from queries.screen.models import OrgRef, PolicyVerdict, Resolved, ScreeningReport

log = logging.getLogger(__name__)
MAX_HOPS = 4  # exposure paths are precomputed up to this many relations (ingest/exposure.py)


def _resolved(resolution: Any) -> Resolved:
    data = resolution.to_dict()
    return Resolved(
        decision=data["decision"],
        matches=[OrgRef(iri=m["iri"], name=m["name"]) for m in data["matches"]],
        candidates=data["candidates"],
    )


def _registry_subject(store: GraphStore, iri: str) -> str:
    """A list entry that is linked to a registry organisation is screened as that organisation."""
    members, _ = lookups.identity(store, iri)
    registry = [m for m in members if m.source == "ror"]
    return registry[0].iri if registry and not iri.startswith("https://ror.org/") else iri


def _node(store: GraphStore, iri: str) -> OrgRef:
    rows = store.query("org_node", {"iri": iri})
    node = rows[0]["o"] if rows else {}
    return OrgRef(
        iri=iri,
        name=node.get("name"),
        countries=node.get("countries") or [],
        kinds=node.get("kinds") or [],
        source=node.get("source"),
    )


@lru_cache(maxsize=1)
def default_profiles() -> tuple[Any, ...]:
    """The packaged policy profiles, read once per process."""
    from queries.policies.engine import load_profiles

    return tuple(load_profiles())


def evaluate(report: ScreeningReport, profiles: Sequence[Any] | None) -> list[PolicyVerdict]:
    """Evaluate the policy profiles over a report (all packaged profiles when ``profiles`` is None)."""
    from queries.policies.engine import evaluate_partner

    return evaluate_partner(report, list(profiles) if profiles is not None else list(default_profiles()))


def screen_iri(
    store: GraphStore,
    iri: str,
    *,
    query: str,
    as_of: dt.date,
    hops: int = 3,
    resolved: Resolved | None = None,
    profiles: Sequence[Any] | None = None,
) -> ScreeningReport:
    """Screen an organisation already identified by its IRI."""
    hops = max(1, min(hops, MAX_HOPS))
    subject = _node(store, _registry_subject(store, iri))
    members, links = lookups.identity(store, subject.iri)
    identity_iris = [subject.iri, *(m.iri for m in members)]
    # paths were computed from every organisation with identity (SAME_AS) steps free, so the subject's own
    # paths already cover those of the list entries linked to it
    found = lookups.exposures(store, [subject.iri], hops, as_of)
    report = ScreeningReport(
        query=query,
        as_of=as_of,
        hops=hops,
        resolution=resolved or Resolved(decision="match", matches=[subject]),
        subject=subject,
        identity=[subject, *members],
        listings=lookups.listings(store, identity_iris, as_of, links),
        inherited=[e for e in found if e.channel == "inherited"],
        connections=[e for e in found if e.channel == "connection"],
        areas=lookups.areas(store, subject.iri, identity_iris),
        funders=lookups.funders(store, identity_iris),
        coverage=coverage(store, as_of),
    )
    return _with_verdicts(report, profiles)


def _with_verdicts(report: ScreeningReport, profiles: Sequence[Any] | None) -> ScreeningReport:
    try:
        from queries.policies.engine import strongest
    except ImportError:  # the policy engine is optional for the look-ups themselves
        return report
    report.verdicts = evaluate(report, profiles)
    report.strongest = strongest(report.verdicts)
    return report


def screen(
    store: GraphStore,
    index: Any,
    query: str,
    *,
    as_of: dt.date | None = None,
    hops: int = 3,
    country: str | None = None,
    profiles: Sequence[Any] | None = None,
) -> ScreeningReport:
    """Resolve ``query`` (a name, acronym, affiliation string or IRI) and screen what it names. With no
    confident match the report holds the candidates and no verdict: a wrong confident answer is worse."""
    as_of = as_of or dt.date.today()
    text = query.strip()
    if text.startswith(("https://", "http://")):
        return screen_iri(store, text, query=query, as_of=as_of, hops=hops, profiles=profiles)
    resolution = _resolved(index.resolve(text, country=country))
    log.info("screen: decision=%s matches=%d length=%d", resolution.decision, len(resolution.matches), len(text))
    if resolution.decision != "match" or not resolution.matches:
        report = ScreeningReport(
            query=query,
            as_of=as_of,
            hops=hops,
            resolution=resolution,
            coverage=coverage(store, as_of),
            strongest="no_match",
        )
        return report
    return screen_iri(
        store,
        resolution.matches[0].iri,
        query=query,
        as_of=as_of,
        hops=hops,
        resolved=resolution,
        profiles=profiles,
    )
