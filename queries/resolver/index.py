"""The resolver index: every name, alias, acronym and label of every organisation, folded into look-up
tables (exact key, word-order-free key, CJK key, acronym, word postings for fuzzy search).

Built once at ingest (:meth:`ResolverIndex.build`), saved beside the database (:meth:`save`) and loaded on
start (:meth:`load`, a single pickle, no rebuild)."""

from __future__ import annotations

import bisect
import functools
import json
import logging
import math
import pickle
import re
import sys
import time
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from queries.resolver.lexicon import (
    CJK_LEGAL_FORMS,
    CJK_PREFIXES,
    CJK_SHORT_FORMS,
    KIND_WORDS,
    without_legal_phrase,
)
from queries.resolver.models import NameRecord, Resolution
from queries.resolver.normalise import (
    LEGAL_FORMS,
    acronym_key,
    bag_key,
    cjk_key,
    content,
    fold,
    has_cjk,
    looks_like_acronym,
    name_key,
    tokens,
    unified,
)
from queries.resolver.segment import split_camel
from queries.resolver.towns import as_keys, in_own_town, other_names
from rskg.countries import to_iso2
from rskg.errors import NotFoundError

log = logging.getLogger(__name__)

# 4: name_org and the cjk and acronym posting lists are int arrays; 5: organisations carry ``links`` and names
# without their town ("short") are indexed; 6: name keys fold initials ("U.S." as "US") and drop more legal
# forms ("Oyj", "SE"); 7: a name without its town is kept beside its own units' names ("Washington
# University [Physicians]"), and names are also indexed without their "and …" tail ("Wageningen University
# [& Research]"); 8: names without a town the name spells otherwise than the registry ("Leibniz University
# [Hannover]", in Hanover) or without their country; 9: names before a spaced dash and a second name
# ("Leibniz Institute on Aging [- Fritz Lipmann Institute]"), names without their town where another name only
# adds descriptors ("Radboud University [Nijmegen]"), Italian names without "degli Studi"; 10: towns' names in
# other languages (``town_names``), and names that spell their own town so indexed with the registry's
# spelling ("Universidade Nova de [Lisboa]" as Lisbon); 11: CJK names as typed (``cjk_typed``: without a legal
# form or the PLA's name before them, "科学技术" as "科技"); 12: a registry company's name without its country;
# 13: "S&T" and "R&D" folded as the words they stand for, names without a country's name of three or four words
# ("[of the] People's Republic of China"). Formats 3 to 12 still load, with a warning to rebuild.
FORMAT_VERSION = 13
_BEFORE_5 = "to decide between namesakes, to find names written without their town, and to read initials"
_REBUILD_FOR = {
    3: _BEFORE_5,
    4: _BEFORE_5,
    5: "to read names written with initials ('U.S.') or a legal form such as 'Oyj'",
    6: "to find names written without their town beside their units' names ('Washington University') or without "
    "their 'and' tail ('Wageningen University')",
    7: "to find names written without a town they spell otherwise than the registry ('Albert-Ludwigs-Universität')",
    8: "to find names written without the second name after a dash ('Leibniz Institute on Aging'), without "
    "their town beside a longer name ('Radboud University') or without 'degli Studi' ('Università di Torino')",
    9: "to read towns' names in other languages ('NOVA University of Lisbon', 'IIT Chennai')",
    10: "to find Chinese and Japanese names typed without their legal form or the PLA's name ('国防科技大学', "
    "'日立製作所')",
    11: "to read a registry company's name without its country ('CoStar Group (United States)') as its own name",
    12: "to read 'S&T' and 'R&D' as the words they stand for ('Huazhong University of S&T') and to find names "
    "written without a country's longer name ('Ministry of Education [of the People's Republic of China]')",
}
GENERIC_SPREAD = 8  # a word used in names in this many countries is a descriptor, not a proper name
# A descriptor-only name ("Open University", "Institute of Physics") is generic when at least this many
# unrelated organisations carry it inside a longer name ("Open University of Japan", "Hellenic Open …");
# "University of Victoria" or "National Institutes of Health" are made of descriptors but are not.
GENERIC_EXTENSIONS = 3
INDEX_FILE = "resolver.pkl"
META_FILE = "resolver.json"
_PAREN = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*")
_CJK_PARTS = re.compile(r"[()（）/／\[\]【】]")


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation as the resolver keeps it; ``parents``/``children``/``successors`` are row numbers."""

    iri: str
    name: str
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    status: str
    cities: tuple[str, ...]
    parents: tuple[int, ...]
    children: tuple[int, ...]
    successors: tuple[int, ...]
    registry: bool
    source: str
    links: int = 0  # the registry's children and related organisations (format 3/4 indexes: 0)

    def __reduce__(self) -> tuple[type[Org], tuple[object, ...]]:
        # the constructor with the fields, not dataclasses' generic __setstate__ (a third of the load time)
        return Org, tuple(getattr(self, name) for name in self.__slots__)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _variants(record: NameRecord) -> Iterable[tuple[str, str]]:
    """(text, name type) for every name of a record, plus bracket-free forms of bracketed names,
    German umlauts written out ("Universitaet fuer Bodenkultur") and Italian names without "degli Studi"."""
    for text, kind in _base_variants(record):
        yield text, kind
        spelled = text.translate(_UMLAUTS)
        if spelled != text:
            yield spelled, kind
        split = split_camel(text)
        if split != text and kind != "acronym":
            yield split, kind
        plain = _OF_STUDIES.sub(" ", text)
        if plain != text and kind != "acronym":
            yield plain, kind
        bare = without_legal_phrase(text) if kind != "acronym" else None
        if bare:
            yield bare, kind


def _cjk_part(text: str) -> str:
    """The CJK parts of a name, without the Latin name a list may write before them ("Naval Command College
    (中国人民解放军海军指挥学院)", "… Co. LTD / 北京…"); a name that mixes scripts in one part stays whole
    ("NTT東日本")."""
    return "".join(part for part in _CJK_PARTS.split(text) if has_cjk(part)).strip()


def _cjk_variants(text: str) -> Iterable[str]:
    """A CJK name as typed: without its legal form or the PLA's name before it, and with its words shortened
    ("中国人民解放军国防科学技术大学" → "国防科学技术大学", "国防科技大学"); each at least three characters, as two
    ("日本", "東レ") are too often a word of other names."""
    bare = text
    for form in CJK_LEGAL_FORMS:
        if bare.startswith(form):
            bare = bare[len(form) :].strip()
            break
    for form in CJK_LEGAL_FORMS:
        if bare.endswith(form):
            bare = bare[: -len(form)].strip()
            break
    for prefix in CJK_PREFIXES:
        if bare.startswith(prefix) and len(bare) - len(prefix) >= 3:
            bare = bare[len(prefix) :]
    forms = {text, bare}
    for long, short in CJK_SHORT_FORMS.items():
        forms |= {f.replace(long, short) for f in forms}
    for form in forms - {text}:
        if len(form) >= 3 and has_cjk(form):
            yield form


# Italian university names as registered and as written: "Università [degli Studi] di Torino"
_OF_STUDIES = re.compile(r"\s+degli\s+studi\s+", re.IGNORECASE)


def _base_variants(record: NameRecord) -> Iterable[tuple[str, str]]:
    yield record.name, "name"
    for alt in record.alt_names:
        yield alt, "alias"
    for label in record.labels:
        yield label.value, "label"
    for acronym in record.acronyms:
        yield acronym, "acronym"
    for text in (record.name, *record.alt_names, *(lb.value for lb in record.labels)):
        inner = _PAREN.search(text)
        if inner is None:
            continue
        outer = _PAREN.sub(" ", text).strip()
        if outer:
            # ROR names companies "CoStar Group (United States)": the country in brackets only tells namesakes
            # apart, the name is the organisation's own, not an alias that a list entry's name would outrank
            qualified = inner.end() >= len(text.rstrip()) and to_iso2(inner.group(1)) is not None
            yield outer, "name" if text == record.name and qualified else "alias"
        if looks_like_acronym(inner.group(1)):
            yield inner.group(1), "acronym"


_PLACED_KINDS = frozenset(["name", "label", "alias"])
_PLACE_LINKS = frozenset(["of", "in", "zu", "at", "de", "di", "du", "a", "the"])
_WORDS = re.compile(r"[\s,]+")


@functools.lru_cache(maxsize=1 << 16)
def _folded(words: str) -> str:
    """:func:`fold` for the last words of names, which repeat ("University", "Institute", town names)."""
    return fold(words)


TOWN_SPELLING = 0.85  # a name's last word this like its own town is the town spelt otherwise ("Hannover")
MIN_TOWN = 4  # … when the town's name (or its first word) has this many letters


def own_town(word: str, own: tuple[str, ...]) -> bool:
    """The organisation's own town spelt as its name spells it: "Leibniz University Hannover" (Hanover),
    "Albert-Ludwigs-Universität Freiburg" (Freiburg im Breisgau); "Universität Wien" is not (Vienna)."""
    heads = [town if " " not in town else town.split()[0] for town in own]  # "Freiburg [im Breisgau]"
    return any(
        town[:1] == word[:1] and len(town) >= MIN_TOWN and fuzz.ratio(word, town) >= TOWN_SPELLING * 100
        for town in heads
    )


def _without_place(
    text: str,
    cities: dict[str, tuple[str, ...]],
    town_ends: frozenset[str],
    own: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
) -> str | None:
    """A name without the town it ends in, as it is often written: "Philipps University [of Marburg]",
    "Radboud University [Nijmegen]", "Imperial College [London]", "Leibniz University [Hannover]" (its town
    spelt in English "Hanover"), or without its own country ("Károli Gáspár University of the Reformed Church
    [in Hungary]"); ``None`` when it ends in no town or too little is left."""
    words = [w for w in _WORDS.split(text.strip()) if w]
    if len(words) < 2:
        return None
    last = _folded(words[-1])
    spelt = own_town(last, own)
    # a country's name of up to four words: "Ministry of Education [of the People's Republic of China]"
    country = [
        size for size in range(min(4, len(words) - 1), 0, -1) if to_iso2(" ".join(words[-size:])) in countries
    ]
    if last.rsplit(" ", 1)[-1] not in town_ends and not spelt and not country:
        return None  # most names: not even their last word ends a town's name
    for size in sorted({2, 1, *country}, reverse=True):  # what is left must hold two words ("Georg-August-
        # Universität [Göttingen]")
        if len(words) <= size:
            continue
        ends = _folded(" ".join(words[-size:]))
        if ends not in cities and not (size == 1 and spelt) and size not in country:
            continue
        if ends not in own and any(w in KIND_WORDS for w in ends.split()):
            continue  # "Lewis-Clark State College" is a college in Lewiston, not one in State College
        head = words[:-size]
        while head and _folded(head[-1]) in _PLACE_LINKS:
            head = head[:-1]
        short = " ".join(head).rstrip(" ,-\u2013")
        if len(content(tokens(short))) >= 2:
            return short
    return None


# Names without their town or country ("short"), and names without their country that others carry abroad
# ("Ministry of Education [of the People's Republic of China]"), met only where that country is named.
UNCOUNTRIED = "short-country"
SHORT_TYPES = ("short", UNCOUNTRIED)


def _abroad_namesake(
    orgs: Sequence[Org], key: str, row: int, owners: set[int], registered: dict[int, list[str]]
) -> bool:
    """A name without its country ("Ministry of Education [of the People's Republic of China]", "[del Perú]")
    that others carry only in other countries (Singapore's, Brazil's "Ministry of Education") is a namesake of
    theirs, which the country named decides between, as for any namesakes. Not a name without its country
    that no other organisation carries ("National Space Agency [of Ukraine]")."""
    own = set(orgs[row].countries)
    others = owners - {row}
    if not own or not others or any(set(orgs[other].countries) & own for other in others):
        return False  # no namesake, or one at home
    return any(_without_country(text, key, own) for text in registered.get(row, ()))


def _without_country(text: str, key: str, own: set[str]) -> bool:
    """The name is ``key`` with its own country's name after it, as :func:`_without_place` reads it with no
    towns to go by."""
    short = _without_place(text, {}, frozenset(), countries=tuple(own))
    return short is not None and name_key(short) == key


_UNIT_OPENERS = frozenset(["school", "college", "faculty", "department", "division", "institute", "center", "centre"])
_TAIL = re.compile(r"\s+(?:and|&)\s+[^\W\d_]+$", re.IGNORECASE)


def _without_tail(text: str) -> str | None:
    """A name without the one word it ends in after "and" or "&", as it is often written: "Wageningen
    University [& Research]", "Serbian Academy of Sciences [and Arts]"; ``None`` when it has no such tail or
    too little is left. Kept only where no other organisation is called so (see ``_unique_shorts``)."""
    match = _TAIL.search(text)
    if match is None:
        return None
    short = text[: match.start()].rstrip(" ,-")
    return short if len(content(tokens(short))) >= 2 else None


_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_BRANCH = frozenset(["branch", "campus", "site", "office", "division"])


def _dash_head(text: str, cities: dict[str, tuple[str, ...]]) -> str | None:
    """A name before a spaced dash and a second name, as it is often written alone: "Leibniz Institute on Aging
    [- Fritz Lipmann Institute (FLI)]"; not where what follows places a branch of the first ("Cairo University [-
    Khartoum branch]" is Al-Neelain University, not Cairo University). Kept only where it holds more than
    descriptors and no other organisation is called so."""
    parts = _DASH.split(text)
    if len(parts) != 2 or len(content(tokens(parts[0]))) < 2:
        return None
    rest = tokens(parts[1])
    if any(w in _BRANCH or w in cities for w in rest):
        return None
    return parts[0].strip(" ,")


_DERIVED = frozenset(["joined", "town_words"])  # tables :class:`ResolverIndex` derives when first used; not saved


class ResolverIndex:
    """Look-up tables over all names; :meth:`resolve` answers "who is it?"."""

    def __init__(self) -> None:
        # Memory: a million organisations hold ~5 million names, so name_org and the cjk and acronym postings are
        # int arrays (4 bytes a name, not a pointer and an int object), and repeated strings and tuples
        # (countries, kinds, name keys shared by several names) are one object each, which the pickle keeps.
        self.orgs: list[Org] = []
        self.name_org: array[int] = array("i")
        self.name_text: list[str] = []
        self.name_type: list[str] = []
        self.name_key: list[str] = []
        self.exact: dict[str, list[int]] = {}
        self.bag: dict[str, list[int]] = {}
        self.cjk: dict[str, array[int]] = {}
        self.cjk_typed: dict[str, array[int]] = {}  # CJK names as typed: met only where a text's name begins
        self.acronyms: dict[str, array[int]] = {}
        self.postings: dict[str, list[int]] = {}
        self.idf: dict[str, float] = {}
        self.cities: dict[str, tuple[str, ...]] = {}
        self.town_names: dict[str, tuple[str, ...]] = {}  # a town's other names ("lisbon": "lisboa", …)
        self.by_iri: dict[str, int] = {}
        self.generic: frozenset[str] = frozenset()
        self.extended: dict[str, int] = {}
        self.max_span = 1
        self.max_cjk = 1

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, records: Iterable[NameRecord]) -> ResolverIndex:
        """Index every name of every record. Duplicate IRIs: the first record wins."""
        started = time.perf_counter()
        index = cls()
        kept: list[NameRecord] = []
        for record in records:
            if record.iri in index.by_iri:
                continue
            index.by_iri[record.iri] = len(kept)
            kept.append(record)
        index._add_orgs(kept)
        # towns' names in other languages, for names that spell their own town so ("Universidade Nova de Lisboa")
        index.town_names = other_names(index.cities, excluded=index.cities.keys())
        pending = deque(kept)
        del kept
        town_ends = frozenset(city.rsplit(" ", 1)[-1] for city in index.cities)
        tails: list[tuple[int, str]] = []  # names without their "and …" tail, added once descriptors are known
        # names of organisations whose town has other names, as (row, text, key): indexed with the town spelt the
        # registry's way ("… Nova de [Lisbon]") once descriptors and every registered name are known
        spelt: list[tuple[int, str, str]] = []
        typed: list[tuple[int, str]] = []  # CJK names as typed, added once every registered name is known
        for row in range(len(pending)):
            record = pending.popleft()  # let go once its names are in: the index grows into the memory it held
            seen: set[tuple[str, str]] = set()
            for text, kind in _variants(record):
                if (text, kind) not in seen and text.strip():
                    seen.add((text, kind))
                    index._add_name(row, text, kind)
                    if kind not in _PLACED_KINDS:
                        continue
                    if has_cjk(text):
                        typed.extend((row, form) for form in _cjk_variants(_cjk_part(text)))
                    org = index.orgs[row]
                    if any(town in index.town_names for town in org.cities):
                        spelt.append((row, text, name_key(text)))
                    short = _without_place(text, index.cities, town_ends, org.cities, org.countries)
                    if short and (short, "short") not in seen:
                        seen.add((short, "short"))
                        index._add_short(row, short)
                    for short in (_without_tail(text), _dash_head(text, index.cities)):
                        if short and (short, "short") not in seen:
                            seen.add((short, "short"))
                            tails.append((row, short))
        index._add_typed_cjk(typed)
        index._finish(tails, spelt)
        log.info(
            "resolver index built",
            extra={
                "orgs": len(index.orgs),
                "names": len(index.name_org),
                "seconds": round(time.perf_counter() - started, 2),
            },
        )
        return index

    def _add_orgs(self, records: Sequence[NameRecord]) -> None:
        children: dict[int, list[int]] = defaultdict(list)
        parents = [tuple(self.by_iri[p] for p in r.parents if p in self.by_iri) for r in records]
        for row, ups in enumerate(parents):
            for up in ups:
                children[up].append(row)
        city_countries: dict[str, set[str]] = defaultdict(set)
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}

        def one(values: Iterable[str]) -> tuple[str, ...]:
            """The same tuple object for equal tuples of strings (a million orgs, a few hundred countries)."""
            key = tuple(sys.intern(v) for v in values)
            return shared.setdefault(key, key)

        for row, r in enumerate(records):
            cities = one(dict.fromkeys(fold(c) for c in r.cities if fold(c)))
            for city in cities:
                city_countries[city].update(r.countries)
            self.orgs.append(
                Org(
                    iri=r.iri,
                    name=r.name,
                    countries=one(c.upper() for c in r.countries),
                    kinds=one(k.lower() for k in r.kinds),
                    status=sys.intern(r.status.lower()),
                    cities=cities,
                    parents=parents[row],
                    children=tuple(children.get(row, ())),
                    successors=tuple(self.by_iri[s] for s in r.successors if s in self.by_iri),
                    registry=r.registry,
                    source=sys.intern(r.source),
                    links=r.links,
                )
            )
        self.cities = {c: tuple(sorted(v)) for c, v in city_countries.items()}

    def _add_name(self, row: int, text: str, kind: str, *, typed: bool = False) -> None:
        nid = len(self.name_org)
        key = sys.intern(acronym_key(text) if kind == "acronym" else name_key(text))
        if len(key) < 2:  # "AT&S" → "s": too short to name anything
            return
        self.name_org.append(row)
        self.name_text.append(text)
        self.name_type.append(kind)
        self.name_key.append(key)
        if kind == "acronym":
            self.acronyms.setdefault(key, array("i")).append(nid)
            return
        words = key.split()  # the name's content words (name_key joins them)
        self.exact.setdefault(key, []).append(nid)
        self.bag.setdefault(bag_key(key), []).append(nid)
        self.max_span = max(self.max_span, len(words))
        english = unified(key)
        if english != key and kind != "translated":  # "Université du Maine" → "university maine"
            self._add_translated(row, text, english)
        if has_cjk(text):
            # the CJK parts of the name: not the Latin name a list writes before it ("Naval Command College
            # (中国…)", "… Co. LTD / 北京…"), which would only lengthen every CJK look-up
            ckey = cjk_key(_cjk_part(text))
            if len(ckey) >= 2:
                (self.cjk_typed if typed else self.cjk).setdefault(ckey, array("i")).append(nid)
                self.max_cjk = max(self.max_cjk, len(ckey))
        for tok in set(words):
            self.postings.setdefault(tok, []).append(nid)

    def _add_typed_cjk(self, typed: Sequence[tuple[int, str]]) -> None:
        """CJK names as typed, each kept where it names one organisation and is no other's registered name
        ("中國科技大學" is a Taiwanese university's name, not the University of Science and Technology of China's
        "中国科学技术大学" shortened). In a longer text they are met only where a name begins: "信息工程大学" (the PLA
        Information Engineering University) is the end of "南京信息工程大学", another university."""
        owners: defaultdict[str, set[int]] = defaultdict(set)
        for row, text in typed:  # by the characters and by how they read: simplified and traditional read alike
            owners[cjk_key(text)].add(row)
            owners[name_key(text)].add(row)
        for row, text in dict.fromkeys(typed):
            ckey, key = cjk_key(text), name_key(text)
            named = (*self.cjk.get(ckey, ()), *self.exact.get(key, ()))
            if owners[ckey] == owners[key] == {row} and all(self.name_org[nid] == row for nid in named):
                self._add_name(row, text, "alias", typed=True)

    def _add_short(self, row: int, text: str) -> None:
        """A name without its town, for exact look-ups only (as written and in English); kept by
        :meth:`_finish` only where it names this one organisation."""
        key = name_key(text)
        for k in dict.fromkeys((key, unified(key))):
            if len(k) < 2:
                continue
            nid = len(self.name_org)
            self.name_org.append(row)
            self.name_text.append(text)
            self.name_type.append("short")
            self.name_key.append(sys.intern(k))
            self.exact.setdefault(self.name_key[nid], []).append(nid)

    def _unique_shorts(self) -> None:
        """A name without its town says which organisation only when it holds a proper name and no other
        organisation's name is, begins with or begins it: "University of Maryland" begins the names of
        College Park, Baltimore and more, "Azienda Sanitaria Locale" those of every local health authority,
        "Faculty of Sciences" is made of descriptors, "German Center for Neurodegenerative Diseases (DZNE)"
        (Dresden) only adds an acronym to the centre's own name; those look-ups are dropped. The organisation's
        own units do not count as others, nor names that only add descriptors, or its town and descriptors, to
        the short name ("Radboud University [Nijmegen] [Medical Center]", "Leibniz University [of Applied
        Sciences]"): the text does not say those words."""

        def named(key: str) -> set[int]:  # the organisations called so, not only by a short name
            return {self.name_org[nid] for nid in self.exact.get(key, ()) if self.name_type[nid] not in SHORT_TYPES}

        def rivals(other: str, units: set[int], own_names: list[str]) -> set[int]:
            return {
                row
                for row in named(other) - units
                if not any(k in f" {name_key(self.orgs[row].name)} " for k in own_names)
            }

        if "short" not in self.name_type:
            return
        keys = sorted(k for k, ids in self.exact.items() if any(self.name_type[nid] not in SHORT_TYPES for nid in ids))
        with_short = {self.name_org[nid] for nid, kind in enumerate(self.name_type) if kind == "short"}
        full: dict[int, list[str]] = defaultdict(list)  # their names as registered, for their own units' names
        registered: dict[int, list[str]] = defaultdict(list)  # and as written, for their countries' names
        for nid, row in enumerate(self.name_org):
            if row in with_short and self.name_type[nid] not in SHORT_TYPES:
                full[row].append(f" {self.name_key[nid]} ")
                registered[row].append(self.name_text[nid])
        for key, ids in list(self.exact.items()):
            shorts = [nid for nid in ids if self.name_type[nid] == "short"]
            if not shorts:
                continue
            owners = {self.name_org[nid] for nid in ids}
            # Its own units do not make it ambiguous: "Washington University [Physicians]" (a child),
            # "Washington University in St. Louis [School of Medicine]", "Musculoskeletal Research Center,
            # Washington University in St. Louis" (units that carry its whole name).
            units = {c for row in owners for c in self.orgs[row].children}
            own_names = [k for row in owners for k in full.get(row, ())]
            words = key.split()
            if all(w in self.generic for w in words):
                owners.add(-1)
            for n in range(1, len(words)):  # another organisation's name that this one only extends with an
                # acronym, a town or a unit ("[German Center for Neurodegenerative Diseases] DZNE", "[University
                # of Arizona] College of Medicine"), not with more name ("[University of Texas] Medical Branch")
                rest = words[n:]
                if rest[0] in _UNIT_OPENERS or all(w.upper() in self.acronyms or w in self.cities for w in rest):
                    owners |= rivals(" ".join(words[:n]), units, own_names)
            i = bisect.bisect_left(keys, key)
            towns = {t for nid in shorts for t in self.orgs[self.name_org[nid]].cities}  # "[Nijmegen] Medical Center"
            while len(owners) < 2 and i < len(keys) and (keys[i] == key or keys[i].startswith(key + " ")):
                # a longer name that only adds descriptors is another kind of organisation the text does not
                # name ("Radboud University [Medical Center]"); one that adds a town or a proper name is a rival
                more = keys[i].split()[len(words):]
                if not more or not all((w in self.generic and w not in self.cities) or w in towns for w in more):
                    owners |= rivals(keys[i], units, own_names)
                i += 1
            if len(owners) < 2:
                continue
            for nid in shorts:  # kept, to be met only where the text or the user names its country
                if _abroad_namesake(self.orgs, key, self.name_org[nid], owners - {-1}, registered):
                    self.name_type[nid] = UNCOUNTRIED
            kept = [nid for nid in ids if self.name_type[nid] != "short"]
            if kept:
                self.exact[key] = kept
            else:
                del self.exact[key]

    def _add_translated(self, row: int, text: str, key: str) -> None:
        nid = len(self.name_org)
        self.name_org.append(row)
        self.name_text.append(text)
        self.name_type.append("translated")
        key = sys.intern(key)
        self.name_key.append(key)
        self.exact.setdefault(key, []).append(nid)
        self.bag.setdefault(bag_key(key), []).append(nid)

    def _finish(self, tails: Sequence[tuple[int, str]] = (), spelt: Sequence[tuple[int, str, str]] = ()) -> None:
        total = max(1, len(self.name_org))
        self.idf = {tok: math.log(total / len(ids)) for tok, ids in self.postings.items()}
        # Descriptor words ("engineering", "institute", "health") appear in names in many countries; place
        # and proper names ("nanjing", "wellcome") in few. A name made only of descriptors is generic. A town's
        # name counts so only in the registry's names: lists of concern place "Shanghai …" trading companies in
        # Hong Kong, Dubai and further, which does not make Shanghai a descriptor ("Shanghai University").
        generic = set()
        for tok, ids in self.postings.items():
            if len(ids) < GENERIC_SPREAD or to_iso2(tok) is not None:
                continue
            if tok in self.cities:
                ids = [nid for nid in ids if self.orgs[self.name_org[nid]].registry]
            if len({c for nid in ids for c in self.orgs[self.name_org[nid]].countries}) >= GENERIC_SPREAD and (
                self._varied(ids)
            ):
                generic.add(tok)
        self.generic = frozenset(generic | LEGAL_FORMS)
        for row, text in tails:  # "Institute of Molecular Biology [and Genetics]" shortened is descriptors only
            if not all(w in self.generic for w in name_key(text).split()):
                self._add_short(row, text)
        # a descriptor is no town's name ("Central" is one of Radford's): one set of town names, for the names
        # indexed below and for reading a text
        kept = {town: tuple(o for o in others if o not in self.generic) for town, others in self.town_names.items()}
        self.town_names = {town: others for town, others in kept.items() if others}
        town_keys = as_keys(self.town_names)
        for row, text, key in spelt:
            for variant in in_own_town(key, self.orgs[row].cities, town_keys):
                for k in dict.fromkeys((variant, unified(variant))):  # "universidade nova lisbon", "university …"
                    # not another organisation's name: "Temasek Polytechnic" (Temasek, a name of Singapore) is
                    # not "Singapore Polytechnic"
                    if all(self.name_org[nid] == row for nid in self.exact.get(k, ())):
                        self._add_translated(row, text, k)
        self.extended = self._extensions()
        self.max_span = min(self.max_span, 16)
        self._unique_shorts()

    def _varied(self, ids: Sequence[int]) -> bool:
        """True when the names holding a word are many different names, not one multinational's name
        repeated for its subsidiaries ("Novo Nordisk (Denmark)", "Novo Nordisk (Portugal)", …)."""
        distinct: set[str] = set()
        for nid in ids:
            distinct.add(name_key(_PAREN.sub(" ", self.name_text[nid])))
            if len(distinct) >= GENERIC_SPREAD:
                return True
        return False

    def _extensions(self) -> dict[str, int]:
        """For each descriptor-only name key: how many organisations, other than its owners and their
        parents and children, have a longer name that contains it ("Institute of Physics" inside "Institute
        of Physics of the Czech Academy of Sciences")."""
        holders: dict[str, set[int]] = defaultdict(set)
        for nid, key in enumerate(self.name_key):
            if self.name_type[nid] == "acronym":
                continue
            words = key.split()
            row = self.name_org[nid]
            # maximal runs of descriptor words; only their sub-spans can be descriptor-only names
            start = 0
            while start < len(words):
                if words[start] not in self.generic:
                    start += 1
                    continue
                end = start
                while end < len(words) and words[end] in self.generic:
                    end += 1
                for i in range(start, end):
                    for j in range(i + 1, min(end, i + 8) + 1):
                        if j - i == len(words):
                            continue
                        sub = " ".join(words[i:j])
                        if sub in self.exact:
                            holders[sub].add(row)
                start = end
        out: dict[str, int] = {}
        for sub, rows in holders.items():
            near = {self.name_org[nid] for nid in self.exact[sub]}
            for owner in list(near):
                near.update(self.orgs[owner].parents)
                near.update(self.orgs[owner].children)
            if rows - near:
                out[sub] = len(rows - near)
        return out

    # ------------------------------------------------------------------ persistence
    def save(self, directory: Path | str) -> Path:
        """Write the index into ``directory`` (created if needed); returns the index file's path."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        path = out / INDEX_FILE
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            state = {k: v for k, v in self.__dict__.items() if k not in _DERIVED}
            pickle.dump((FORMAT_VERSION, state), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        meta = {
            "format": FORMAT_VERSION,
            "orgs": len(self.orgs),
            "names": len(self.name_org),
            "bytes": path.stat().st_size,
        }
        (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def exists(cls, directory: Path | str) -> bool:
        return (Path(directory) / INDEX_FILE).is_file()

    @classmethod
    def load(cls, directory: Path | str) -> ResolverIndex:
        """Load a saved index. The file is our own pickle, written by :meth:`save` beside the database;
        never load one from an untrusted place."""
        path = Path(directory) / INDEX_FILE
        if not path.is_file():
            raise NotFoundError(f"no resolver index at {directory}: run `rskg ingest ror` first")
        with path.open("rb") as handle:
            version, state = pickle.load(handle)  # noqa: S301 - our own file, see docstring
        if version == 3:  # the same tables with lists where 4 has int arrays: convert, no rebuild needed
            state["name_org"] = array("i", state["name_org"])
            for name in ("cjk", "acronyms"):
                state[name] = {key: array("i", ids) for key, ids in state[name].items()}
        if version in _REBUILD_FOR:
            log.warning(
                "resolver index at %s has format %d: rebuild it with `rskg ingest refresh` %s",
                directory, version, _REBUILD_FOR[version],
            )
        elif version != FORMAT_VERSION:
            raise NotFoundError(
                f"resolver index at {directory} has format {version}, expected "
                f"{FORMAT_VERSION}: rebuild it with `rskg ingest refresh`"
            )
        index = cls()
        index.__dict__.update(state)
        return index

    # ------------------------------------------------------------------ queries
    def resolve(
        self,
        text: str,
        *,
        country: str | None = None,
        limit: int = 10,
        multi: bool = False,
        registry_only: bool = False,
    ) -> Resolution:
        """Who is named in ``text``? See :func:`queries.resolver.decide.resolve`."""
        from queries.resolver.decide import resolve

        return resolve(self, text, country=country, limit=limit, multi=multi, registry_only=registry_only)

    def resolve_many(
        self,
        texts: Iterable[str],
        *,
        country: str | None = None,
        limit: int = 10,
        multi: bool = False,
        registry_only: bool = False,
    ) -> list[Resolution]:
        """One :class:`Resolution` per text, in input order."""
        return [
            self.resolve(t, country=country, limit=limit, multi=multi, registry_only=registry_only)
            for t in texts
        ]

    def warm(self) -> None:
        """Derive now the tables otherwise derived on first use (0.3–0.5 s), so that a server's first
        requests do not wait for them."""
        for name in _DERIVED:
            getattr(self, name)

    @functools.cached_property
    def town_words(self) -> frozenset[str]:
        """Every town's names: the registry's and the other ones ("lisbon", "lisboa", "roma"). Derived when
        first needed, not saved."""
        return frozenset(self.cities) | frozenset(o for others in self.town_names.values() for o in others)

    @functools.cached_property
    def joined(self) -> dict[str, list[int]]:
        """Names by their key's letters without spaces ("kafrelsheikhuniversity"): the words of a name run
        together or written apart. Derived from ``exact`` when first needed, not saved."""
        table: dict[str, list[int]] = {}
        for key, ids in self.exact.items():
            # registered names only: a name without its town is checked against the names spelt as it is
            # ("Viet Nam National University" [HCMC] is no rival of "Vietnam National University" [Hanoi])
            named = [nid for nid in ids if self.name_type[nid] not in SHORT_TYPES]
            if named:
                table.setdefault(key.replace(" ", ""), []).extend(named)
        return table

    def is_generic(self, key: str) -> bool:
        """True when a name key is made of descriptor words only and is also part of the longer names of
        several unrelated organisations ("Institute of Physics", "Open University", "Faculty"), so that on
        its own it does not say which organisation is meant."""
        words = key.split()
        if not all(tok in self.generic for tok in words):
            return False
        return len(words) == 1 or self.extended.get(key, 0) >= GENERIC_EXTENSIONS

    def org(self, iri: str) -> Org | None:
        row = self.by_iri.get(iri)
        return None if row is None else self.orgs[row]
