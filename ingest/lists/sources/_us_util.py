"""Helpers shared by the US list readers (``us_*.py``): reading CSV/TSV safely, dates, names, countries.

Not a reader itself (the leading underscore keeps the mapping's discovery away from it).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ingest.lists.model import Appearance, EntryKind, ListEntry, Malformed, Name, NameType
from rskg.countries import to_iso2
from rskg.errors import SourceError

# Nationality adjectives and abbreviations seen in our US sources that rskg.countries does not know (yet).
# Deterministic spellings of a country, not guesses: anything else unknown goes to the entry's remarks.
_DEMONYMS = {"russian": "RU", "syrian": "SY", "iranian": "IR", "rok": "KR", "chinese": "CN"}

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_BRACKET = re.compile(r"\s*[(\uff08]([^()\uff08\uff09]*[\u3400-\u9fff][^()\uff08\uff09]*)[)\uff09]")
_TRAILING_PAREN = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]+)\)\s*\.?\s*$")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


# ---------------------------------------------------------------- files


@dataclass(frozen=True)
class Row:
    """One CSV record: its values by column and where it sits in the file."""

    line: int  # physical line where the record starts (1 = header)
    values: dict[str, str]
    raw: str


def read_rows(path: Path, required: Sequence[str], delimiter: str = ",") -> tuple[list[Row], list[Malformed]]:
    """Read a delimited file (UTF-8, optional BOM, LF or CRLF) into rows keyed by the header.

    Raises :class:`SourceError` when the file is missing, not UTF-8 in its header, empty, or lacks a
    ``required`` column. A record with the wrong number of fields or undecodable bytes comes back as a
    :class:`Malformed` with source ``""`` (the caller sets its list key).
    """
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot open ({exc.strerror})", path=str(path)) from exc
    if not text.strip():
        raise SourceError(f"{path.name}: file is empty", path=str(path))
    text = text.rstrip("\x1a")  # a trailing DOS EOF byte is not a record
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise SourceError(f"{path.name}: not a readable {delimiter!r}-delimited file: {exc}") from exc
    if any(_has_surrogates(h) for h in header):
        raise SourceError(f"{path.name}: not UTF-8 text (undecodable bytes in the header)", path=str(path))
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(
            f"{path.name}: not the expected format: missing column(s) {', '.join(missing)}; "
            f"header is {header[:8]}",
            path=str(path),
        )
    rows: list[Row] = []
    bad: list[Malformed] = []
    start = reader.line_num + 1
    try:
        for record in reader:
            end = reader.line_num
            raw = "".join(lines[start - 1 : end]).rstrip("\r\n")
            locator = f"{path.name} line {start}"
            if not any(v.strip() for v in record):
                start = end + 1
                if record:  # a line of empty separators is a record the source meant to write
                    bad.append(Malformed("", locator, "empty record", _printable(raw)))
                continue
            if len(record) != len(header):
                reason = f"wrong number of fields: {len(record)}, header has {len(header)}"
                bad.append(Malformed("", locator, reason, _printable(raw)))
            elif any(_has_surrogates(v) for v in record):
                bad.append(Malformed("", locator, "undecodable bytes (not UTF-8)", _printable(raw)))
            else:
                rows.append(Row(start, dict(zip(header, record, strict=True)), raw))
            start = end + 1
    except csv.Error as exc:
        raise SourceError(f"{path.name}: broken CSV near line {start}: {exc}", path=str(path)) from exc
    return rows, bad


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _printable(raw: str) -> str:
    return raw.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def quarantine(source: str, bad: Iterable[Malformed]) -> list[Malformed]:
    """Give the list key to malformed records that the file reader produced without one."""
    return [replace(m, source=source) for m in bad]


def pick(paths: Sequence[Path], name: str) -> Path:
    """The path among ``paths`` whose file name is ``name``; SourceError when it was not given."""
    for p in paths:
        if p.name == name:
            return p
    raise SourceError(f"expected a file named {name!r} among {[p.name for p in paths]}")


# ---------------------------------------------------------------- text and names


def clean(text: str) -> str:
    """NFC, collapsed whitespace, stripped. Keeps the source's characters (curly quotes, dashes)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """A matching key: NFKC, straight quotes, ASCII hyphens, casefolded, single spaces around dashes."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES).casefold()
    return " ".join(re.sub(r"\s+-\s*|\s*-\s+", " - ", text).split())


def slug(text: str) -> str:
    """A stable id: the folded text with every run of non-alphanumerics replaced by one hyphen."""
    return re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", fold(text)).strip("-")


def split_list(text: str, sep: str = ";") -> list[str]:
    """Split a multi-valued cell ("A; B; C"), dropping empty parts."""
    return [v for v in (clean(p) for p in text.split(sep)) if v]


def unquote(text: str) -> str:
    """Drop quotes that wrap a whole value ("“GOSNIIMASH”") or dangle unbalanced at its end."""
    text = clean(text)
    if len(text) > 1 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    if text.count('"') % 2:
        text = text.strip('"').strip()
    return text


def is_acronym(text: str) -> bool:
    """True for a short token written mostly in capitals: "BUAA", "IRGC-IO", "UrFu", "CAS ICT"."""
    compact = text.replace(" ", "").replace("-", "").replace("&", "")
    if not 2 <= len(compact) <= 12 or text.count(" ") > 1:
        return False
    upper = sum(ch.isupper() for ch in compact)
    lower = sum(ch.islower() for ch in compact)
    return ((upper >= 2 and upper >= lower) or (upper >= 1 and lower == 0)) and not any(
        w.istitle() and len(w) > 4 for w in text.split()
    )


def name_type(text: str) -> NameType:
    return "acronym" if is_acronym(text) else "alternative"


def split_zh(name: str) -> tuple[str, list[str]]:
    """Split bracketed Chinese names off an English name: "X (中国…)" -> ("X", ["中国…"])."""
    found = [clean(m.group(1)) for m in _ZH_BRACKET.finditer(name)]
    return clean(_ZH_BRACKET.sub("", name)), found


def split_trailing_acronym(name: str) -> tuple[str, str | None]:
    """ "Academy of Military Medical Sciences (AMMS)" -> ("Academy of Military Medical Sciences", "AMMS")."""
    m = _TRAILING_PAREN.match(clean(name))
    if m and is_acronym(m.group("inner")):
        return m.group("base").rstrip(" ,"), m.group("inner")
    return clean(name), None


def make_names(primary: str, values: Iterable[tuple[str, NameType | None]]) -> tuple[Name, ...]:
    """Names other than ``primary``, deduplicated on their folded form; Chinese script gets lang="zh".
    A type of ``None`` means "decide from the text" (acronym or alternative)."""
    seen = {fold(primary)}
    out: list[Name] = []
    for value, kind in values:
        base, zh = split_zh(value)
        base, acronym = split_trailing_acronym(base) if kind != "acronym" else (base, None)
        parts: list[tuple[str, NameType | None]] = [(base, kind)] + [(z, "alternative") for z in zh]
        parts += [(acronym, "acronym")] if acronym else []
        for text, k in parts:
            text = clean(text).strip(" ;,")
            if not text or fold(text) in seen:
                continue
            seen.add(fold(text))
            lang = "zh" if _CJK.search(text) else None
            out.append(Name(text, k or ("alternative" if lang else name_type(text)), lang))
    return tuple(out)


_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.\s+(?=\S)")
_ADDRESS_START = re.compile(r"\s(?=(?:No\.?\s*\d|\d+[A-Za-z]?\s+[A-Z]|#\d|P\.O\. Box)[^;]*,)")
_ABBREVIATIONS = ("Co", "Ltd", "Inc", "Corp", "Corporation")


def word_number(word: str) -> int | None:
    """ "eleven" -> 11, "12" -> 12; None when not a number word we know."""
    w = word.lower()
    return int(w) if w.isdigit() else (_NUMBERS.index(w) if w in _NUMBERS else None)


def split_tail(text: str) -> tuple[str, str]:
    """Split the last alias of an Entity List entry from the address that follows it.

    The Federal Register text ends the alias list with a full stop ("—C. 27 Taiping Road, …") but not always
    ("—12th Institute 51 Yong Ding Road, Beijing"): split at the first sentence end or the first street
    number that starts a comma-separated address, whichever comes first.
    """
    cuts = [m.start() for m in (_SENTENCE_END.search(text), _ADDRESS_START.search(text)) if m]
    if not cuts:
        return clean(text).rstrip("."), ""
    cut = min(cuts)
    alias = clean(text[:cut])
    if text[cut] == "." and alias.split()[-1].rstrip(",") in _ABBREVIATIONS:
        alias += "."
    return alias, clean(text[cut:].lstrip(". "))


_ORG = re.compile(
    r"\b(?:LTD|LIMITED|LLC|L\.L\.C|INC|CORP|CORPORATION|CO|COMPANY|GMBH|AG|SA|S\.A|SRL|BV|PLC|PVT|FZE|FZCO|"
    r"TRADING|INTERNATIONAL|INDUSTRIES|INDUSTRY|ENTERPRISES?|GROUP|SERVICES?|SOLUTIONS|TECHNOLOGY|TECHNOLOGIES|"
    r"AIRLINES?|AVIATION|AIR|LOGISTICS|SHIPPING|CARGO|FREIGHT|ELECTRONICS|SYSTEMS|SUPPLY|SUPPLIES|EXPORTS?|"
    r"IMPORTS?|ENGINEERING|MANUFACTURING|INSTITUTE|LABORATOR(?:Y|IES)|UNIVERSITY|BANK|PARTNERS|ASSOCIATES|"
    r"HOLDINGS?|DEVELOPMENT|EQUIPMENT|MARINE|GLOBAL|TRANSPORT(?:ATION)?|CENTER|CENTRE|AEROSPACE|CONTRACTING|"
    r"RESEARCH|ACADEMY|METALS?|PROFILES|BUREAU|MINISTRY|DIRECTORATE|ARMY|FORCES?)\b",
    re.IGNORECASE,
)


def kind_from_name(name: str) -> EntryKind:
    """Organisation when the name carries a company word, else person: for lists without a type column."""
    base, acronym = split_trailing_acronym(name)
    single_token_acronym = is_acronym(base) and " " not in base  # "GBNTT", not an all-caps "I. ASH"
    return "organisation" if _ORG.search(name) or acronym or single_token_acronym else "person"


# ---------------------------------------------------------------- dates and countries


class DateError(ValueError):
    """A date the reader cannot turn into an ISO (partial) date."""


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FORMATS = (
    ("%B %d, %Y", "%Y-%m-%d"),
    ("%B %d %Y", "%Y-%m-%d"),
    ("%b %d, %Y", "%Y-%m-%d"),
    ("%d %B %Y", "%Y-%m-%d"),
    ("%d %b %Y", "%Y-%m-%d"),
    ("%m/%d/%Y", "%Y-%m-%d"),
    ("%d.%m.%Y", "%Y-%m-%d"),
    ("%B %Y", "%Y-%m"),
    ("%b %Y", "%Y-%m"),
)


def iso_date(text: str | None) -> str | None:
    """An ISO date as precise as the source: "2024", "2024-05", "2024-05-31"; None when empty.

    >>> iso_date("October 1, 2027"), iso_date("December 2023"), iso_date("06/19/2003"), iso_date("2026")
    ('2027-10-01', '2023-12', '2003-06-19', '2026')
    """
    value = clean(text or "").rstrip(".")
    if not value:
        return None
    if _ISO.match(value):
        datetime.strptime(value + "-01-01"[len(value) - 4 :], "%Y-%m-%d")
        return value
    for fmt, out in _FORMATS:
        try:
            return datetime.strptime(value, fmt).strftime(out)
        except ValueError:
            continue
    raise DateError(f"unrecognised date {value!r}")


def country(text: str) -> str | None:
    """ISO2 for a country as our US sources write it, or None when unknown."""
    code = to_iso2(text)
    return code if code is not None else _DEMONYMS.get(fold(text))


def countries(values: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ISO2 codes for the known values; a remark "country as given" for each unknown one (never guessed)."""
    codes: list[str] = []
    remarks: list[str] = []
    for v in (clean(x) for x in values):
        if not v:
            continue
        code = country(v)
        if code is None:
            remarks.append(f"country as given (not recognised): {v}")
        elif code not in codes:
            codes.append(code)
    return tuple(codes), tuple(remarks)


# ---------------------------------------------------------------- merging


def _union(*groups: tuple[object, ...]) -> tuple[object, ...]:
    out: list[object] = []
    for g in groups:
        out.extend(x for x in g if x not in out)
    return tuple(out)


def merge(entries: Iterable[ListEntry]) -> list[ListEntry]:
    """Merge entries that share (source, record_id) into one, in first-seen order.

    The primary name is the last one given (readers pass editions oldest first, so the newest name wins);
    earlier primary names become alternative names; appearances that are equal are kept once.
    """
    groups: dict[tuple[str, str], list[ListEntry]] = {}
    for e in entries:
        groups.setdefault((e.source, e.record_id), []).append(e)
    return [_merge_group(g) for g in groups.values()]


def _merge_group(group: list[ListEntry]) -> ListEntry:
    if len(group) == 1:
        return group[0]
    last = group[-1]
    names = make_names(
        last.name,
        [(n.value, n.type) for e in group for n in e.names] + [(e.name, "alternative") for e in group],
    )
    fields: dict[str, object] = {}
    for f in (
        "appearances",
        "countries",
        "addresses",
        "cities",
        "identifiers",
        "websites",
        "birth_dates",
        "remarks",
        "entity_kinds",
        "org_kinds",
        "relations",
        "areas",
        "topics",
    ):
        fields[f] = _union(*(getattr(e, f) for e in group))
    return replace(last, names=names, **fields)  # type: ignore[arg-type]


def appearances_in(entries: Iterable[ListEntry]) -> Iterator[Appearance]:
    for e in entries:
        yield from e.appearances
