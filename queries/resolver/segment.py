"""Split an affiliation string into the pieces that may name an organisation, and pick out the context
(countries) it carries. Postcodes, e-mails, web addresses and street numbers are noise and go first.

"Department of Physics, Harbin Institute of Technology, Harbin 150001, China" →
segments ["Department of Physics", "Harbin Institute of Technology", "Harbin"], countries {"CN"}.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from queries.resolver.lexicon import AFTER_A_NAME, CORPORATE_WORDS
from queries.resolver.normalise import LEGAL_FORMS, fold
from rskg.countries import to_iso2

# a word holding "@", from its start: matching from every position of a long word would take quadratic time
_EMAIL = re.compile(r"(?<!\S)\S*@\S*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# An em dash or a backslash is never inside a name ("INL—International Iberian Nanotechnology Laboratory",
# "Stand Up To Cancer\\/National Science Foundation"); a hyphen or an en dash is ("Wisconsin–Madison").
_SEPARATORS = re.compile(r"\s*(?:[,;|/\\\n\t\u2014]|\s[-\u2013]\s|[()\[\]{}（）【】，；、：])\s*")
# Postcodes, street numbers, unit codes ("150001", "CB2", "UMR5558"). Numbers of up to three digits stay, and
# ordinals: they tell numbered institutes apart ("Paris 8", "Institute 706", "15th Research Institute of CETC",
# "Aviation Repair Plant 308").
_DIGITS = re.compile(r"\b(?!(?i:\d{1,3}(?:st|nd|rd|th))\b)(?:\d{4,}|[\w-]*(?:[^\W\d]\d|\d[^\W\d])[\w-]*)\b")
_SPACES = re.compile(r"\s+")
_OF_COUNTRY = re.compile(r"\bof (?:the )?((?!Georgia\b)[A-Z][\w ]{2,30})$")
# A run of numbers or a postcode inside a piece ends a name: what follows is an address ("Kyushu University
# 3 1 1 Maidashi", "Universität Hamburg 20146 Hamburg"); one short number belongs to it ("Paris 13").
_ADDRESS_NUMBERS = re.compile(r"(?:\s\d{4,}\b|(?:\s\d{1,3}\b){2,})(?!\s*[,;])")
# A footnote number before the next affiliation's unit, as publishers' strings run them together ("University
# of California, Davis 2 Department of Biochemistry"); a number before a name stays ("Université Lyon 1 Claude
# Bernard").
_FOOTNOTE = re.compile(
    r"\s\d{1,2}\s+(?=(?:Department|Departments|School|Faculty|Division|Institute|Laboratory|Center|Centre|Unit|"
    r"Program|Section|Graduate|College|Key Laboratory)\b)"
)
# Words run together: "MacauUniversity", "betweenEMBL", "CONICETUniversidad", "FrancheComté".
_CAMEL = re.compile(r"(?<=[^\W\d_]{4})(?<=[a-zà-ÿ])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-zà-ÿ]{2})")
# a short function word run into the next name, as PDF extraction leaves it ("atGeorg", "laUniversidad")
_GLUED = re.compile(r"(?<![^\W\d_])(at|of|la|de|di|du|the|in|for|from|and|with)(?=[A-Z][a-zà-ÿ]{2})")
# What either of the two above needs: a lower-case letter before a capital, or three capitals before a small one
_RUN_TOGETHER = re.compile(r"[a-zà-ÿ][A-Z]|[A-Z]{3}[a-zà-ÿ]")
# Legal forms written with a slash ("Novo Nordisk A/S", "Petrobras S/A") are one word, not two pieces.
_SLASHED_FORM = re.compile(r"\b([A-Za-z])/([A-Za-z])\b")
_QUOTES = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")
# "and" between organisations: "Wellman Center for Photomedicine and Harvard Medical School"
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


@dataclass
class Segments:
    """The pieces of an input, its whole cleaned text, and the countries it names."""

    whole: str
    pieces: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    places: set[int] = field(default_factory=set)  # pieces that are a country or US state
    # pieces read as a US state by a two-letter code that is also a country's ("Pune, IN", "Berlin, DE"):
    # piece → that country; see :func:`state_or_country`
    state_codes: dict[int, str] = field(default_factory=dict)


def split_camel(text: str) -> str:
    """Words that run together split apart ("MacauUniversity" → "Macau University"); the index holds
    names split the same way too ("GlaxoSmithKline")."""
    if _RUN_TOGETHER.search(text) is None:  # most names: one cheap pass instead of two substitutions
        return text
    return _CAMEL.sub(" ", _GLUED.sub(r"\1 ", text))


def _clean(text: str) -> str:
    if "&" in text:  # strings taken from XML or HTML: "FSBEI of HE &quot;Irkutsk State University&quot;"
        text = html.unescape(text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _QUOTES.sub(" ", text)
    text = _SLASHED_FORM.sub(r"\1\2", text)
    text = split_camel(text)
    return _SPACES.sub(" ", text).strip(" .,;:-")


# US states (names and postal codes) are context for "US", and must not be read as countries ("GA", "CA").
US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
) | frozenset(
    s.lower()
    for s in [
        "Alabama",
        "Alaska",
        "Arizona",
        "Arkansas",
        "California",
        "Colorado",
        "Connecticut",
        "Delaware",
        "Florida",
        "Georgia",
        "Hawaii",
        "Idaho",
        "Illinois",
        "Indiana",
        "Iowa",
        "Kansas",
        "Kentucky",
        "Louisiana",
        "Maine",
        "Maryland",
        "Massachusetts",
        "Michigan",
        "Minnesota",
        "Mississippi",
        "Missouri",
        "Montana",
        "Nebraska",
        "Nevada",
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New York",
        "North Carolina",
        "North Dakota",
        "Ohio",
        "Oklahoma",
        "Oregon",
        "Pennsylvania",
        "Rhode Island",
        "South Carolina",
        "South Dakota",
        "Tennessee",
        "Texas",
        "Utah",
        "Vermont",
        "Virginia",
        "Washington",
        "West Virginia",
        "Wisconsin",
        "Wyoming",
    ]
)
_ORG_WORDS = re.compile(
    r"univ|inst|hosp|school|college|academ|cent|ministry|lab|dep|fac|agency|council", re.IGNORECASE
)


def country_of(piece: str) -> str | None:
    """The ISO2 code when the piece is a country name, a US state, or a place followed by one
    ("Nanjing China", "New Haven CT"); ``None`` for organisation names ("University of Georgia")."""
    words = piece.split()
    if not words or len(words) > 5:
        return None
    for size in range(min(3, len(words)), 0, -1):
        tail = " ".join(words[-size:])
        head = " ".join(words[:-size])
        if _ORG_WORDS.search(head):
            return None
        if tail.lower() == "georgia":  # the country or the US state: no context either way
            return None
        if tail in US_STATES or (tail.lower() in US_STATES and (size == len(words) or len(tail) > 2)):
            return "US"
        if len(tail) <= 3 and size != len(words):  # "UK", "USA", "PRC" only as the whole piece
            continue
        code = to_iso2(tail)
        if code is not None:
            return code
    return None


def _company_form(raw: str, following: list[str]) -> bool:
    """A piece ending in a company's legal form that reads like a US state ("Kimia Co., Ltd.", "Acme Co.",
    "COSTAR GROUP CO"), where "Denver, CO" is Colorado: the form is written with a full stop, followed by
    another form, or written after a corporate word ("Group", "Holding"), which no town's name is."""
    words = raw.split()
    if len(words) < 2 or words[-1].strip(".").lower() not in LEGAL_FORMS:
        return False
    nxt = following[0].strip(" .").lower() if following else ""
    return words[-1].endswith(".") or nxt in LEGAL_FORMS or fold(words[-2]) in CORPORATE_WORDS


# words that make "America" a continent or a region of it, not the United States
_CONTINENTAL = frozenset(["latin", "south", "central", "north", "the", "of", "las", "la", "de"])


def country_named_last(words: list[str], before: int = 2) -> tuple[int, str] | None:
    """How many of a name's last words are its country written out, without "of", and which country
    ("Federation University [Australia]" → 1, AU); not a US state ("University of Georgia", "… New Mexico"),
    not a code ("… Mohammed VI"), and not the whole name: ``before`` words at least come before it."""
    if len(words) >= 2 and " ".join(words[-2:]).lower() in US_STATES:
        return None
    if len(words) >= before + 1 and words[-1].lower() == "america" and words[-2].lower() not in _CONTINENTAL:
        return 1, "US"  # "Samsung Research America": a company's American arm (not "… Latin America")
    for size in (2, 1):
        tail = " ".join(words[-size:])
        if len(words) >= size + before and len(tail) > 3 and tail.lower() not in US_STATES:
            code = to_iso2(tail)
            if code is not None:
                return size, code
    return None


def segment(text: str) -> Segments:
    """Pieces of ``text`` split on commas, semicolons, brackets and dashes, without digits and e-mails."""
    whole = _clean(text)
    result = Segments(whole=whole)
    seen: set[str] = set()
    raws = _SEPARATORS.split(_ADDRESS_NUMBERS.sub(",", _FOOTNOTE.sub(",", whole)))
    for i, raw in enumerate(raws):
        piece = _SPACES.sub(" ", _DIGITS.sub(" ", raw)).strip(" .:-'")
        if not piece or piece.lower() in seen:
            continue
        seen.add(piece.lower())
        code = None if _company_form(raw, raws[i + 1 : i + 2]) else country_of(piece)
        if code is not None:
            result.countries.add(code)
            result.places.add(len(result.pieces))
            if code == "US" and piece in US_STATES and (other := to_iso2(piece)) not in (None, "US"):
                result.state_codes[len(result.pieces)] = other
        elif (named := _OF_COUNTRY.search(piece)) and (code := to_iso2(named.group(1))):
            result.countries.add(code)  # "National Research Council of Italy": a name that says its country
        elif named_last := country_named_last(_without_forms(piece.split()), before=1):
            result.countries.add(named_last[1])  # "Federation University Australia", "IBM Deutschland GmbH"
        result.pieces.append(piece)
    return result


def _without_forms(words: list[str]) -> list[str]:
    """The words without the legal forms and corporate words that end them ("GmbH", "B.V.", "Europe"): the
    words :data:`~queries.resolver.lexicon.AFTER_A_NAME` that ``search`` leaves out after a name too."""
    end = len(words)
    while end > 1 and fold(words[end - 1]).replace(" ", "") in AFTER_A_NAME:
        end -= 1
    return words[:end]


def split_and(piece: str) -> list[str]:
    """The parts of a piece joined by "and"/"&", for pieces that name two organisations."""
    parts = [p.strip() for p in _AND.split(piece) if p.strip()]
    return parts if len(parts) > 1 else []


def state_or_country(seg: Segments, cities: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The countries an input names, a two-letter code read as the country it also is when a town the input
    names lies there and not in the US: "Pune, IN" is India, "Toronto, CA" Canada, "Los Angeles, CA"
    California."""
    countries = set(seg.countries)
    if not seg.state_codes:
        return countries
    named = [fold(p) for i, p in enumerate(seg.pieces) if i not in seg.places]
    towns = [cities[t] for t in named if t in cities]
    abroad = {code for code in seg.state_codes.values() if any(code in w and "US" not in w for w in towns)}
    if not abroad:
        return countries
    others = (p for i, p in enumerate(seg.pieces) if i in seg.places and i not in seg.state_codes)
    if not any(country_of(p) == "US" for p in others):  # "…, USA" named as well keeps the US
        countries.discard("US")
    return countries | abroad
