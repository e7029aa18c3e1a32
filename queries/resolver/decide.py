"""The decision: which organisations does the input name with confidence (``match``), which are only
plausible (``candidates``), or none at all.

A mention becomes a match when its best organisation scores at least :data:`MATCH` and leads the next
organisation of the same mention by :data:`MARGIN` (so a name shared by two organisations needs context to
decide). An acronym matches only when it is the whole piece and unique in the index, or when context
(country, city, a related organisation named) singles out one of its owners. An inactive match
is kept (it existed; the features name its successor), a withdrawn record (ROR withdraws duplicates
and records merged into another) is replaced by its successor when the index has one."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from queries.resolver.index import UNCOUNTRIED, ResolverIndex
from queries.resolver.lexicon import DEPARTMENT_WORDS, INSTITUTION_WORDS, KIND_WORDS
from queries.resolver.models import Candidate, Feature, Resolution
from queries.resolver.normalise import WORD_CHECKED, abbreviates, content, tokens, unified, words_agree
from queries.resolver.score import BASE, Scored, make_context, score_mention
from queries.resolver.search import COUNTRIES, CountryOrDescriptor, Mention, find_mentions, opens_unit, other_towns
from queries.resolver.segment import Segments, segment, state_or_country
from rskg.countries import to_iso2

MATCH = 0.85
MARGIN = 0.08
CANDIDATE = 0.5
ACRONYM_UNIQUE_MIN_LEN = 4
GENERIC_SHORT = 2
# One of several organisations with the same name is the one a bare mention means when the registry relates at
# least this many organisations to it, and this many times as many as to any other ("National Institutes of
# Health": the US one, with its 29 institutes and centres, not Malaysia's, with none).
PROMINENT_LINKS = 3
PROMINENT_RATIO = 5
# An acronym, or a generic name one organisation alone is called, says less than a name namesakes share: it means
# that organisation only when the registry relates at least this many organisations to it ("NIH": 29, "National
# Science Foundation": 34; not "CMA", China's meteorological administration, with 7)
WIDELY_CONNECTED = 10


def _supported(s: Scored) -> bool:
    return s.features.get("country") == "agree" or "city" in s.features or "hierarchy" in s.features


def _generic_ok(top: Scored, words: int, owners: int) -> bool:
    """A generic name ("Institute of Physics") matches only with its parent, or its city and country,
    named; a longer one ("Council for Scientific and Industrial Research") also with its country or city
    named, or when it is one organisation's official name as written, owned by no other, and the whole of its
    piece."""
    if "hierarchy" in top.features:
        return True
    if words <= GENERIC_SHORT:  # "Institut Pasteur, Paris, France": both its city and country named
        return top.features.get("country") == "agree" and "city" in top.features
    if top.features.get("country") == "agree" or "city" in top.features:
        return True
    return owners == 1 and _as_written(top) and top.mention.coverage == 1.0 and "country" not in top.features


@dataclass(frozen=True)
class _Around:
    """What the rest of the input says, for deciding one mention."""

    pieces: list[str]
    units: set[int]  # pieces that open a unit ("Department of …")
    abbreviations: dict[int, tuple[str, dict[int, set[str]]]]  # acronym piece → the name before it, found as
    last: int  # the last piece that is not a place
    whole: str  # the whole input, cleaned
    ambiguous: bool  # an acronym in the input has several owners
    _bare: dict[int, bool] = field(default_factory=dict, compare=False)  # piece → bare, looked at once
    _ends: dict[int, tuple[str, str]] = field(default_factory=dict, compare=False)  # piece → (before, last word)

    @functools.cached_property
    def initials(self) -> str:
        """Initials of the input's words not typed in capitals; read only for an acronym of several owners."""
        return "".join(w[0] for w in re.findall(r"[^\W\d_]+", self.whole) if not w.isupper()).upper()

    def bare(self, i: int) -> bool:
        """The piece is one word of letters and hyphens ("NHMRC", "CNR-IAS"), not the end of a word broken up
        by brackets ("A(*)STAR"); looked at once per piece, as a piece may be long."""
        if i not in self._bare:
            near = self.pieces[max(0, i - 1) : i + 2]
            self._bare[i] = bool(re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", self.pieces[i].strip(" ."))) and all(
                len(p.strip()) > 1 for p in near
            )
        return self._bare[i]

    def ends(self, i: int) -> tuple[str, str]:
        """The piece's words before its last, and its last word; split once per piece, as a piece may be long
        and hold many acronyms."""
        if i not in self._ends:
            before, _, last = self.pieces[i].rstrip().rpartition(" ")
            self._ends[i] = (before.strip(), last)
        return self._ends[i]


def _pick(index: ResolverIndex, ranked: list[Scored], around: _Around) -> tuple[Scored, str] | None:
    """The confident organisation of one mention and how it was decided, or ``None``."""
    if not ranked:
        return None
    top = ranked[0]
    mention = top.mention
    unit_pieces = around.units
    unit_context = bool(unit_pieces - {mention.piece})
    single_piece = len(around.pieces) == 1
    if mention.method == "acronym":
        spelt = around.abbreviations.get(mention.piece)
        if spelt is not None and not _spelt_out(index, top, *spelt):
            return None  # "Centre for Molecular Medicine Norway (NCMM)": that centre, not a museums commission
        if mention.coverage < 1.0:  # "… UFJF", "FMI Basel": one owner in the city or country named
            if mention.trailing:
                return None  # "MRC London Institute of Medical Sciences": part of a longer name
            if mention.unit_after and len(ranked) == 1 and top.features.get("country") != "conflict":
                return top, "acronym+unit"  # "UCLA School of Dentistry": its one owner, a unit of it named
            # "Max Planck Institute for Neurobiology of Behavior caesar MPINB": the acronym ending its piece
            # abbreviates the name before it, which spells out its one owner's name
            if len(ranked) == 1:
                before, last = around.ends(mention.piece)
                if (
                    last.upper().replace("-", "") == mention.span.replace("-", "")
                    and abbreviates(last, before) and _spelt_out(index, top, before, {})
                ):
                    return top, "acronym+spelt"
            placed = [s for s in ranked if s.features.get("country") == "agree" or "city" in s.features]
            return (placed[0], "acronym+place") if len(placed) == 1 else None
        if top.features.get("country") == "conflict":
            return None
        if len(ranked) == 1 and _supported(top):
            return top, "acronym+context"
        if len(ranked) == 1 and single_piece and len(mention.span) >= ACRONYM_UNIQUE_MIN_LEN:
            return top, "acronym"
        if len(ranked) == 1 and unit_context and mention.piece not in unit_pieces and mention.piece >= around.last:
            # "Department of Brain Sciences, DGIST": the unit's institution, named last; not a unit's acronym
            # between units ("University of Bonn, Medical Faculty (UKB), Institute of Physiology II")
            return top, "acronym+unit"
        # a piece that is one acronym and nothing else ("NHMRC", not "A(*)STAR"), in a text whose other acronyms
        # each have one owner or none ("NIDA/NIH": NIH is several institutes' acronym, so which NIDA is unsure)
        if (
            len(ranked) == 1 and len(mention.span) >= ACRONYM_UNIQUE_MIN_LEN and not around.ambiguous
            and around.bare(mention.piece)
        ):
            return top, "acronym+alone"  # "NHMRC/national heart foundation": kept if nothing else matched
        supported = [s for s in ranked if _supported(s)]
        if len(supported) == 1:
            return supported[0], "acronym+context"
        if (
            len(ranked) > 1 and mention.coverage == 1.0 and not any("country" in s.features for s in ranked)
            and not _initials_in(mention.span, around.initials)
        ):
            # "NINDS, NIH": the NIH the registry connects far more widely than India's hydrology institute
            return _prominent(index, ranked, floor=BASE["acronym"], least=WIDELY_CONNECTED)
        return None
    if top.score < MATCH or "longer_name" in top.features:
        return None  # "National Taiwan University Hospital" is not National Taiwan University, whatever else
    if _unit_of_another(mention, top, around):
        return None  # "Department of Biological Sciences, National Sun Yat-sen University": the university's
    matched = str(top.features.get("matched_name", ""))
    if mention.method == "fuzzy" and (
        not words_agree(mention.span, matched, CountryOrDescriptor(index)) or other_towns(index, mention.span, matched)
    ):
        return None  # "Aoyama Gakuin University" is spelt like Okayama's, but it is not a misspelling of it
    # "Department of Pathology, Northwestern University": after a unit, a whole piece that is an organisation's
    # official name names the institution, decided among namesakes as any name is
    institution = (
        unit_context and _as_written(top) and mention.coverage == 1.0 and mention.piece not in unit_pieces
        and not all(w in KIND_WORDS for w in mention.span.split())  # "University Hospital" names no one
    )
    if mention.generic and not institution and not _generic_ok(top, len(mention.span.split()), len(ranked)):
        # … or, written as registered, the namesake the registry connects far more widely ("National Cancer
        # Institute": the US one, with its relations, not Lithuania's); words reordered do not say so much
        close = [s for s in ranked[1:] if top.score - s.score < MARGIN]
        if not close and len(ranked) == 1 and mention.method == "exact-name" and mention.coverage == 1.0:
            return _alone_prominent(index, top)  # "… / National Science Foundation / …": its only owner, the US NSF
        if not close or mention.method != "exact-name":
            return None
        # "Institut Pasteur": the Paris institute's registered name, the others' only in translation ("Instituto
        # Pasteur") or as an alias; it means the one officially called so, when the registry connects it widely
        official = [s for s in (top, *close) if _as_written(s)]
        if len(official) == 1 and mention.coverage == 1.0:
            return _alone_prominent(index, official[0], "the only one officially called so")
        return _prominent(index, [top, *close])
    close = [s for s in ranked[1:] if top.score - s.score < MARGIN]
    if close:
        return _break_tie(index, top, close)
    return top, mention.method


def _unit_of_another(mention: Mention, top: Scored, around: _Around) -> bool:
    """A piece opening with a department's word ("Department of …", "Division of …") followed by a piece that
    names a university or a hospital is that institution's unit, not the organisation the registry calls by the
    same name (a government's "Department of Biological Sciences"), unless the string names its parent."""
    if mention.piece not in around.units or "hierarchy" in top.features:
        return False
    words = tokens(mention.span)
    return bool(words) and words[0] in DEPARTMENT_WORDS and any(
        INSTITUTION_WORDS & set(unified(" ".join(tokens(piece))).split())  # "Universidad de Chile" too
        for piece in around.pieces[mention.piece + 1 :]
    )


def _initials_in(acronym: str, initials: str) -> bool:
    """The acronym's letters are, in order, initials of words of the text: it may abbreviate them ("Bristol
    Population Health Science Institute, … (PHS)"), not name a prominent owner of the acronym."""
    letters = iter(initials)
    return all(ch in letters for ch in acronym.replace("-", "").upper())


def _spelt_out(index: ResolverIndex, s: Scored, before: str, found: dict[int, set[str]]) -> bool:
    """The acronym's organisation is the one the name before it spells out, written as it may be
    ("Centre for Ecological Research and Forestry Applications (CREAF)"), its words agreeing ("Max-Planck-Institut
    für Meteorologie (MPI-M)" is not the institute for mathematics, MPIM): its registered name, or a name by which
    the name before was found (``found``: organisation → names; "Fundació Privada Institut d'Investigació
    Oncològica de Vall d'Hebron (VHIO)")."""
    descriptors = CountryOrDescriptor(index)
    if any(words_agree(before, name, descriptors) for name in found.get(s.row, ())):
        return True
    # each word of its name is in the text, which may say more ("Fundació Privada …"), descriptors too: the
    # Max Planck Institute for Mathematics does not spell out "… für Meteorologie"
    name = index.orgs[s.row].name
    checked = [w for w in content(tokens(name)) if len(w) >= WORD_CHECKED]
    return bool(checked) and words_agree(name, before, COUNTRIES)


def _official(s: Scored) -> bool:
    return s.features.get("name_type") in ("name", "label")


def _as_written(s: Scored) -> bool:
    """An official name, written as registered: descriptors in another order or spelling may name another
    organisation ("Universidad Tecnológica Nacional" is not the "Universidad Nacional Tecnológica")."""
    return _official(s) and s.mention.method == "exact-name"


def _translated(s: Scored) -> bool:
    return s.features.get("name_type") == "translated" or s.features.get("via") == "translation"


def _break_tie(index: ResolverIndex, top: Scored, close: list[Scored]) -> tuple[Scored, str] | None:
    """Near-equal organisations for one name: an active successor beats its inactive predecessor; the
    organisation officially called so beats those that only have it as an alias; one called so as written
    beats those met in translation; then the one whose town the text names, the parent of all the others, or
    the far more connected one; otherwise no match."""
    contenders = [top, *close]
    active = [s for s in contenders if "status" not in s.features]
    if len(active) == 1 and all(active[0].row in s.successor_rows for s in contenders if s is not active[0]):
        return active[0], top.mention.method + "+successor"
    official = [s for s in contenders if _official(s)]
    if len(official) == 1 and official[0].score >= MATCH:
        return official[0], top.mention.method + "+official-name"
    # the organisation's own name beats another's name in translation, which the registry records as a label
    # ("Institute of Molecular and Cell Biology": Singapore's, not Porto's "Instituto de Biologia Molecular e
    # Celular")
    named = [s for s in official if s.features.get("name_type") == "name"]
    if len(named) == 1 and len(official) > 1 and named[0].score >= MATCH:
        return named[0], top.mention.method + "+own-name"
    literal = [s for s in official or contenders if not _translated(s)]
    if len(literal) == 1 and literal[0].score >= MATCH:
        return literal[0], top.mention.method + "+literal-name"
    placed = [s for s in contenders if "city" in s.features]  # "Institut Catholique d'Arts et Métiers, Lille"
    if len(placed) == 1 and placed[0].score >= MATCH:
        return placed[0], top.mention.method + "+city"
    return _parent_of_namesakes(index, contenders) or _prominent(index, contenders)


def _parent_of_namesakes(index: ResolverIndex, contenders: list[Scored]) -> tuple[Scored, str] | None:
    """Organisations sharing a name where one is the parent of all the others (a company and its national
    subsidiaries, "Lockheed Martin (United States)" and "… (Canada)"; a laboratory and its sites): the
    name alone means the parent."""
    rows = {s.row for s in contenders}
    for s in contenders:
        others = rows - {s.row}
        if s.score >= MATCH and all(s.row in index.orgs[o].parents for o in others):
            s.features["parent_of_namesakes"] = len(others)
            return s, s.mention.method + "+parent"
    return None


def _prominent(
    index: ResolverIndex, contenders: list[Scored], floor: float = MATCH, least: int = PROMINENT_LINKS
) -> tuple[Scored, str] | None:
    """Organisations that share the name: the one the registry connects far more widely than the others
    (scoring at least ``floor``: an acronym scores less than a name, whatever its owner)."""
    if len({s.features.get("matched_name") for s in contenders}) > 1:
        return None  # not one name shared, but different names that came out alike
    links = sorted(((index.orgs[s.row].links, i) for i, s in enumerate(contenders)), reverse=True)
    (most, best), runner_up = links[0], links[1][0]
    if most < least or most < PROMINENT_RATIO * runner_up or contenders[best].score < floor:
        return None
    chosen = contenders[best]
    chosen.features["prominence"] = f"{most} related organisations in the registry; next {runner_up}"
    return chosen, chosen.mention.method + "+prominent"


def _alone_prominent(
    index: ResolverIndex, top: Scored, why: str = "the only one called so"
) -> tuple[Scored, str] | None:
    """A generic name that one organisation alone is called, as written, and that the registry connects
    widely (as an acronym's prominent owner): the name means it ("National Science Foundation": the US NSF, an
    alias of it, with 34 related organisations)."""
    links = index.orgs[top.row].links
    if links < WIDELY_CONNECTED or top.score < MATCH:
        return None
    top.features["prominence"] = f"{links} related organisations in the registry; {why}"
    return top, top.mention.method + "+prominent"


def _candidate(index: ResolverIndex, s: Scored, method: str) -> Candidate:
    org = index.orgs[s.row]
    return Candidate(
        iri=org.iri, name=org.name, score=round(min(1.0, s.score), 3), method=method, features=dict(s.features)
    )


def _unit_of(index: ResolverIndex, s: Scored) -> Scored | None:
    """The parent a unit's full name names after it ("… of the Russian Academy of Sciences"), as a match of its
    own: the text names it too."""
    iri = s.features.get("unit_of")
    row = index.by_iri.get(iri) if isinstance(iri, str) else None
    if row is None:
        return None
    feats: dict[str, Feature] = {
        "matched_name": index.orgs[row].name,
        "method": "exact-name",
        "piece": s.mention.piece,
        "parent_of": index.orgs[s.row].iri,
    }
    return Scored(row, s.mention, s.name_id, s.score, feats)  # the unit's name id: the parent was met in its text


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


def _umbrella(kinds: tuple[str, ...]) -> bool:
    """A government body that is not itself a university or hospital (CNRS, Inserm, NIH, CAS, CSIC): named
    beside an institute or university it co-runs or funds, it is not where the author works."""
    return "government" in kinds and not {"education", "healthcare"} & set(kinds)


def _primary_first(index: ResolverIndex, found: list[Candidate]) -> list[Candidate]:
    """Order matched organisations: the primary one first. Affiliation strings run from the most specific
    unit to the institution, so the organisation named last leads, and a parent leads its child."""
    rows = {index.by_iri[c.iri] for c in found}

    def rank(c: Candidate) -> tuple[bool, bool, int, float]:
        org = index.orgs[index.by_iri[c.iri]]
        has_parent_named = bool(set(org.parents) & rows)
        piece = c.features.get("piece", 0)
        last = piece if isinstance(piece, int) else 0
        return (not _umbrella(org.kinds), not has_parent_named, last, c.score)

    return sorted(found, key=rank, reverse=True)


def _placed_acronyms(
    seg: Segments, mentions: list[Mention], picks: list[tuple[Scored, str]]
) -> list[tuple[Scored, str]]:
    """An acronym inside a longer piece, placed by the city or country named ("… Juiz de Fora UFJF"),
    counts only when nothing else in the string matched, when it is the piece's only acronym with owners
    (in "Instituto de Física Rosario CONICET UNR" the acronyms list the institute's parents), and only in a
    piece typed in mixed case (in "ANN ARBOR" every word looks like an acronym). An acronym that is a piece of its
    own among others ("NHMRC/national heart foundation") likewise counts only when nothing else matched."""
    others = [p for p in picks if p[1] not in ("acronym+place", "acronym+alone")]
    if others:
        return others
    alone = [p for p in picks if p[1] == "acronym+alone"]
    if alone:
        return alone
    partial = Counter(m.piece for m in mentions if m.method == "acronym" and m.coverage < 1.0)
    return [
        p for p in picks
        if partial[p[0].mention.piece] == 1
        and p[0].mention.piece not in seg.places
        and not seg.pieces[p[0].mention.piece].isupper()
    ]


class _Others:
    """The organisations the other mentions of an input may name: those named more often than by this one (a
    set per mention would take quadratic time in a text of a thousand mentions)."""

    __slots__ = ("mine", "total")

    def __init__(self, total: Counter[int], mine: set[int]) -> None:
        self.total, self.mine = total, mine

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and self.total[row] > (row in self.mine)


def _in_their_country(index: ResolverIndex, mentions: list[Mention], countries: set[str]) -> list[Mention]:
    """A name without its country that organisations abroad carry too ("Ministry of Education [of the People's
    Republic of China]") names it only where that country is named, by the text or by the user."""
    kept = []
    for mention in mentions:
        ids = [
            nid for nid in mention.name_ids
            if index.name_type[nid] != UNCOUNTRIED or countries.intersection(index.orgs[index.name_org[nid]].countries)
        ]
        if len(ids) != len(mention.name_ids):
            mention.name_ids = ids
        if ids:
            kept.append(mention)
    return kept


def resolve(
    index: ResolverIndex,
    text: str,
    *,
    country: str | None = None,
    limit: int = 10,
    multi: bool = False,
    registry_only: bool = False,
) -> Resolution:
    """Resolve free text (a name, an acronym, a Chinese name, a whole affiliation string).

    With ``multi=False`` (the default) ``matches`` holds the primary organisation only and the others
    the text names with confidence stay among the candidates, marked ``also_named``; with ``multi=True``
    all of them are matches, primary first. With ``registry_only`` only registry organisations (ROR) are
    considered, so a list entry is resolved against the registry and never against itself."""
    seg = segment(text)
    countries = state_or_country(seg, index.cities)
    if country:
        code = to_iso2(country)
        if code:
            countries.add(code)
    mentions = _in_their_country(index, find_mentions(index, seg), countries)
    ctx = make_context(index, seg.whole, countries, mentions)
    named = [
        {index.name_org[nid] for nid in m.name_ids} if m.method != "acronym" else set() for m in mentions
    ]
    total = Counter(row for rows in named for row in rows)
    ranked_lists = [score_mention(index, m, ctx, _Others(total, named[i])) for i, m in enumerate(mentions)]
    if registry_only:
        ranked_lists = [[s for s in ranked if index.orgs[s.row].registry] for ranked in ranked_lists]

    matches: dict[int, Candidate] = {}
    units = {i for i, piece in enumerate(seg.pieces) if opens_unit(piece)}
    spelt = {i - 1 for i in range(1, len(seg.pieces)) if abbreviates(seg.pieces[i], seg.pieces[i - 1])}
    found: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))  # piece → row → names
    for mention, ranked in zip(mentions, ranked_lists, strict=True):
        if mention.method != "acronym" and mention.piece in spelt:
            for s in ranked:
                found[mention.piece][s.row].add(str(s.features.get("matched_name", "")))
    around = _Around(
        pieces=seg.pieces,
        units=units,
        abbreviations={i + 1: (seg.pieces[i], found.get(i, {})) for i in spelt},
        last=max((i for i in range(len(seg.pieces)) if i not in seg.places), default=0),
        whole=seg.whole,
        ambiguous=any(m.method == "acronym" and len(r) > 1 for m, r in zip(mentions, ranked_lists, strict=True)),
    )
    picks = [p for p in (_pick(index, ranked, around) for ranked in ranked_lists) if p is not None]
    for picked in _placed_acronyms(seg, mentions, picks):
        chosen, method = picked
        parent = _unit_of(index, chosen)
        if parent is not None and parent.row not in matches:
            matches[parent.row] = _candidate(index, parent, "exact-name+unit")
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
    ordered = _primary_first(index, list(matches.values()))
    if not multi:
        for other in ordered[1:]:
            other.features["also_named"] = "yes"
            for cand in candidates:
                if cand.iri == other.iri:
                    cand.features["also_named"] = "yes"
        ordered = ordered[:1]
    if ordered:
        return Resolution(text, "match", ordered, candidates)
    if any(c.score >= CANDIDATE for c in candidates):
        return Resolution(text, "candidates", [], candidates)
    return Resolution(text, "none", [], candidates)
