"""Country names and codes as the sources write them, normalised to ISO 3166-1 alpha-2.

Uses pycountry for the standard names; the table below only holds the spellings sources actually use
that pycountry does not know (see ../shared/data/README.md, "Country naming is inconsistent").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry

# user-assigned codes that registries use
EXTRA_CODES = {"XK": "Kosovo"}

_VARIANTS = {
    "china": "CN",
    "people's republic of china": "CN",
    "peoples republic of china": "CN",
    "china, people's republic of": "CN",
    "prc": "CN",
    "mainland china": "CN",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "hong kong, china": "HK",
    "macau": "MO",
    "macao": "MO",
    "taiwan": "TW",
    "russia": "RU",
    "russian federation": "RU",
    "iran": "IR",
    "iran (islamic republic of)": "IR",
    "north korea": "KP",
    "korea, north": "KP",
    "korea, democratic people's republic of": "KP",
    "democratic people's republic of korea": "KP",
    "dprk": "KP",
    "south korea": "KR",
    "korea, south": "KR",
    "republic of korea": "KR",
    "korea, republic of": "KR",
    "syria": "SY",
    "syrian arab republic": "SY",
    "turkey": "TR",
    "turkiye": "TR",
    "türkiye": "TR",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "uae": "AE",
    "united arab emirates": "AE",
    "burma": "MM",
    "laos": "LA",
    "vietnam": "VN",
    "viet nam": "VN",
    "venezuela": "VE",
    "bolivia": "BO",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "kosovo": "XK",
    "palestine": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo, republic of the": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "belarus": "BY",
    "crimea": "UA",
    "region: crimea": "UA",
    # countries' own names, as companies write them after their names ("IBM Deutschland GmbH", "Siemens España")
    "deutschland": "DE",
    "österreich": "AT",
    "osterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "españa": "ES",
    "espana": "ES",
    "italia": "IT",
    "nederland": "NL",
    "belgique": "BE",
    "belgië": "BE",
    "belgie": "BE",
    "polska": "PL",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "brasil": "BR",
    "méxico": "MX",
    "česko": "CZ",
    "cesko": "CZ",
    "magyarország": "HU",
    "magyarorszag": "HU",
    "россия": "RU",
    "rossiya": "RU",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.strip().lower().split())


def country_names() -> list[str]:
    """Every name :func:`to_iso2` reads as a country's (not the codes): pycountry's names, official and common
    names, and the variants above."""
    names = list(_VARIANTS)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.append(str(value))
    return names


def is_valid_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code or a user-assigned code registries use (XK)."""
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=4096)
def to_iso2(value: str | None) -> str | None:
    """Map a country code or name as a source writes it to ISO2; ``None`` when it is not a country.

    >>> to_iso2("People\u2019s Republic of China"), to_iso2("cn"), to_iso2("CHINA, PEOPLE'S REPUBLIC OF")
    ('CN', 'CN', 'CN')
    """
    if value is None:
        return None
    folded = _fold(value)
    if not folded:
        return None
    if len(folded) == 2 and is_valid_code(folded.upper()):
        return folded.upper()
    if folded in _VARIANTS:
        return _VARIANTS[folded]
    if len(folded) == 3:
        hit = pycountry.countries.get(alpha_3=folded.upper())
        if hit is not None:
            return str(hit.alpha_2)
    try:
        return str(pycountry.countries.lookup(folded).alpha_2)
    except LookupError:
        return None
