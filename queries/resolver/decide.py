"""The decision: which organisations does the input name with confidence (``match``), which are only
plausible (``candidates``), or none at all.

A mention becomes a match when its best organisation scores at least :data:`MATCH` and leads the next
organisation of the same mention by :data:`MARGIN` (so a name shared by two organisations needs context to
decide). An acronym matches only when it is the whole piece and unique in the index, or when context
(country, city, a related organisation named) singles out one of its owners. An inactive match
is kept (it existed; the features name its successor), a withdrawn record (ROR withdraws duplicates
and records merged into another) is replaced by its successor when the index has one."""

from __future__ import annotations

from queries.resolver.index import ResolverIndex
from queries.resolver.models import Candidate, Resolution
from queries.resolver.score import Scored, make_context, score_mention
from queries.resolver.search import find_mentions
from queries.resolver.segment import segment
from rskg.countries import to_iso2

MATCH = 0.85
MARGIN = 0.08
CANDIDATE = 0.5
ACRONYM_UNIQUE_MIN_LEN = 4


def _supported(s: Scored) -> bool:
    return s.features.get("country") == "agree" or "city" in s.features or "hierarchy" in s.features


def _pick(ranked: list[Scored], single_piece: bool) -> tuple[Scored, str] | None:
    """The confident organisation of one mention and how it was decided, or ``None``."""
    if not ranked:
        return None
    top = ranked[0]
    mention = top.mention
    if mention.method == "acronym":
        if top.features.get("country") == "conflict" or mention.coverage < 1.0:
            return None
        if len(ranked) == 1 and _supported(top):
            return top, "acronym+context"
        if len(ranked) == 1 and single_piece and len(mention.span) >= ACRONYM_UNIQUE_MIN_LEN:
            return top, "acronym"
        supported = [s for s in ranked if _supported(s)]
        if len(supported) == 1 and len({k for s in supported for k in ("city", "hierarchy")
                                        if k in s.features}) > 0:
            return supported[0], "acronym+context"
        return None
    if top.score < MATCH:
        return None
    if mention.generic and "hierarchy" not in top.features:
        return None
    if len(ranked) > 1 and top.score - ranked[1].score < MARGIN:
        return None
    return top, mention.method


def _candidate(index: ResolverIndex, s: Scored, method: str) -> Candidate:
    org = index.orgs[s.row]
    return Candidate(iri=org.iri, name=org.name, score=round(s.score, 3), method=method,
                     features=dict(s.features))


def _successor(index: ResolverIndex, s: Scored) -> Scored:
    org = index.orgs[s.row]
    if org.successors and org.status != "active":
        s.features["successor"] = ", ".join(index.orgs[r].iri for r in org.successors)
    if org.status != "withdrawn" or not org.successors:
        return s
    nxt = org.successors[0]
    feats = dict(s.features)
    feats["successor_of"] = org.iri
    feats["status"] = f"{org.status}; resolved to its active successor"
    return Scored(nxt, s.mention, s.name_id, s.score, feats)


def resolve(index: ResolverIndex, text: str, *, country: str | None = None, limit: int = 10) -> Resolution:
    """Resolve free text (a name, an acronym, a Chinese name, a whole affiliation string)."""
    seg = segment(text)
    countries = set(seg.countries)
    if country:
        code = to_iso2(country)
        if code:
            countries.add(code)
    mentions = find_mentions(index, seg)
    ctx = make_context(index, seg.whole, countries)
    named = {index.name_org[nid] for m in mentions if m.method != "acronym" for nid in m.name_ids}
    ranked_lists = [score_mention(index, m, ctx, named) for m in mentions]

    matches: dict[int, Candidate] = {}
    for ranked in ranked_lists:
        picked = _pick(ranked, len(seg.pieces) == 1)
        if picked is None:
            continue
        chosen, method = picked
        chosen = _successor(index, chosen)
        if chosen.row not in matches or matches[chosen.row].score < chosen.score:
            matches[chosen.row] = _candidate(index, chosen, method)

    best: dict[int, Scored] = {}
    for ranked in ranked_lists:
        for s in ranked:
            if s.row not in best or best[s.row].score < s.score:
                best[s.row] = s
    pool = sorted(best.values(), key=lambda s: s.score, reverse=True)[:limit]
    candidates = [_candidate(index, s, s.mention.method) for s in pool if s.score >= CANDIDATE / 2]
    ordered = sorted(matches.values(), key=lambda c: c.score, reverse=True)
    if ordered:
        return Resolution(text, "match", ordered, candidates)
    if any(c.score >= CANDIDATE for c in candidates):
        return Resolution(text, "candidates", [], candidates)
    return Resolution(text, "none", [], candidates)
