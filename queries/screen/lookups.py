"""Graph look-ups for one screening, each a named query over a small set of IRIs (no traversal at query time:
paths were computed at ingest)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from graph import GraphStore
from queries.screen.models import (
    AreaFact,
    EditionRef,
    Exposure,
    FunderFact,
    Listing,
    ListRef,
    OrgRef,
    Step,
)
from queries.screen.tables import tables
from queries.screen.timing import active, listing_in_force

END_USE_PREFIX = "https://w3id.org/rskg/taxonomy/end-use/"
EFFECTS = ("binding_restriction", "policy_exclusion", "advisory", "informational")


def _org(row: dict[str, Any], prefix: str = "") -> OrgRef:
    return OrgRef(
        iri=row[f"{prefix}iri"],
        name=row.get(f"{prefix}name"),
        countries=row.get("countries") or [],
        kinds=row.get("kinds") or [],
        source=row.get("source"),
    )


def identity(store: GraphStore, iri: str) -> tuple[list[OrgRef], dict[str, tuple[float | None, str | None]]]:
    """The subject's SAME_AS cluster (two steps: registry org ↔ list entries ↔ other registry orgs are not
    followed further, so one wrong link cannot chain identities)."""
    rows = tables(store).identity.get(iri, [])
    members = [_org(row) for row in rows]
    links = {row["iri"]: (row["score"], row["method"]) for row in rows}
    return members, links


def listings(
    store: GraphStore,
    iris: list[str],
    as_of: dt.date,
    links: dict[str, tuple[float | None, str | None]] | None = None,
) -> list[Listing]:
    if not iris:
        return []
    out = []
    table = tables(store).listings
    for row in (row for iri in dict.fromkeys(iris) for row in table.get(iri, [])):
        in_force, note = listing_in_force(
            listed_from=row["listed_from"],
            listed_until=row["listed_until"],
            edition_key=row["edition_key"],
            edition_date=row["edition_date"],
            superseded=row["superseded"],
            as_of=as_of,
        )
        score, method = (links or {}).get(row["entity"], (None, None))
        effect = row["legal_effect"] if row["legal_effect"] in EFFECTS else None
        out.append(
            Listing(
                list=ListRef(
                    key=row["list_key"],
                    title=row["list_title"],
                    authority=row["authority"],
                    jurisdiction=row["jurisdiction"],
                    legal_effect=effect,
                    url=row["url"],
                ),
                edition=EditionRef(
                    key=row["edition_key"],
                    title=row["edition_title"],
                    date=row["edition_date"],
                    date_basis=row["date_basis"],
                    superseded=row["superseded"],
                ),
                entity=OrgRef(
                    iri=row["entity"],
                    name=row["entity_name"],
                    countries=row["countries"] or [],
                    source=row["entity_source"],
                ),
                name_as_listed=row["name_as_listed"],
                listed_from=row["listed_from"],
                listed_until=row["listed_until"],
                programmes=row["programmes"] or [],
                citations=row["citations"] or [],
                in_force=in_force,
                time_note=note,
                link_score=score,
                link_method=method,
            )
        )
    return sorted(
        out,
        key=lambda li: (
            EFFECTS.index(li.list.legal_effect) if li.list.legal_effect else 9,
            li.list.key,
            li.edition.date or "",
            li.entity.iri,
        ),
    )


def exposures(store: GraphStore, iris: list[str], hops: int, as_of: dt.date) -> list[Exposure]:
    rows = [row for iri in dict.fromkeys(iris) for row in store.query("screen_exposures", {"iri": iri, "hops": hops})]
    best: dict[str, dict[str, Any]] = {}
    for row in rows:  # the same target reached from several identity members: keep the shortest path
        kept = best.get(row["iri"])
        if kept is None or (row["channel"], row["hops"]) < (kept["channel"], kept["hops"]):
            best[row["iri"]] = row
    targets = list(best)
    by_target: dict[str, list[Listing]] = {}
    for listing in listings(store, targets, as_of):
        by_target.setdefault(listing.entity.iri, []).append(listing)
    area_table = tables(store).areas
    end_use = {
        iri for iri in targets if any(str(row["concept"]).startswith(END_USE_PREFIX) for row in area_table.get(iri, []))
    }
    out = []
    for iri, row in best.items():
        path = [Step(**step) for step in json.loads(row["path"])]
        found = by_target.get(iri, [])
        edges_valid = all(active(s.start_date, s.end_date, as_of) for s in path)
        in_force = [li for li in found if li.in_force]
        effects = [li.list.legal_effect for li in in_force if li.list.legal_effect]
        out.append(
            Exposure(
                target=_org(row),
                channel=row["channel"],
                hops=row["hops"],
                path=path,
                listings=found,
                military_end_use=iri in end_use,
                strongest_effect=min(effects, key=EFFECTS.index) if effects else None,
                current=edges_valid and (bool(in_force) or (iri in end_use and not found)),
            )
        )
    return sorted(
        out,
        key=lambda e: (
            not e.current,
            EFFECTS.index(e.strongest_effect) if e.strongest_effect else 8 if e.military_end_use else 9,
            e.hops,
            e.target.name or "",
        ),
    )


def areas(store: GraphStore, subject: str, identity_iris: list[str]) -> list[AreaFact]:
    """Direct areas (of the subject and its list entries) and areas inherited from its parents and children
    (laboratories), each with its source; inherited ones name the organisation they come from."""
    parents = store.query("screen_parents", {"iri": subject})
    children = store.query("screen_children", {"iri": subject})
    relatives = {row["iri"]: (row["name"], "parent") for row in parents}
    relatives.update({row["iri"]: (row["name"], "child") for row in children})
    relative_ids = _identities(store, list(relatives))
    lookup = [*identity_iris, *relatives, *relative_ids]
    facts: dict[tuple[str, str | None, str | None], AreaFact] = {}
    area_table = tables(store).areas
    for row in ({"via": iri, **row} for iri in dict.fromkeys(lookup) for row in area_table.get(iri, [])):
        via_iri = relative_ids.get(row["via"], row["via"])
        via = None if row["via"] in identity_iris else OrgRef(iri=via_iri, name=relatives.get(via_iri, (None,))[0])
        relation = None if via is None else relatives.get(via_iri, (None, "related"))[1]
        fact = AreaFact(
            concept=row["concept"],
            label=row["label"],
            scheme=row["scheme"],
            is_end_use=str(row["concept"]).startswith(END_USE_PREFIX),
            source=row["source"],
            confidence=row["confidence"],
            basis=row["basis"],
            via=via,
            relation=relation,
        )
        facts.setdefault((fact.concept, via.iri if via else None, fact.basis), fact)
    return sorted(facts.values(), key=lambda f: (f.via is not None, not f.is_end_use, f.concept))


def _identities(store: GraphStore, iris: list[str]) -> dict[str, str]:
    """List entries linked to the given organisations: entry IRI → organisation IRI."""
    identity_table = tables(store).identity
    return {row["iri"]: iri for iri in iris for row in identity_table.get(iri, [])}


def funders(store: GraphStore, iris: list[str]) -> list[FunderFact]:
    return [
        FunderFact(
            funder=OrgRef(iri=row["iri"], name=row["name"], countries=row["countries"] or [], source=row["org_source"]),
            kind=row["kind"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            source=row["source"],
        )
        for iri in dict.fromkeys(iris)
        for row in tables(store).funders.get(iri, [])
    ]
