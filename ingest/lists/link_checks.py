"""When a list entry's match in the registry is the entry itself, for a same-as link (:mod:`ingest.lists.linking`).

The resolver answers the organisation a text names, which is what a screener wants to see: "Lockheed Martin" for
"Lockheed Martin Missiles and Fire Control", the PLA for "中国人民解放军海军指挥学院". A same-as link needs more:
the whole of the entry's name, not a unit of the match, its arm in another country, or a company it owns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from queries.resolver import Candidate, NameRecord, ResolverIndex
from queries.resolver.lexicon import CJK_LEGAL_FORMS, OWN_ORG_WORDS, UNIT_WORDS
from queries.resolver.normalise import (
    LEGAL_FORMS,
    abbreviates,
    cjk_key,
    content,
    fold,
    has_cjk,
    looks_like_acronym,
    name_key,
    tokens,
    words_agree,
)
from rskg.countries import to_iso2

SIMILAR = 0.8  # name similarity (rapidfuzz token sort, 0..1) that confirms an acronym or picks among aliases


def _leftover(text: str, matched: str) -> set[str]:
    """Content words of ``text`` that the matched name does not account for (acronyms, legal forms and
    digits-only words aside)."""
    typed = {w.strip("()").lower() for w in text.split() if looks_like_acronym(w.strip("()"))}
    words = set(content(tokens(text))) - set(content(tokens(matched)))
    return {w for w in words if w not in LEGAL_FORMS and w not in typed}


def similar(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(name_key(a), name_key(b))) / 100.0


# Words by which a list names a branch, plant or subsidiary of the organisation it also names ("Branch of
# RSK MiG", "Филиал ПАО «ОАК» – Калязинский Машиностроительный Завод"), or a unit of it ("Academy of Military
# Medical Sciences, Field Blood Transfusion Institution"): not the organisation itself.
BRANCH_WORDS = frozenset(
    ["filial", "branch", "zavod", "plant", "factory", "works", "subsidiary", "otdelenie", "institution"]
)
# Regions a company's arm is named after in brackets ("China Telecom (Americas) Corp.")
_REGIONS = frozenset(["americas", "america", "north america", "latin america", "europe", "asia", "asia pacific",
                      "africa", "middle east", "emea", "apac"])
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")
_UNIT_ALIAS_WORDS = UNIT_WORDS | OWN_ORG_WORDS | {"academy"}
_HOLDING = frozenset(["holding", "holdings"])


# Features by which the resolver says its match is only part of what the text names ("Lockheed Martin [Missiles
# and Fire Control]", "[Logistics University of the] People's Armed Police", "Baykar [Research Institute]").
_PART_OF_TEXT = ("continued_by", "unit_named_before", "unit_named_after")


def accept(index: ResolverIndex, record: NameRecord, kind: str, text: str, match: Candidate) -> bool:
    """A same-as link needs the whole name: a match on part of it ("CETC" in "CETC 54th Research
    Institute", "Lockheed Martin" in "Lockheed Martin Missiles and Fire Control") names a parent, not the
    entity. An acronym (the list's, or the registry's) needs the full names to agree: "ELA" or "TTP" name
    many things. A town in brackets must be the organisation's own."""
    row = index.by_iri.get(match.iri)
    countries = index.orgs[row].countries if row is not None else ()
    if row is not None and _town_elsewhere(index, text, row):
        return False
    if match.method.startswith("acronym") or kind == "acronym":
        names = (record.name, *record.alt_names)
        return max((similar(n, match.name) for n in names), default=0.0) >= SIMILAR
    if any(key in match.features for key in _PART_OF_TEXT):
        return False  # the text names more than the match: a unit of it, or a longer name
    matched = str(match.features.get("matched_name") or match.name)
    if _arm_of(text, matched, countries):
        return False
    if match.method.startswith("cjk"):
        return not _cjk_rest(text, matched)
    if "hierarchy" in match.features:
        return True
    if match.method.startswith("fuzzy") and not words_agree(text, matched):
        return False  # a name spelt alike, not the same name
    left = _leftover(text, matched)
    if left & _HOLDING and "company" not in str(match.features.get("kind", "")):
        return False  # "Xi'an Jiaotong University Holding Co., Ltd.": a company the university owns
    if _unit_acronym(text, matched):
        return False
    return not (left & (UNIT_WORDS | BRANCH_WORDS) or any(any(ch.isdigit() for ch in w) for w in left))


def _unit_acronym(text: str, matched: str) -> bool:
    """An acronym the text types after the matched name, outside brackets, that the name does not hold names a
    unit of it ("Kurchatovskiy Institute ITEF", the Kurchatov Institute's institute for theoretical and
    experimental physics). Not in text typed in capitals, where every word looks like one."""
    if text.isupper():
        return False
    outside = _BRACKETED.sub(" ", text)
    own = fold(matched).split()

    def foreign(word: str) -> bool:
        if len(word) < 3 or not word.isalpha() or not word.isupper() or word.lower() in LEGAL_FORMS:
            return False
        # its own acronym, typed between commas ("…Transmission Problems, IITP, Russian Academy of Sciences")
        return word.lower() not in own and not abbreviates(word, matched)

    return any(foreign(w) for w in re.findall(r"[\w-]+", outside))


def _cjk_rest(text: str, matched: str) -> str:
    """What a CJK text says besides the registered name it was matched by, legal forms aside: a unit or a longer
    name ("中国人民解放军[海军指挥学院]" is a college, not the PLA; "[桂林]电子科技大学" another university)."""
    rest = cjk_key(text).replace(cjk_key(matched), "", 1)
    for form in CJK_LEGAL_FORMS:
        rest = rest.replace(form, "")
    return rest if has_cjk(rest) else ""


def _arm_of(text: str, matched: str, countries: Sequence[str]) -> bool:
    """The text names the organisation's arm in another country or a region, in brackets ("China Telecom
    (Americas) Corp.", "… (Germany)"), which the matched name does not say: a subsidiary, not the organisation.
    Its own country may be said so ("Lockheed Martin Corporation (USA)")."""
    for part in _BRACKETED.findall(text):
        place = fold(part)
        if not place or place in fold(matched):
            continue
        code = to_iso2(part) if len(place) >= 3 else None  # "(IN)", "(MO)": codes, not written as places
        if place in _REGIONS or (code is not None and code not in countries):
            return True
    return False


def _town_elsewhere(index: ResolverIndex, text: str, row: int) -> bool:
    """The text names, in brackets, a town the organisation is not in ("International Relations Institute
    (Nanjing, Jiangsu Province)", the PLA's institute, is not Beijing's University of International Relations,
    whose alias is "Institute of International Relations"): another organisation of that name, or its site."""
    org = index.orgs[row]
    own = {town for c in org.cities for town in (c, *index.town_names.get(c, ()))}
    for part in _BRACKETED.findall(text):
        for place in part.split(","):
            key = name_key(place)
            if key in index.cities and key not in own:
                return True
    return False


def child_named(index: ResolverIndex, match: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """A parent matched where the text also names one of its children ("Chinese Academy of Sciences Institute
    of Computing Technology"): the entry is the child."""
    related = match.features.get("hierarchy")
    row, child = index.by_iri.get(match.iri), index.by_iri.get(str(related)) if related else None
    if row is None or child is None or row not in index.orgs[child].parents:
        return match
    return next((c for c in candidates if c.iri == index.orgs[child].iri), match)


def units_as_aliases(record: NameRecord) -> bool:
    """The list gives the entry's units as its aliases: an alias that holds the entry's name or acronym and says
    more ("5th Academy of CASC", "12th Research Institute, China Aerospace Science and Technology Corporation"),
    so that an alias may name a unit ("China Academy of Space Technology (CAST)") rather than the entry."""
    own = [fold(n) for n in (record.name, *record.acronyms) if fold(n)]
    for alias in record.alt_names:
        text = fold(alias)
        for name in own:
            if f" {name} " in f" {text} ":  # its own name and more: a unit's words, or its number
                more = set(text.split()) - set(name.split())
                if more & _UNIT_ALIAS_WORDS or any(w[:1].isdigit() for w in more):
                    return True  # not "Malek Ashtar University [of Technology]"
    return False
