"""Candidate generation: find the spans of an input that name an organisation.

Each piece of the input (see :mod:`segment`) is searched, longest span first, for an exact name key, a
word-order-free key, a CJK name inside CJK text, an acronym as typed; pieces with no exact name are
searched fuzzily (word postings weighted by rarity, then rapidfuzz on a few dozen names)."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from queries.resolver.index import SHORT_TYPES, ResolverIndex, own_town
from queries.resolver.lexicon import (
    AFTER_A_NAME,
    CARE,
    COMPANY_UNITS,
    CONJUNCTIONS,
    DIRECTIONS,
    KIND_WORDS,
    LEGAL_OR_FUNCTION,
    NAMED_UNITS,
    OWN_NOT_UNIT,
    OWN_ORG_WORDS,
    OWNER_LINKS,
    ROLE_WORDS,
    ROMAN_NUMERALS,
    SOFT_WORDS,
    SUBUNIT_WORDS,
    UNIT_WORDS,
    legal_phrase,
)
from queries.resolver.normalise import (
    LEGAL_FORMS,
    STOPWORDS,
    WORD_CHECKED,
    acronym_key,
    bag_key,
    cjk_key,
    content,
    fold,
    has_cjk,
    looks_like_acronym,
    name_key,
    shouting,
    tokens,
    unified,
    words_agree,
)
from queries.resolver.segment import US_STATES, Segments, country_named_last
from rskg.countries import to_iso2

NAME_AFTER_ACRONYM = 8  # words read after an acronym for a name it begins ("MRC London Institute of …")
FUZZY_POOL = 40  # names scored with rapidfuzz per piece
FUZZY_FLOOR = 0.80  # similarity below which a fuzzy hit is not even a candidate
NEAR_EQUAL = 0.05  # fuzzy hits this close to the best one are its rivals
# A fuzzy hit whose proper words are in another order ("Running Brook" for "Brooks Running", "Cheng Kung" for
# "Chung Cheng") loses what an exact name reordered loses against the name as written (BASE["reordered-name"],
# 0.86, read through the fuzzy scale): proper words reordered and misspelt name someone else more often than
# not. Descriptors move freely ("State Economic University" for "State University of Economics").
REORDERED_COST = 6.0  # rapidfuzz points (of 100)
REORDERED_GAIN = 10.0  # how many points more the proper words score sorted than in order: they were reordered
MAX_POSTINGS = 20000  # a word in more names than this carries no evidence for fuzzy search
COMMON_POSTINGS = 2000  # a word in more names than this only adds weight to names rarer words found …
SCANNED_WORDS = 2  # … once this many rarer words were looked up (one may be misspelt or inflected)
MAX_PIECE_TOKENS = 40
WORD_IN_NAMES = 30  # in capitals, a registered acronym that is a word of this many names is read as the word ("FREE")


@dataclass
class Mention:
    """A span of one piece that names something in the index."""

    piece: int
    start: int
    end: int
    method: str  # exact-name | reordered-name | cjk-name | acronym | fuzzy | partial-name
    similarity: float
    name_ids: list[int]
    span: str
    coverage: float  # share of the piece's content words the span covers
    generic: bool = False  # a name made of descriptor words only ("Institute of Physics")
    last_piece: int = -1  # for names that run over several pieces: the last one
    trailing: list[str] = field(default_factory=list)  # content words after the span in its piece
    linked: bool = False  # the words after it are joined by a function word ("Nanjing University [of Posts …]")
    leading: list[str] = field(default_factory=list)  # content words before it that may be part of a name
    unit_before: bool = False  # the words before it name a unit of it ("Logistics University of [the PAP]")
    unit_after: list[str] = field(default_factory=list)  # its unit the piece goes on with ("DENSO [IT Laboratory]")


def opens_unit(piece: str) -> bool:
    """The piece names a unit ("Department of Pathology", "Neuroscience Graduate Program")."""
    toks = content(tokens(piece))
    return bool(toks) and (toks[0] in UNIT_WORDS or toks[-1] in UNIT_WORDS)


_ROLE_LINKS = frozenset(["at", "with", "of", "in", "the", "and", "now"])  # "Currently [at] …", "[now with] …"


def _piece_tokens(piece: str) -> list[str]:
    """The piece's words, without what it says first about the author ("Currently with …", "Current
    address …", "Assistant Professor at …")."""
    toks = tokens(piece)[:MAX_PIECE_TOKENS]
    start = 0
    while start < len(toks) and (toks[start] in ROLE_WORDS or (start and toks[start] in _ROLE_LINKS)):
        start += 1
    return toks[start:] if start < len(toks) else toks


def _core(toks: list[str]) -> list[str]:
    """A piece without its country and, at its end, its legal form and corporate words, before and after the
    country ("IBM [Deutschland GmbH]", "Hikvision [Europe B.V.]"); without a legal form written out before the
    name."""
    core = _without_country(_before_forms(toks) or toks, before=1)
    end = len(_before_forms(core))
    start = 0
    while start < end and core[start] in LEGAL_OR_FUNCTION:
        start += 1
    if start and not legal_phrase(core[:start]):
        start = 0
    return core[start:end] or core


_JOINED = re.compile(r"[-/]")
_PUNCT = "%()[]{}<>.,;:\"'*#"


def _listed(word: str) -> list[str]:
    """Acronyms joined by hyphens or slashes, each of three letters or more, are typed one by one ("NIMS-KMA",
    "INRAE/IRD"); not where a part is shorter, as "KU" opens "[VIB-]KU Leuven", a name of its own."""
    parts = _JOINED.split(word.strip(_PUNCT))
    if len(parts) < 2 or not all(len(p) >= 3 and looks_like_acronym(p) for p in parts):
        return []
    return parts


def _ignorable(index: ResolverIndex, tok: str, typed_acronyms: set[str], cities: bool = True) -> bool:
    """Words after a name that do not make it a different organisation: places, legal forms, acronyms.
    Before a name a city is kept (``cities=False``): "[Shanghai] Artificial Intelligence Research Institute",
    "[Wenzhou]-Kean University" are other organisations, unless it is the organisation's own city (see
    score.score_mention)."""
    return (
        len(tok) < 2
        or not tok.isalpha()
        or tok in LEGAL_FORMS
        or (cities and tok in AFTER_A_NAME)
        or tok in typed_acronyms
        or (cities and tok in index.cities)
        or to_iso2(tok) is not None
    )


def _continues(
    index: ResolverIndex, toks: list[str], end: int, typed_acronyms: set[str], acronym_ends: bool = False
) -> list[str]:
    """Words that continue a name past ``end`` ("Hanoi University [of Technology]"); none when what follows
    opens a new unit ("… Department of X"), or is a place, a legal form or an acronym."""
    after = toks[end:]
    if after and after[0] in ROMAN_NUMERALS:
        return after[:1]  # "Université Rennes [II]", "University of Toulouse [II]": a numbered university
    if acronym_ends and after and after[0] in typed_acronyms:
        return []  # "Leiden University Medical Center [LUMC] Transplant Center": an acronym ends the name
    for i, tok in enumerate(after):  # "… University of Cambridge and NIHR …", "… Melbourne at the …"
        if tok not in ("and", "at"):
            continue
        # "University of Groningen [and University Medical Center Groningen]", but "… of Science and Technology"
        tail = after[i + 1 :]
        opens = bool(tail) and (
            unified(tail[0]) in KIND_WORDS
            or tail[0] in typed_acronyms
            # "… Observatorium Davos [and World Radiation Center]": a name ending as organisations' names end
            or (len(tail) > 1 and unified(tail[-1]) in KIND_WORDS and not any(t in STOPWORDS for t in tail))
        )
        if (i > 0 and after[i - 1] not in STOPWORDS) or (i == 0 and opens):
            after = after[:i]
            break
    rest = [t for t in after if not _ignorable(index, t, typed_acronyms)]
    if not rest or rest[0] in UNIT_WORDS or legal_phrase(rest) or legal_phrase(after):
        return []
    named = [t for t in after if t not in STOPWORDS]
    if named and to_iso2(" ".join(named)) is not None:
        return []  # "National Research Council [of Italy]", "… [of South Africa]": its country, not more name
        # ("Queens University of Charlotte" is another university)
    words = content(rest)
    if any(t in SUBUNIT_WORDS for t in words) and not any(t in OWN_ORG_WORDS for t in words):
        return []  # "Johns Hopkins University [Whiting School of Engineering]": a unit of the university
    return [t for t in words if t not in UNIT_WORDS]


# A person's initials and surname opening a piece: the eponym many names carry before their registered form
# ("[A.A. Kharkevich] Institute for Information Transmission Problems", "[N.N. Burdenko] National Medical Research
# Center"); initials as the text types them, with full stops
_EPONYM = re.compile(r"(?:[^\W\d_]\.\s*){1,3}[^\W\d_][\w'’-]+\s")


def eponym_words(piece: str) -> int:
    """How many words of the piece's :func:`tokens` a person's name opening it takes (0 when none)."""
    found = _EPONYM.match(piece)
    return len(tokens(found.group())) if found else 0


def _precedes(
    index: ResolverIndex, toks: list[str], start: int, typed_acronyms: set[str], eponym: int = 0
) -> list[str]:
    """Words before a name that make it part of a longer one ("[Winston-]Salem State University", "[West]
    Virginia Wesleyan College"); none when the piece opens with a unit ("Department of Physics Harvard
    University", see :func:`_unit_before`) or what comes before is a place, a legal form, an acronym, or a
    person's name (``eponym``: how many words open the piece with one)."""
    before = toks[eponym:start] if start >= eponym else toks[:start]
    # a name's key leaves out legal forms, so its span may open with one ("National University [Corporation]
    # Tokyo Institute of Technology"): the legal phrase may run into the span
    legal_end = start
    while legal_end < len(toks) and toks[legal_end] in LEGAL_FORMS:
        legal_end += 1
    if any(t in ROLE_WORDS for t in before) or legal_phrase(toks[:legal_end]):
        return []  # "[Public Joint Stock Company] United Aircraft Corporation"
    joins = [i for i, t in enumerate(before) if t in ("and", "at")]
    if joins and joins[-1] > 0 and unified(before[joins[-1] - 1]) in KIND_WORDS:
        before = before[joins[-1] + 1 :]  # "[Oslo University Hospital and] University of Oslo": two organisations
    return [
        t for t in before if t not in STOPWORDS and not _ignorable(index, t, typed_acronyms, cities=False)
    ]


def _unit_before(toks: list[str], start: int) -> bool:
    """The words before a name name a unit of it: "Department of Physics [Harvard University]", "Affiliated
    Hospital of", "Universitätsbibliothek der" (not "[Third Affiliated Hospital of] Sun Yat-sen University":
    a hospital is an organisation of its own)."""
    before = toks[:start]
    if any(t in UNIT_WORDS for t in before):
        return True
    linked = [t for t in before if t not in ("the", "la", "le", "l")]
    return len(linked) > 1 and linked[-1] in OWNER_LINKS and not any(unified(t) in OWN_ORG_WORDS for t in before)


def _before_forms(toks: list[str]) -> list[str]:
    """The words before the legal form and corporate words that end them."""
    end = len(toks)
    while end and toks[end - 1] in AFTER_A_NAME:
        end -= 1
    return toks[:end]


def _without_country(toks: list[str], before: int = 2) -> list[str]:
    """A piece without the country that ends it ("National Research Council [of Italy]", "… [of South
    Africa]", "Federation University [Australia]"), after ``before`` words at least."""
    for size in (1, 2):
        if len(toks) > size + 1 and toks[-size - 1] == "of" and to_iso2(" ".join(toks[-size:])) is not None:
            return toks[: -size - 1]
    named_last = country_named_last(toks, before)  # "Federation University [Australia]"
    return toks[: -named_last[0]] if named_last else toks


def _company_before_country(index: ResolverIndex, toks: list[str]) -> bool:
    """The words before the piece's country are a company's registered name, and no town's."""
    head = content(_without_country(toks, before=1))
    key = " ".join(head)
    return 0 < len(head) < len(content(toks)) and key not in index.cities and any(
        "company" in index.orgs[index.name_org[nid]].kinds for nid in index.exact.get(key, ())
    )


def _get(table: dict[str, list[int]], key: str, english: str) -> list[int]:
    """Names under a key, and under its English form ("universidad chile" → "university chile")."""
    ids = table.get(key, [])
    if english != key:
        ids = ids + table.get(english, [])
    return ids


def registered_owners(index: ResolverIndex, key: str) -> set[int]:
    """The organisations a key is a registered name of (not a name without its town)."""
    return {index.name_org[nid] for nid in index.exact.get(key, ()) if index.name_type[nid] not in SHORT_TYPES}


def named_parent(index: ResolverIndex, row: int, named: set[int]) -> int | None:
    """The organisation's parent, or its parent's parent, among ``named``: the organisations the words after
    its name, linked by "of", are a registered name of. The text then names a unit of that parent by its full
    name ("Institute for Physics of Microstructures of the Russian Academy of Sciences"), not a longer name of
    another organisation."""
    parents = index.orgs[row].parents
    if not named or not parents:
        return None
    above = [*parents, *(g for p in parents for g in index.orgs[p].parents)]
    return next((up for up in above if up in named), None)


# An organisation the registry relates this many others to is one that has units ("Russian Academy of Sciences",
# "Chinese Academy of Sciences", the NIH): a name followed by "of" and its full name is a unit of it
UMBRELLA_LINKS = 10


def named_umbrella(index: ResolverIndex, row: int, named: set[int]) -> int | None:
    """An organisation with units, in the organisation's own country, among ``named`` (the organisations the
    words after its name, linked by "of", are a registered name of), where the registry does not record it as
    the parent: "Institute for Information Transmission Problems [of the Russian Academy of Sciences]" names
    the institute, a unit of the academy, not a longer name of another organisation."""
    countries = set(index.orgs[row].countries)
    return next(
        (
            up for up in sorted(named)
            if up != row and index.orgs[up].links >= UMBRELLA_LINKS and countries & set(index.orgs[up].countries)
        ),
        None,
    )


def _of_its_parent(index: ResolverIndex, toks: list[str], end: int, ids: list[int]) -> bool:
    """A generic name followed, after "of", by the full name of one of its owners' parents ("Institute of
    Automation [of the Chinese Academy of Sciences]"): a mention, decided as any generic name (its parent is
    named)."""
    if end >= len(toks) or toks[end] not in OWNER_LINKS or len(toks) - end > index.max_span + 4:
        return False  # (what follows is longer than any name: read no further, as a piece may be long)
    named = registered_owners(index, " ".join(content(toks[end:])))
    return bool(named) and any(named_parent(index, index.name_org[nid], named) is not None for nid in ids)


def _hosted_at(index: ResolverIndex, toks: list[str], start: int, end: int) -> bool:
    """A one-word name that ends its piece after "at" names where the piece's unit is ("The Ludwig Center [at
    Harvard]", "… Interface Center [at Caltech]"), unless it is a town ("… Center at Houston")."""
    if start == 0 or toks[start - 1] != "at" or end != len(toks):
        return False
    word = " ".join(toks[start:end])
    return word not in index.cities and not index.is_generic(word)


def _opens_its_unit(index: ResolverIndex, toks: list[str], start: int, end: int) -> bool:
    """A generic name that opens its piece and is followed by one of its units ("Northwestern University
    [Feinberg School of Medicine]"): a mention, decided as any generic name (with its place named)."""
    return start == 0 and end - start > 1 and any(t in SUBUNIT_WORDS for t in toks[end:]) and not _continues(
        index, toks, end, set()
    )


def _unit_after(index: ResolverIndex, toks: list[str], start: int, end: int, ids: list[int]) -> list[str]:
    """The words after an organisation's name that opens its piece, when they name a unit of it: the
    organisation, decided as a name with a unit named after it; none otherwise. After a company's name a unit
    word will do ("China Shipbuilding Industry Corporation [722nd Research Institute]", "Samsung [Research
    America]"); after any other name of two words or more, the unit must end in a word naming a unit, and not
    name a hospital or a care unit of its own ("University of Chicago [Neuroscience Institute]"). A one-word
    name must be a proper name (one word inside a longer piece is no mention: "Engineering", "Ford
    [Foundation]")."""
    word = toks[start]
    if start or end == len(toks):
        return []
    if end - start == 1 and (
        len(word) < 3 or word in index.generic or word in index.cities or to_iso2(word) is not None
    ):
        return []
    company = all("company" in index.orgs[index.name_org[nid]].kinds for nid in ids)
    if end < len(toks) and toks[end] in STOPWORDS:
        return []  # "Epigenomics [and Mechanisms Branch]": one longer name
    rest = content(toks[end:])
    if not company:  # "University of Chicago [Neuroscience Institute]", "Vilnius University [Life Sciences Center]"
        if end - start == 1 or rest[-1] not in NAMED_UNITS or set(rest) & (OWN_NOT_UNIT | CARE):
            return []
        return rest
    joined = set(rest) | {a + b for a, b in pairwise(rest)}  # "R&D" is "r", "d"
    if not joined & COMPANY_UNITS or set(rest) & OWN_NOT_UNIT:
        return []
    return rest


def _lookup(index: ResolverIndex, key: str, n_words: int) -> tuple[str, list[int] | None]:
    english = unified(key)
    ids = _get(index.exact, key, english)
    if ids:
        return "exact-name", ids
    if n_words > 1:
        return "reordered-name", _get(index.bag, bag_key(key), bag_key(english)) or None
    return "exact-name", None


def _descriptors(index: ResolverIndex, words: list[str]) -> bool:
    """Words that are all descriptors, met in another order or spelling than a name's: only the place named
    decides which organisation they name ("Universidad Tecnológica Nacional" is not the Dominican "Universidad
    Nacional Tecnológica"; "National Dance Academy, Rome" is the Accademia Nazionale di Danza)."""
    return all(t in index.generic for t in words)


def _conjoined(index: ResolverIndex, toks: list[str], ids: list[int]) -> list[int]:
    """Of the names whose key the words make, those that may be meant where the words are joined by "and":
    keys leave "and" out, yet "Nuclear [and] Energy Research Institute" is not the "Nuclear Energy Research
    Institute". A name that joins words itself, in any language, may be ("Institut für Physik und Chemie")."""
    if "and" not in toks[1:-1]:
        return ids
    return [nid for nid in ids if CONJUNCTIONS.intersection(tokens(index.name_text[nid]))]


def _opens_in_order(index: ResolverIndex, words: list[str]) -> bool:
    """The words open with a name as written before one of its units ("[Washington University] School of
    Medicine"): read so, not as another name's words reordered ("University of Washington School of
    Medicine")."""
    return any(
        words[n] in SUBUNIT_WORDS and not index.is_generic(key) and key in index.exact
        for n in range(len(words) - 1, 1, -1)
        if (key := " ".join(words[:n]))
    )


def _spans(
    index: ResolverIndex,
    pnum: int,
    toks: list[str],
    typed_acronyms: set[str],
    capitals: bool = False,
    eponym: int = 0,
) -> list[Mention]:
    """Exact and reordered name keys of every sub-span, longest first, without overlaps. Inside a longer
    piece, a one-word or generic name ("Engineering", "Institute of Physics") is not a mention. In a piece
    typed in ``capitals`` every word looks like an acronym, so none ends a name."""
    n_content = max(1, len(content(_core(toks))))
    found: list[Mention] = []
    taken = [False] * len(toks)
    if " ".join(toks) in index.cities:
        return found  # "Iwata", "Harbin": a place, even where an organisation carries the same one word
    for size in range(min(len(toks), index.max_span + 4), 0, -1):
        for start in range(0, len(toks) - size + 1):
            end = start + size
            if any(taken[start:end]) or toks[start] in STOPWORDS or toks[end - 1] in STOPWORDS:
                continue
            key_toks = content(toks[start:end])
            key = " ".join(key_toks)
            whole = len(key_toks) >= n_content
            method, ids = _lookup(index, key, len(key_toks) if whole else 1)
            if not ids or (method == "reordered-name" and _opens_in_order(index, key_toks)):
                continue
            ids = _conjoined(index, toks[start:end], ids)
            if not ids:
                continue
            if end < len(toks) and toks[end] == "and" and all(index.name_type[nid] in SHORT_TYPES for nid in ids):
                continue  # "Nanjing Institute of Geology [and Palaeontology]": the whole name, written otherwise
            generic = (
                index.is_generic(key)
                if method == "exact-name"
                else all(index.is_generic(index.name_key[nid]) for nid in ids) or _descriptors(index, key_toks)
            )
            unit_after = _unit_after(index, toks, start, end, ids) if not whole else []
            if not whole and not unit_after and (
                (len(key_toks) == 1 and not _hosted_at(index, toks, start, end))
                or (
                    generic
                    and not _opens_its_unit(index, toks, start, end)
                    and not _of_its_parent(index, toks, end, ids)
                )
            ):
                continue
            for i in range(start, end):
                taken[i] = True
            unit_before = _unit_before(toks, start)
            found.append(
                Mention(
                    pnum,
                    start,
                    end,
                    method,
                    1.0,
                    list(ids),
                    key,
                    len(key_toks) / n_content,
                    generic=generic,
                    trailing=[] if unit_after else _continues(index, toks, end, typed_acronyms, not capitals),
                    linked=end < len(toks) and toks[end] in STOPWORDS,
                    leading=[] if unit_before else _precedes(index, toks, start, typed_acronyms, eponym),
                    unit_before=unit_before,
                    unit_after=unit_after,
                )
            )
    return found


def _joined(index: ResolverIndex, pieces: list[list[str]]) -> list[Mention]:
    """Names that run over a comma: "University of California, Berkeley", "Medical University - Pleven"."""
    found = []
    for first in range(len(pieces) - 1):
        for size in (3, 2):
            if first + size > len(pieces):
                continue
            parts = [p[:-1] if p and p[-1].isdigit() else p for p in pieces[first : first + size]]
            # … also before a unit the last piece goes on with ("University of California, Los Angeles [School
            # of Dentistry]")
            unit = next((i for i, t in enumerate(parts[-1]) if i and t in UNIT_WORDS), None)
            ids: list[int] | None = None
            for last in (parts[-1], parts[-1][:unit] if unit else None):
                if not last or all(t in STOPWORDS for t in last):
                    continue
                key_toks = content([t for p in [*parts[:-1], last] for t in p])
                key = " ".join(key_toks)
                ids = _get(index.exact, key, unified(key))  # in order only: reordering across commas misleads
                if ids:
                    break
            if ids:
                found.append(
                    Mention(
                        first,
                        0,
                        0,
                        "exact-name",
                        1.0,
                        list(ids),
                        " ".join(key_toks),
                        1.0,
                        last_piece=first + size - 1,
                    )
                )
                break
    return found


def _cjk(index: ResolverIndex, pnum: int, piece: str) -> list[Mention]:
    """Longest CJK names inside a CJK piece (CJK text has no spaces to split on)."""
    text = cjk_key(piece)
    found: list[Mention] = []
    taken = [False] * len(text)
    # where a name may begin that is met only so (a CJK name as typed): the text's start or after a non-CJK one
    opens = [i == 0 or not has_cjk(text[i - 1]) for i in range(len(text))] if index.cjk_typed else []
    for size in range(min(len(text), index.max_cjk), 1, -1):
        for start in range(0, len(text) - size + 1):
            if any(taken[start : start + size]):
                continue
            ids = index.cjk.get(text[start : start + size])
            if not ids and opens and opens[start]:
                ids = index.cjk_typed.get(text[start : start + size])
            if ids:
                for i in range(start, start + size):
                    taken[i] = True
                found.append(
                    Mention(
                        pnum,
                        start,
                        start + size,
                        "cjk-name",
                        1.0,
                        list(ids),
                        text[start : start + size],
                        size / len(text),
                    )
                )
    for m in found:
        # characters before it that no name took make a longer name of another organisation, as a town before
        # a Latin name does ("[桂林]电子科技大学" is Guilin's university, not the University of Electronic Science
        # and Technology of China, "电子科技大学"); what follows may be a unit ("哈尔滨工业大学[计算机学院]")
        begin = m.start
        while begin and has_cjk(text[begin - 1]) and not taken[begin - 1]:
            begin -= 1
        if begin < m.start:
            m.leading = [text[begin : m.start]]
    return found


def _acronyms(index: ResolverIndex, pnum: int, piece: str, capitals: bool, after_name: bool = False) -> list[Mention]:
    """Acronyms typed in capitals: the whole piece ("BUAA"), or single words of a mixed-case piece. A piece
    after a name (not after a unit: "Department of Biology, SLU") that is a legal form is none."""
    if looks_like_acronym(piece):
        if after_name and _form_or_country(piece):
            return []  # "QUICKSILVER MANUFACTURING, INC.", "… COMPANY (U.K.) LIMITED"
        ids = index.acronyms.get(acronym_key(piece))
        return [Mention(pnum, 0, 0, "acronym", 1.0, list(ids), acronym_key(piece), 1.0)] if ids else []
    if capitals:
        return []
    raw = piece.split()  # once: a piece may hold thousands of words
    found = []
    for i, word in enumerate(raw):
        if len(word) < 3 or not looks_like_acronym(word) or _form_or_country(word):
            continue
        ids = index.acronyms.get(acronym_key(word))
        if ids:
            unit = _unit_of_acronym(raw, i)
            found.append(
                Mention(
                    pnum, 0, 0, "acronym", 1.0, list(ids), acronym_key(word), 0.5,
                    trailing=[] if unit else _named_after(index, raw, i),
                    unit_after=unit,
                )
            )
    return found


def _form_or_country(word: str) -> bool:
    """A word in capitals after or among others that is a legal form ("Merit Automotive Electronics Systems
    S.L.U", "InPACT S.A.") or names a country ("China Mobile International USA Inc."), not an acronym."""
    folded = fold(word).replace(" ", "")
    return folded in LEGAL_FORMS or to_iso2(folded) is not None


def _unit_of_acronym(raw: list[str], at: int) -> list[str]:
    """The unit an acronym opening its piece goes on with ("UCLA [School of Dentistry]", "NYU [College of
    Dentistry]"): the acronym's organisation, as after a name (see :func:`_unit_after`)."""
    if at != 0 or at + 1 >= len(raw) or raw[at + 1].lower().strip(_PUNCT) not in SUBUNIT_WORDS:
        return []
    return [w.lower().strip(_PUNCT) for w in raw[at + 1 : at + 5]]


def _named_after(index: ResolverIndex, raw: list[str], at: int) -> list[str]:
    """Capitalised words after the acronym at ``at`` that continue a name ("MRC [London Institute]", "NHS
    [Foundation Trust]"), up to a lower-case word; places, legal forms and other acronyms do not."""
    out: list[str] = []
    for w in raw[at + 1 : at + 1 + NAME_AFTER_ACRONYM]:
        if not w[:1].isupper():
            break
        if looks_like_acronym(w) or all(_place_or_form(index, t) for t in tokens(w)):
            continue
        out.append(w)
    return out


def _place_or_form(index: ResolverIndex, tok: str) -> bool:
    return tok in index.cities or tok in LEGAL_FORMS or to_iso2(tok) is not None


def _names_more(index: ResolverIndex, words: list[str], nid: int) -> bool:
    """The name holds every word of the text and goes on after them with a word of its own, written as a
    word, not an acronym, nor its town: another organisation ("Universidade Federal de Mato Grosso [do Sul]"),
    not the text misspelt ("Leibniz University [Hannover]" is still a candidate)."""
    theirs = index.name_key[nid].split()
    if set(words) - set(theirs):
        return False
    last = max(theirs.index(w) for w in words)
    written = {fold(w): w for w in index.name_text[nid].split()}
    towns = index.orgs[index.name_org[nid]].cities
    extra = [
        w
        for w in theirs[last + 1 :]
        if w not in index.generic and w not in STOPWORDS and w not in index.cities and not own_town(w, towns)
    ]
    return any(not written.get(w, w.upper()).isupper() for w in extra)


class _Countries:
    """Country names ("Norway"), which need no counterpart."""

    __slots__ = ()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and to_iso2(word) is not None


COUNTRIES = _Countries()


class CountryOrDescriptor:
    """Words a fuzzy match need not spell as the text does: descriptors other than directions, and countries
    ("Taras Shevchenko National University of [Ukraine]" for "… of Kyiv"). A town must agree: the "University of
    Fine Arts Dresden" is not Essen's."""

    __slots__ = ("index",)

    def __init__(self, index: ResolverIndex) -> None:
        self.index = index

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or word in DIRECTIONS or word in self.index.cities:
            return False
        return word in self.index.generic or to_iso2(word) is not None


def other_towns(index: ResolverIndex, text: str, name: str) -> bool:
    """The text and a name spelt like it each hold a town the other does not, the two spelt alike: "Changsha
    Institute of Technology" is not a misspelling of the "Changshu Institute of Technology"."""
    mine = set(name_key(text).split()) & index.cities.keys()
    theirs = set(name_key(name).split()) & index.cities.keys()
    return any(
        len(town) >= WORD_CHECKED and words_agree(town, other) for town in mine - theirs for other in theirs - mine
    )


JOINED_LETTERS = 10  # letters from which a name's words run together or apart are read as that name


def _joined_words(index: ResolverIndex, pnum: int, toks: list[str]) -> list[Mention]:
    """A name whose words the piece runs together or writes apart, letter for letter: "amiralmoemenin
    hospital" (Amir-Al-Moemenin Hospital), "KAFR EL-SHEIKH UNIVERSITY" (Kafrelsheikh University)."""
    words = content(toks)
    letters = "".join(words)
    if len(letters) < JOINED_LETTERS:
        return []
    # also with the articles a name's key leaves out, as they may be glued into a word ("Kafr [el]-Sheikh")
    ids = _conjoined(index, toks, index.joined.get(letters) or index.joined.get("".join(toks)) or [])
    if not ids:
        return []
    key = " ".join(words)
    generic = all(index.is_generic(index.name_key[nid]) for nid in ids)
    return [Mention(pnum, 0, len(toks), "joined-name", 1.0, list(ids), key, 1.0, generic=generic)]


def _fuzzy(index: ResolverIndex, pnum: int, toks: list[str]) -> list[Mention]:
    """Names sharing rare words with the piece, kept when rapidfuzz finds them similar enough."""
    words = content(toks)
    key = " ".join(words)
    if len(key) < 6 or not words:
        return []
    weights: dict[int, float] = {}
    # Rarest words first. A common word ("university") only adds weight to names a rarer word of the piece
    # already found: scanning its long posting list would cost time that grows with the registry, and the
    # names it alone would bring in share nothing distinctive with the piece.
    scanned = 0
    for tok in sorted(set(words), key=lambda t: len(index.postings.get(t, ()))):
        idf = index.idf.get(tok, 0.0)
        ids = index.postings.get(tok)
        if not ids or len(ids) > MAX_POSTINGS:
            continue
        scanned += 1
        if len(ids) > COMMON_POSTINGS and scanned > SCANNED_WORDS:
            padded = f" {tok} "
            for nid in weights:
                if padded in f" {index.name_key[nid]} ":
                    weights[nid] += idf
            continue
        for nid in ids:
            weights[nid] = weights.get(nid, 0.0) + idf
    if not weights:
        return []
    pool = heapq.nlargest(FUZZY_POOL, weights, key=weights.__getitem__)
    best: list[tuple[float, int]] = []
    for nid in pool:
        other = index.name_key[nid]
        in_order, sorted_ = fuzz.ratio(key, other), fuzz.token_sort_ratio(key, other)
        if sorted_ > in_order and _proper_reordered(index, words, other):
            sorted_ -= REORDERED_COST
        sim = max(in_order, sorted_) / 100.0
        if sim >= FUZZY_FLOOR and not _names_more(index, words, nid):
            best.append((sim, nid))
    # what the exact search refused is not found again as a perfect fuzzy hit
    perfect = [nid for sim, nid in best if sim == 1.0]
    refused = set(perfect) - set(_conjoined(index, toks, perfect))
    best = [hit for hit in best if hit[1] not in refused]
    if not best:
        return _subset(index, pnum, toks, words, pool)
    best.sort(reverse=True)
    # near-equal hits whose words do not agree with the piece's yield to one whose words do ("Fred Hutchinson
    # Cancer Research Center": the Fred Hutchinson Cancer Center, not the Hanson Centre for Cancer Research)
    # (only hits that could end up among the rivals are checked)
    descriptors = CountryOrDescriptor(index)
    window = [hit for hit in best if hit[0] >= best[0][0] - 2 * NEAR_EQUAL]
    agreeing = [(sim, nid) for sim, nid in window if words_agree(key, index.name_key[nid], descriptors)]
    if agreeing and agreeing[0][0] >= best[0][0] - NEAR_EQUAL:
        best = agreeing
    top = best[0][0]
    ids = [nid for sim, nid in best if sim >= top - NEAR_EQUAL]
    generic = all(index.is_generic(index.name_key[nid]) for nid in ids) or _descriptors(index, words)
    return [Mention(pnum, 0, len(toks), "fuzzy", top, ids, key, 1.0, generic=generic)]


def _proper_reordered(index: ResolverIndex, words: list[str], other: str) -> bool:
    """The proper words (not descriptors) of the text and of a name are the same ones in another order."""
    mine = " ".join(w for w in words if w not in index.generic)
    theirs = " ".join(w for w in other.split() if w not in index.generic)
    return fuzz.token_sort_ratio(mine, theirs) - fuzz.ratio(mine, theirs) >= REORDERED_GAIN


SUBSET_PROPER = 2
# … nor an academy ("PLA Navy [Equipment Academy]" is not the PLA Navy)
_SUBSET_KINDS = KIND_WORDS | {"academy"}


def _subset(index: ResolverIndex, pnum: int, toks: list[str], words: list[str], pool: list[int]) -> list[Mention]:
    """One organisation's name holding every word of the piece, which leaves out some of its words ("Fraunhofer
    [Institute for Telecommunications,] Heinrich Hertz Institut"): a fuzzy hit when the piece holds at least
    two proper words (not descriptors, countries, towns) and no other organisation's name holds them all."""
    descriptors = CountryOrDescriptor(index)
    proper = [w for w in set(words) if w not in descriptors and w not in index.cities and w not in STOPWORDS]
    if len(proper) < SUBSET_PROPER:
        return []
    mine = set(words)
    ids = [
        nid for nid in pool
        if not mine - set(index.name_key[nid].split())
        # what the name adds are descriptors ("Telecommunications"), not a proper name ("Fondazione G.
        # Pascale"), a town, or a kind the text does not say ("Škoda Auto [University]" is not the carmaker,
        # "[Fundación] Vodafone España" not the company)
        and all(
            w in index.generic and w not in _SUBSET_KINDS and w not in SOFT_WORDS
            for w in set(index.name_key[nid].split()) - mine
        )
    ]
    if len({index.name_org[nid] for nid in ids}) != 1 or not (ids := _conjoined(index, toks, ids)):
        return []
    return [Mention(pnum, 0, len(toks), "partial-name", 1.0, ids, " ".join(words), 1.0)]


_APPLIED = ["university", "applied", "science"]


def _expanded(index: ResolverIndex, pnum: int, toks: list[str]) -> list[Mention]:
    """The English names professional higher schools went or go by, beside their official translation
    "University of Applied Sciences" (ammattikorkeakoulu, Hochschule, hogeschool): "Häme Polytechnic",
    "Offenburg University" (a town's name before "University"). Tried only for a whole piece that names no
    organisation as written."""
    words = content(toks)
    if not 2 <= len(words) <= 4:
        return []
    keys = []
    if "polytechnic" in words and not {"university", "institute", "school", "college"} & set(words):
        keys.append([w for word in words for w in (_APPLIED if word == "polytechnic" else [word])])
    if words[-1] == "university" and len(words) <= 3 and all(w in index.cities for w in words[:-1]):
        keys.append([*words[:-1], *_APPLIED])
    for key_words in keys:
        ids = index.bag.get(bag_key(" ".join(key_words)))
        if ids:
            return [Mention(pnum, 0, len(toks), "expanded-name", 1.0, list(ids), " ".join(key_words), 1.0)]
    return []


_SCHOOLS = frozenset(["school", "faculty", "graduate", "division", "department"])
SCHOOL_NAMED_AFTER = 3  # words of a benefactor's name before "School" ("Johns Hopkins [Bloomberg] School …")
_STATES = frozenset(s.lower() for s in US_STATES if len(s) > 2)


def _short_named(index: ResolverIndex, pnum: int, toks: list[str]) -> list[Mention]:
    """A university's short name before one of its schools ("Yale School of Engineering", "Duke School of
    Medicine", "Johns Hopkins Bloomberg School of Public Health"): "X" where "X University" or "University of
    X" is the name of one university, not the name of the town it is in (a "Cologne Business School" is a
    school of its own)."""
    for size in (1, 2):
        head = toks[:size]
        rest = content(toks[size:])
        if len(toks) <= size or any(t in STOPWORDS for t in head) or all(t in index.generic for t in head):
            continue
        short = " ".join(head)
        if not rest or short in _STATES or to_iso2(short) is not None:
            continue  # "Mississippi College", "Wisconsin Department of Workforce Development"
        # the school may carry a name of its own first ("Harvard [T.H. Chan] School of Public Health")
        unit = next((i for i, t in enumerate(rest[:SCHOOL_NAMED_AFTER + 1]) if t in _SCHOOLS), None)
        if unit is None or any(t in OWN_ORG_WORDS for t in rest):
            continue
        ids = [
            nid
            for key in (f"{short} university", f"university {short}")
            for nid in index.exact.get(key, [])
            if "education" in index.orgs[index.name_org[nid]].kinds
        ]
        rows = {index.name_org[nid] for nid in ids}
        # a town's name is the university's short name only where the university is not in that town: "Wake
        # Forest [University] School of Medicine" (Winston-Salem), not "Cologne [Business School]"; nor is
        # another organisation's acronym ("MIT [Department of Physics]" is not "MIT Uni.", Mien Dong's)
        acronym_of = {index.name_org[nid] for nid in index.acronyms.get(acronym_key(short), ())}
        if len(rows) == 1 and not any(short in index.orgs[row].cities for row in rows) and acronym_of <= rows:
            return [Mention(pnum, 0, size, "short-name", 1.0, ids, short, 1.0)]
    return []


def find_mentions(index: ResolverIndex, seg: Segments) -> list[Mention]:
    """All mentions in all pieces; fuzzy search only where no exact name covers most of a piece."""
    capitals = shouting(seg.whole)
    mentions: list[Mention] = []
    all_toks = [_piece_tokens(piece) for piece in seg.pieces]
    joined = _joined(index, all_toks)
    covered = {p for m in joined for p in range(m.piece, m.last_piece + 1)}
    mentions.extend(joined)
    # "Natural Resources Canada", "Fundación Chile": a name that ends in a country is a name, not a place; so
    # is a company's name before its country ("Siemens España"), where that name is no town's ("Nanjing China")
    places = {
        p
        for p in seg.places
        if (" ".join(content(all_toks[p])) not in index.exact and not _company_before_country(index, all_toks[p]))
        or to_iso2(seg.pieces[p]) is not None
        or seg.pieces[p].lower() in US_STATES
        or seg.pieces[p] in US_STATES
    }
    for pnum, piece in enumerate(seg.pieces):
        if pnum in covered:
            continue
        toks = all_toks[pnum]
        found = _cjk(index, pnum, piece) if has_cjk(piece) else []
        typed = {
            w.strip(_PUNCT).lower() for word in piece.split() for w in (word, *_listed(word)) if looks_like_acronym(w)
        }
        if capitals or piece.isupper():  # every word looks like an acronym: only registered ones and short
            # non-words are ("LUMC"; "HAFENCITY" is a name)
            typed = {
                t for t in typed
                if (t.upper() in index.acronyms and len(index.postings.get(t, ())) < WORD_IN_NAMES)
                or (t not in index.postings and len(t) <= 5)
            }
        if pnum not in places:  # "CA", "Nanjing China": a place, not an organisation's name
            found += _spans(
                index, pnum, toks, typed, capitals=capitals or piece.isupper(), eponym=eponym_words(piece)
            )
        best_cover = max((m.coverage for m in found), default=0.0)
        if pnum not in places and " ".join(toks) not in index.town_words:  # "…, ROMA" is Rome, not an acronym
            after_name = pnum > 0 and not opens_unit(seg.pieces[pnum - 1])
            found += _acronyms(index, pnum, piece, capitals, after_name)
        place = pnum in places or " ".join(toks) in index.cities
        if best_cover < 0.5 and not place:
            expanded = _expanded(index, pnum, toks) or _short_named(index, pnum, toks)
            found += expanded
            best_cover = max((m.coverage for m in expanded), default=best_cover)
        if best_cover < 0.5 and not has_cjk(piece) and not place and len(content(toks)) > 1:
            found += _joined_words(index, pnum, toks) or _fuzzy(index, pnum, toks)
        _adjacent(index, found)
        mentions.extend(found)
    return mentions


def _adjacent(index: ResolverIndex, found: list[Mention]) -> None:
    """Two registered names side by side in one piece ("Zhejiang University Westlake University Joint
    Training") name two organisations: neither continues the other. A second name that opens with a
    descriptor is a unit the first names ("KU Leuven [Center for Cancer Biology]"): that one stays preceded."""
    spans = [m for m in found if m.method in ("exact-name", "reordered-name") and m.end > m.start]
    starts = {m.start for m in spans}
    ends = {m.end for m in spans}
    for m in spans:
        if m.end in starts:
            m.trailing, m.linked = [], False
        if m.start in ends and m.span.split()[0] not in index.generic:
            m.leading = []
