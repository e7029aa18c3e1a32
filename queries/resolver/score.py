"""Scoring: each (mention, organisation) pair gets explainable features and a score in 0..1.

The score starts from how the name was found (exact, reordered, fuzzy similarity, acronym) and is moved by
context: country agreement or conflict, the organisation's city named in the text, a parent or child of the
organisation also named, how much of its piece the name covers, and status (withdrawn/inactive)."""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass, field
from itertools import pairwise

from queries.resolver.index import UNCOUNTRIED, Org, ResolverIndex
from queries.resolver.lexicon import SOFT_WORDS
from queries.resolver.models import Feature
from queries.resolver.normalise import fold, name_key
from queries.resolver.search import Mention, named_parent, named_umbrella, registered_owners

BASE = {
    "exact-name": 1.0,
    "cjk-name": 1.0,
    "reordered-name": 0.86,
    "expanded-name": 0.9,  # "Häme Polytechnic" for Häme University of Applied Sciences
    "short-name": 0.9,  # "Yale [School of Engineering]" for Yale University
    "acronym": 0.80,
    "partial-name": 0.88,  # "Fraunhofer [Institute for Telecommunications,] Heinrich Hertz Institut"
    "joined-name": 0.95,  # "amiralmoemenin hospital" for Amir-Al-Moemenin Hospital: its letters, words run together
}
# An alias is a weaker claim than the preferred name or an official label: when two organisations share a
# name, the one that is called so officially wins.
# A name that only translates to the text ("Universität Freiburg" for "University of Freiburg") is weaker
# still: an organisation called so in the text's own words wins.
NAME_TYPE_WEIGHT = {"name": 1.0, "alias": 0.95, "label": 1.0, "acronym": 1.0, "translated": 0.95, "short": 0.92,
                    UNCOUNTRIED: 0.92}
# Translating a name often reorders it ("Université de Purdue" → "Purdue University"): a translated name met
# in another word order loses less than a name as written does.
TRANSLATED_REORDERED = 0.95
COUNTRY_AGREE = 0.04
COUNTRY_CONFLICT = -0.35
CITY_BONUS = 0.04
HIERARCHY_BONUS = 0.08
ACRONYM_BONUS = 0.08  # its acronym typed beside a name written loosely ("Donostia Internacional Physics Center DIPC")
INACTIVE_PENALTY = 0.09
CONTINUED_PENALTY = 0.2  # the text goes on naming something more specific ("Hanoi University of Technology")
# … or goes on with a proper name, which a name often carries beside its registered form ("University of Urbino
# [Carlo Bo]"); "Queens University [of Charlotte]" is another organisation: the full penalty.
NAMED_AFTER_PENALTY = 0.1
MANY_OWNERS = 200  # organisations sharing one name above which only those in the named country are scored


# Territories that affiliation strings often place in the country that governs them ("Université des
# Antilles, France", "Åland University of Applied Sciences, Finland"), while the registry gives the
# territory's own code: either is agreement, neither is a conflict.
TERRITORIES: dict[str, tuple[str, ...]] = {
    "FR": ("GF", "PF", "GP", "MQ", "RE", "YT", "NC", "PM", "WF", "BL", "MF", "TF"),
    "FI": ("AX",),
    "DK": ("GL", "FO"),
    "NO": ("SJ", "BV"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "GB": ("GG", "JE", "IM", "GI", "BM", "KY", "VG", "FK", "MS", "TC", "AI", "SH", "IO"),
    "US": ("PR", "GU", "VI", "AS", "MP", "UM"),
    "AU": ("CX", "CC", "NF", "HM"),
    "NZ": ("CK", "NU", "TK"),
    "CN": ("HK", "MO"),
}
_GOVERNOR = {t: c for c, ts in TERRITORIES.items() for t in ts}


def with_territories(countries: set[str]) -> set[str]:
    """The countries and the territories they govern, and a territory's governing country."""
    out = set(countries)
    for code in countries:
        out.update(TERRITORIES.get(code, ()))
        if code in _GOVERNOR:
            out.add(_GOVERNOR[code])
    return out


_SAINT = re.compile(r"\b(saint|sainte|sankt|san|santa)\b")
_SAINT_SHORT = {"saint": "st", "sainte": "ste", "sankt": "st", "san": "s", "santa": "s"}


def _saint(town: str) -> str:
    """A town's name with its saint written short, as towns are written either way ("Saint Louis", "St.
    Louis")."""
    return _SAINT.sub(lambda m: _SAINT_SHORT[m.group(1)], town)


@dataclass
class Context:
    """What the whole input says besides names: countries and city words."""

    countries: set[str]
    folded: str  # the whole input folded, padded with spaces, for city look-ups
    known_cities: dict[str, tuple[str, ...]]  # the index's towns
    acronym_rows: frozenset[int] = frozenset()  # organisations whose acronym the input types ("… Center DIPC")
    said: dict[str, bool] = field(default_factory=dict)  # towns looked up in ``folded``, once each
    town_said: dict[str, tuple[str, ...]] = field(default_factory=dict)  # which of its names, once per town

    def says(self, town: str) -> bool:
        """The input names this town, also written in two words ("Xi An" for Xi'an); looked up once: a long
        input has many mentions of few towns."""
        if town not in self.said:
            if " " in town:
                self.said[town] = f" {_saint(town)} " in self.saints_short
            else:  # a word: looked up in a set, not searched for in a long text (a town has many names)
                self.said[town] = town in self.words or town in self.run_together
        return self.said[town]

    def named_as(self, town: str, others: tuple[str, ...]) -> tuple[str, ...]:
        """Which of a town's names the input says ("lisbon", "lisboa"), looked up once per town: many
        candidates share a town, and a town has many names."""
        if town not in self.town_said:
            self.town_said[town] = tuple(t for t in (town, *others) if self.says(t))
        return self.town_said[town]

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.saints_short.split())

    def says_besides(self, town: str, span: str) -> bool:
        """The input names this town besides in ``span``, a name holding it: "Lawrence Livermore National
        Laboratory, [Livermore], CA" gives the town as its address too."""
        if not self.says(town):
            return False
        if f" {town} " not in f" {span} ":
            return True
        padded = f" {_saint(town)} "
        return self.saints_short.count(padded) > f" {_saint(span)} ".count(padded)

    @functools.cached_property
    def saints_short(self) -> str:
        """The input with its towns' saints written short ("Saint Louis" as "st louis")."""
        return _saint(self.folded)

    @functools.cached_property
    def run_together(self) -> set[str]:
        words = self.folded.split()
        return {a + b for a, b in pairwise(words)}

    @functools.cached_property
    def cities(self) -> set[str]:
        """The towns the input names (only a name written without its town asks)."""
        words = self.folded.split()
        grams = (" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1))
        return {g for g in grams if g in self.known_cities}


def make_context(index: ResolverIndex, whole: str, countries: set[str], mentions: list[Mention]) -> Context:
    """The input's context; the organisations whose acronym it types come from its acronym mentions."""
    rows = frozenset(index.name_org[nid] for m in mentions if m.method == "acronym" for nid in m.name_ids)
    return Context(
        countries=with_territories(countries), folded=f" {fold(whole)} ", known_cities=index.cities,
        acronym_rows=rows,
    )


@dataclass
class Scored:
    """One organisation for one mention."""

    row: int
    mention: Mention
    name_id: int
    score: float
    features: dict[str, Feature]
    successor_rows: tuple[int, ...] = ()


def _similarity(mention: Mention) -> float:
    if mention.method == "fuzzy":
        # 0.80 → 0.55, 0.90 → 0.78, 1.0 → 1.0: a near-exact spelling keeps most of its weight.
        return max(0.0, 1.0 - (1.0 - mention.similarity) * 2.25)
    return BASE.get(mention.method, 0.9) * (mention.similarity if mention.method != "acronym" else 1.0)


# "… University Affiliated Sixth People's Hospital": what follows is an organisation of its own
AFFILIATED = frozenset(["affiliated", "affiliate", "attached"])


def _different(index: ResolverIndex, mention: Mention) -> bool:
    """The words around a name make it a longer name of another organisation: descriptors ("… of
    Technology", "… Hospital", "… Cancer Center"), not proper names ("… Carlo Bo") or dressing. A proper
    name that opens what follows makes it a named unit of the organisation ("Nanjing University [Tongding
    Joint Laboratory]", "Cleveland Clinic [Lerner Research Institute]")."""

    def descriptor(word: str) -> bool:
        return (word in index.generic and word not in SOFT_WORDS) or word in AFFILIATED

    trailing = mention.trailing
    if trailing and (mention.linked or descriptor(trailing[0])) and any(map(descriptor, trailing)):
        return True
    return any(map(descriptor, mention.leading))


def _town_spelt(index: ResolverIndex, org: Org, nid: int) -> str | None:
    """Which of its town's other names the registered name holds where the key met holds the town's own
    ("madras as chennai" for "IIT Madras" met as "iit chennai"); ``None`` for a name met only in translation."""
    met = f" {index.name_key[nid]} "
    towns = [town for town in org.cities if town in index.town_names and f" {town} " in met]
    if not towns:
        return None
    registered = f" {name_key(index.name_text[nid])} "  # only now: a candidate's name, normalised again
    for town in towns:
        for other in index.town_names[town]:
            if f" {other} " in registered and f" {other} " not in met:
                return f"{other} as {town}"
    return None


def _padded(cities: tuple[str, ...]) -> str:
    return f" {' '.join(cities)} "


def _weight(index: ResolverIndex, nid: int) -> float:
    kind = index.name_type[nid]
    return NAME_TYPE_WEIGHT.get(kind, 1.0) + (0.01 if kind == "name" else 0.0)


def score_mention(
    index: ResolverIndex, mention: Mention, ctx: Context, named_rows: Container[int]
) -> list[Scored]:
    """Score every organisation this mention may name (best name per organisation); ``named_rows`` are
    the organisations the other mentions of the input may name (for the hierarchy feature)."""
    best_name: dict[int, int] = {}
    for nid in mention.name_ids:
        row = index.name_org[nid]
        if row not in best_name or _weight(index, nid) > _weight(index, best_name[row]):
            best_name[row] = nid
    out: list[Scored] = []
    # A name many organisations share ("Ministry of Health"): with the country named, those placed elsewhere
    # could only be candidates of a conflicting country; scoring them all costs time that grows with the registry.
    placed_only = len(best_name) > MANY_OWNERS and bool(ctx.countries)
    # organisations the words after the name, linked by "of", are a registered name of: a parent named in full?
    parents_named = registered_owners(index, " ".join(mention.trailing)) if mention.linked else set()
    for row, nid in best_name.items():
        org = index.orgs[row]
        if placed_only and org.countries and not set(org.countries) & ctx.countries:
            continue
        feats: dict[str, Feature] = {
            "matched_name": index.name_text[nid],
            "name_type": index.name_type[nid],
            "method": mention.method,
            "similarity": round(mention.similarity, 3),
            "coverage": round(mention.coverage, 3),
            "same_name_orgs": len(best_name),
            "piece": mention.piece,
        }
        if mention.generic:
            feats["generic_name"] = "yes"
        similarity = _similarity(mention)
        if mention.method == "reordered-name" and index.name_type[nid] == "translated":
            similarity = TRANSLATED_REORDERED
        kind = index.name_type[nid]
        if mention.method == "exact-name" and kind != "translated" and index.name_key[nid] != mention.span:
            kind = "translated"  # the text's words translated meet this name: "Universidad de los Andes" is
            # literally Colombia's Universidad de Los Andes, only in translation Venezuela's University of the Andes
            feats["via"] = "translation"
        if index.name_type[nid] == "translated" and (spelt := _town_spelt(index, org, nid)):
            feats["town_as"] = spelt  # "IIT Chennai" met "IIT Madras": "madras as chennai"
        score = similarity * NAME_TYPE_WEIGHT.get(kind, 1.0)
        of_parent = named_parent(index, row, parents_named) if parents_named else None
        if of_parent is None and parents_named and not mention.generic:
            of_parent = named_umbrella(index, row, parents_named)
        if of_parent is not None:  # "Institute for Physics of Microstructures [of the Russian Academy of Sciences]"
            feats["unit_of"] = index.orgs[of_parent].iri
        elif mention.trailing:
            feats["continued_by"] = " ".join(mention.trailing[:4])
            literal = kind != "translated" and index.name_key[nid] == mention.span
            score -= NAMED_AFTER_PENALTY if literal and not mention.linked else CONTINUED_PENALTY
        own_city = _padded(org.cities)  # "[Trondheim] Norwegian University …": its own city
        leading = [w for w in mention.leading if f" {w} " not in own_city]
        if leading:
            feats["preceded_by"] = " ".join(leading[-4:])
            score -= CONTINUED_PENALTY
        if mention.unit_before:
            feats["unit_named_before"] = "yes"
        if mention.unit_after:
            feats["unit_named_after"] = " ".join(mention.unit_after[:4])
        if of_parent is None and _different(index, mention):
            feats["longer_name"] = "yes"
        if ctx.countries:
            if set(org.countries) & ctx.countries:
                feats["country"] = "agree"
                score += COUNTRY_AGREE
            elif org.countries:
                feats["country"] = "conflict"
                score += COUNTRY_CONFLICT
        whole = not (mention.trailing or mention.leading)  # "Nanjing University [of Posts …], Nanjing": a longer
        # name's town is not this one's
        city = next(
            (
                c
                for c in org.cities
                for t in ctx.named_as(c, index.town_names.get(c, ()))  # "…, Lisboa" for Lisbon
                if ctx.says_besides(t, mention.span) and (whole or t not in mention.span)
            ),
            None,
        )
        if city is not None:
            feats["city"] = city
            score += CITY_BONUS
        relatives = {r for r in (*org.parents, *org.children) if r in named_rows}
        if relatives:
            feats["hierarchy"] = ", ".join(index.orgs[r].iri for r in sorted(relatives))
            score += HIERARCHY_BONUS
        if index.name_type[nid] == "short":  # "University of North Carolina [at Chapel Hill]" is not the one at
            # Wilmington (also when the text's words met the short name only in translation)
            own = {_saint(c) for c in org.cities}  # "Saint Louis" is St. Louis
            elsewhere = sorted(c for c in ctx.cities if _saint(c) not in own and c not in mention.span)
            if elsewhere:
                feats["other_town"] = elsewhere[0]
                score += COUNTRY_CONFLICT
        if row in ctx.acronym_rows and mention.method != "acronym":
            feats["acronym_typed"] = "yes"
            score += ACRONYM_BONUS
        if org.status != "active":
            feats["status"] = org.status
            score -= INACTIVE_PENALTY
        if org.kinds:
            feats["kind"] = ",".join(org.kinds)
        # Not capped at 1.0 here: an exact name with context must still lead the same name without it.
        out.append(Scored(row, mention, nid, max(0.0, score), feats, org.successors))
    out.sort(key=lambda s: s.score, reverse=True)
    return out
