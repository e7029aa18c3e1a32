"""Text normalisation shared by the index and the queries, so both sides fold names the same way.

``fold`` turns any script into lower-case ASCII words (anyascii transliterates CJK, Cyrillic, Greek, Arabic
…); ``tokens`` expands common abbreviations ("Inst." → institute, "Univ" → university) and unifies
spellings; ``name_key`` drops function words (of, the, de, für …) so "Universidad de Chile" and
"Universidad Chile" meet; ``bag_key`` also ignores word order ("Antwerp University" = "University of
Antwerp").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Container
from functools import lru_cache
from itertools import pairwise

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

# Abbreviations seen in affiliation strings, and spelling variants; applied to single folded tokens.
ABBREVIATIONS: dict[str, str] = {
    "univ": "university",
    "universitaet": "universitat",
    "uni": "university",
    "inst": "institute",
    "instit": "institute",
    "institut": "institute",
    "tech": "technology",
    "technol": "technology",
    "natl": "national",
    "nat": "national",
    "sci": "science",
    "sciences": "science",
    "acad": "academy",
    "hosp": "hospital",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "ctr": "center",
    "centre": "center",
    "cent": "center",
    "res": "research",
    "coll": "college",
    "engn": "engineering",
    "eng": "engineering",
    "engg": "engineering",
    "dept": "department",
    "assoc": "association",
    "fac": "faculty",
    "sch": "school",
    "intl": "international",
    "int": "international",
    "mem": "memorial",
    "corp": "corporation",
    "st": "saint",
    "ste": "sainte",
    "med": "medical",
    "polytech": "polytechnic",
    "aeronaut": "aeronautics",
    "astronaut": "astronautics",
    "organisation": "organization",
    "programme": "program",
    "defence": "defense",
    "agric": "agricultural",
    "hlth": "health",
    "gov": "government",
    "govt": "government",
    "minist": "ministry",
    "min": "ministry",
}

# "University" and "institute" in the registry's languages, as one word each, so that translated names
# meet ("Université du Maine" ~ "University of Maine", "Universität Hamburg" ~ "University of Hamburg").
# Applied to keys by :func:`unified`, beside (not instead of) the names as written: an organisation called
# so literally is a stronger match than one whose name only translates to it.
COGNATES: dict[str, str] = {
    **dict.fromkeys(
        ["universite", "universidad", "universita", "universitat", "universiteit", "uniwersytet",
         "universidade", "universitatea", "univerzita", "univerza", "universitet", "universiteti",
         "universiti", "universitas", "universitesi", "universitaet", "universitetet"],
        "university",
    ),
    **dict.fromkeys(
        ["instituto", "istituto", "institutul", "instytut", "institutt", "instituut", "institutet"],
        "institute",
    ),
    # the other words institutions are named with ("Accademia di Belle Arti di Catanzaro" ~ "Academy of
    # Fine Arts of Catanzaro", "Centro Ricerche Enrico Fermi" ~ "Research Center Enrico Fermi")
    **dict.fromkeys(
        ["accademia", "akademie", "akademia", "academia", "academie", "akademi", "akademija"], "academy"
    ),
    **dict.fromkeys(
        ["politecnico", "politecnica", "polytechnique", "politechnika", "politehnica", "politeknik"],
        "polytechnic",
    ),
    **dict.fromkeys(["ecole", "escuela", "escola", "scuola", "schule", "szkola", "skola"], "school"),
    **dict.fromkeys(["centro", "centrum", "zentrum", "centre"], "center"),
    **dict.fromkeys(
        ["ricerca", "ricerche", "recherche", "recherches", "investigacion", "investigaciones",
         "investigacao", "pesquisa", "pesquisas", "forschung", "onderzoek"],
        "research",
    ),
    **dict.fromkeys(["ciencias", "ciencia", "scienze", "scienza", "ciencies", "ciencias"], "science"),
    **dict.fromkeys(["tecnologia", "tecnologica", "technologie", "technologii", "teknologi"], "technology"),
    **dict.fromkeys(["ingenieria", "ingegneria", "engenharia"], "engineering"),
    **dict.fromkeys(["nacional", "nazionale", "nationale", "nationaal", "nasional"], "national"),
    **dict.fromkeys(["hopital", "ospedale", "ziekenhuis", "szpital"], "hospital"),
    **dict.fromkeys(["musica", "musique", "musik"], "music"),
    **dict.fromkeys(["belle", "bellas", "beaux", "belas"], "fine"),
    **dict.fromkeys(["arti", "artes", "arts"], "arts"),
    **dict.fromkeys(["technische", "technischen", "tecnica", "tecnico", "technicka", "tehnicka"], "technical"),
    # the officially translated name of the profession-oriented higher schools ("Hochschule Niederrhein" is
    # "Niederrhein University of Applied Sciences", "Veleučilište Velika Gorica" likewise)
    **dict.fromkeys(
        ["hochschule", "fachhochschule", "veleuciliste", "hogeschool", "ammattikorkeakoulu"],
        "university applied science",
    ),
}

# Function words in the languages the registry is written in; ignored in keys, kept in display.
STOPWORDS: frozenset[str] = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "in",
        "at",
        "on",
        "a",
        "an",
        "to",
        "by",
        "de",
        "del",
        "della",
        "delle",
        "degli",
        "dei",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "du",
        "des",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "lo",
        "y",
        "e",
        "et",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "fur",
        "und",
        "zu",
        "zur",
        "zum",
        "van",
        "von",
        "voor",
        "het",
        "en",
        "og",
        "i",
        "w",
        "ve",
    ]
)

# Legal forms: not part of what an organisation is called ("Forschungszentrum Jülich GmbH").
LEGAL_FORMS: frozenset[str] = frozenset(
    ("gmbh", "ggmbh", "ev", "ag", "kg", "mbh", "ltd", "limited", "inc", "incorporated", "co", "llc", "plc",
     "corp", "corporation", "sa", "sas", "sarl", "spa", "srl", "bv", "nv", "ab", "oy", "as", "asa", "aps",
     "kk", "pte", "pvt", "pty", "lp", "llp", "stichting", "vzw", "asbl", "sro", "zsp", "oyj", "abp", "se",
     "kgaa", "ohg", "gie", "aisbl", "sl", "slu", "sau", "ltda", "sprl", "scrl", "bhd", "sdn", "jsc", "pjsc",
     "ojsc", "cjsc", "ooo", "zao", "oao", "pao", "spzoo", "cokg")
)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Initials written with full stops ("U.S. Army", "S.p.A.", "T.H. Chan"): one word, as "US Army" is typed.
_INITIALS = re.compile(r"(?<![\w.])(?:[^\W\d_]{1,2}\. ?)+[^\W\d_]{1,2}(?:\.(?!\w)|$)")
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")
# Initials joined by "&" that stand for two words ("Huazhong University of S&T", "Samsung R&D Center"); other
# such pairs are names ("Texas A&M", "AT&T") and stay as written
_AMPERSAND_WORDS = re.compile(r"\b(?:[Ss] ?& ?[Tt]|[Rr] ?& ?[Dd])\b")
_SPELT_OUT = {"s": " science and technology ", "r": " research and development "}


def has_cjk(text: str) -> bool:
    """True when the text holds Chinese, Japanese or Korean characters."""
    return _CJK.search(text) is not None


def cjk_key(text: str) -> str:
    """A key for names written in CJK scripts: NFKC, no spaces or punctuation, Latin letters lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch.lower() for ch in text if ch.isalnum())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; '&' becomes 'and', apostrophes vanish.

    >>> fold("Universität Zürich & ETH")
    'universitat zurich and eth'
    """
    text = unicodedata.normalize("NFKC", text)
    # "U.S." as "US", "S.p.A." as "SpA", "L. N. Gumilyov" as "LN Gumilyov"
    if "." in text:
        text = _INITIALS.sub(lambda m: m.group(0).replace(".", "").replace(" ", ""), text)
    if "&" in text:
        text = _AMPERSAND_WORDS.sub(lambda m: _SPELT_OUT[m.group(0)[0].lower()], text)
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    if not text.isascii():
        text = anyascii(text)
        text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def tokens(text: str) -> list[str]:
    """Folded words with abbreviations expanded and spellings unified."""
    return [ABBREVIATIONS.get(tok, tok) for tok in fold(text).split()]


def content(toks: list[str]) -> list[str]:
    """Drop function words and legal forms; keep everything when nothing else is left."""
    kept = [t for t in toks if t not in STOPWORDS and t not in LEGAL_FORMS]
    return kept or toks


def name_key(text: str) -> str:
    """Order-preserving key of a name: expanded tokens, no function words."""
    return " ".join(content(tokens(text)))


def unified(key: str) -> str:
    """A name key with "university" and "institute" in any language written in English."""
    return " ".join(COGNATES.get(w, w) for w in key.split())


def bag_key(key: str) -> str:
    """Order-free version of a :func:`name_key`."""
    return " ".join(sorted(key.split()))


def shouting(text: str) -> bool:
    """A text typed in capitals, where every word looks like an acronym ("NOVA-INSTITUT FUR …", CORDIS)."""
    cased = [ch for ch in text if ch.isupper() or ch.islower()]  # in any script; CJK has no case
    return len(cased) > 12 and all(ch.isupper() for ch in cased)


def acronym_key(text: str) -> str:
    """Key of an acronym as written: letters and digits only, upper-case ("U.S.T.C." → "USTC")."""
    return "".join(ch for ch in fold(text) if ch.isalnum()).upper()


def looks_like_acronym(text: str) -> bool:
    """A short all-capitals token ("HIT", "BUAA", "CNRS", "U.S.T.C."), as typed rather than folded."""
    stripped = "".join(ch for ch in text if ch.isalnum())
    return 2 <= len(stripped) <= 10 and stripped.isupper() and not has_cjk(text) and " " not in text.strip()


WORD_CHECKED = 5  # letters from which a word of a fuzzily matched name must have its counterpart
SAME_START = 5  # … which begins as it does ("Science" / "Scientific"), or is at most a quarter of it away
SUFFIX_CHECKED = 7  # … or which ends a longer word of the name, from this many letters


def abbreviates(piece: str, before: str) -> bool:
    """The piece is made of initials of the piece before it ("Centro Nacional de Investigaciones Cardiovasculares
    (CNIC)"): that name's acronym, not another organisation's; or of a name it is typed beside ("Institute for
    Information Transmission Problems, IITP")."""
    letters = piece.replace("-", "").replace(".", "")  # "MPI-M", "C.N.I.C."
    if not (len(letters) >= 2 and letters.isalpha() and letters.isupper()):
        return False
    # in any order ("Centre for Molecular Medicine Norway (NCMM)" abbreviates the Norwegian name), a hyphenated
    # word giving one initial per part ("Max-Planck-Institut für Meteorologie (MPI-M)")
    words = re.split(r"[\s-]+", before.upper())
    return not Counter(letters) - Counter(w[0] for w in words if w[:1].isalpha())


def words_agree(text: str, matched: str, ignore: Container[str] = ()) -> bool:
    """Every longer word of ``text`` has a counterpart in ``matched``: a misspelling ("Changchung",
    "Hangzhao", "Baghyatollah"), the same words run together or apart ("Airforce", "UniversitatFrankfurt",
    "Radio Engineering"), or a longer word it ends ("[Neuro]degenerative"); not another word ("Naval" for "PAP",
    "Dvigatelestroitelnaya" (engine-building) for "Aviastroitelnaya" (aircraft-building), "Aoyama" for
    "Okayama", "Dresden" for "Essen"). Words in ``ignore`` need none."""
    theirs = name_key(matched).split()
    joined = theirs + [a + b for a, b in pairwise(theirs)]
    words = name_key(text).split()
    apart = {a + b for a, b in pairwise(words)}

    def agrees(word: str) -> bool:
        return any(
            w[:SAME_START] == word[:SAME_START]
            or Levenshtein.distance(word, w) <= len(word) // 4
            or (len(word) >= SUFFIX_CHECKED and w.endswith(word))
            for w in joined
        )

    return all(
        len(word) < WORD_CHECKED
        or word in ignore
        or agrees(word)
        or any(a.startswith(word) and a in joined for a in apart)
        or any(a.endswith(word) and a in joined for a in apart)
        for word in words
    )
