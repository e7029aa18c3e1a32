"""Helpers shared by the non-US list readers (OFAC legacy, UN, EU 833, Canada NRO, ASPI, PRC, OpenSanctions).

Not a reader itself: the leading underscore keeps the mapping's discovery away from it. Everything here is
about turning source text into the plain values of :mod:`ingest.lists.model` without guessing: dates keep the
precision the source gives, unknown countries go to remarks, and a file that cannot be read raises
:class:`rskg.errors.SourceError` naming the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from anyascii import anyascii

from ingest.lists.model import Name, NameType, Relation, RelationKind
from rskg.countries import to_iso2
from rskg.errors import SourceError

# ---------------------------------------------------------------- files


def read_text(path: Path) -> str:
    """The whole file as text (UTF-8, optional BOM); SourceError naming the file when that is impossible."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot open ({exc.strerror})", path=str(path)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path.name}: not UTF-8 text (undecodable byte at offset {exc.start})", path=str(path)
        ) from exc
    if not text.strip():
        raise SourceError(f"{path.name}: file is empty", path=str(path))
    return text


def pick(paths: Sequence[Path], suffix: str, required: bool = True) -> Path | None:
    """The path among ``paths`` whose name ends with ``suffix``; SourceError when required and absent."""
    for p in paths:
        if p.name.endswith(suffix):
            return p
    if required:
        raise SourceError(f"expected a file named *{suffix} among {[p.name for p in paths]}")
    return None


# ---------------------------------------------------------------- text


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "&": " and "})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
# a trailing or embedded bracket whose content is (mostly) Chinese: "X (中国人民解放军…)", full-width too;
# the closing bracket may be missing when the source was cut ("… (人工智能研究中心")
_ZH_BRACKET = re.compile(r"\s*[(\uff08]([^()\uff08\uff09]*[\u3400-\u9fff][^()\uff08\uff09]*)(?:[)\uff09]|$)")


def clean(text: str | None) -> str:
    """NFC, whitespace collapsed, stripped; the source's characters are kept."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def fold(text: str) -> str:
    """A comparison key: NFKC, straight quotes, "&" as "and", casefolded, Centre = Center, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().replace("centre", "center")
    return " ".join(re.sub(r"[.,;:()\-\u2013\u2014]", " ", text).split())


def slug(text: str) -> str:
    """A stable ASCII id from a name: transliterated, lower case, hyphens between words."""
    return re.sub(r"[^0-9a-z]+", "-", anyascii(fold(text)).lower()).strip("-") or "x"


def split_list(text: str | None, seps: str = ";") -> list[str]:
    """Split a multi-valued cell on any of ``seps``, dropping empty parts."""
    return [v for v in (clean(p) for p in re.split("[" + re.escape(seps) + "]", text or "")) if v]


def lang_of(text: str) -> str | None:
    """The language the script shows: "zh" for Han without kana, "ko" for Hangul; None otherwise."""
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text) and not _KANA.search(text):
        return "zh"
    return None


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def split_zh(text: str) -> tuple[str, list[str]]:
    """Split bracketed Chinese names off a name: "HEU (哈尔滨工程大学)" -> ("HEU", ["哈尔滨工程大学"]).

    A bracket holding several Chinese names separated by "/" gives each of them.
    """
    found: list[str] = []
    for m in _ZH_BRACKET.finditer(text):
        found += [z for z in (clean(p) for p in m.group(1).split("/")) if z]
    return clean(_ZH_BRACKET.sub("", text)), found


_TRAILING_PAREN = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]+)\)$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&./\-]{1,7}$")


def is_acronym(text: str) -> bool:
    """A single short token mostly in capitals: "BUAA", "CAS-ICT", "A/SEU", "NUDT"; not "Beihang"."""
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 > len(letters)


def trailing_acronym(name: str) -> str | None:
    """ "METALLURGY INDUSTRIES GROUP (AMIG)" -> "AMIG"; None when the name has no such suffix."""
    m = _TRAILING_PAREN.match(clean(name))
    return m.group("inner") if m and is_acronym(m.group("inner")) else None


class NameBag:
    """Collects the other names of an entry: deduplicated on :func:`fold`, the primary name left out,
    bracketed Chinese split off into names of their own, acronyms and script languages recognised."""

    def __init__(self, primary: str) -> None:
        self._seen = {fold(primary)}
        self.names: list[Name] = []

    def add(self, value: str | None, kind: NameType | None = None, lang: str | None = None) -> None:
        text = clean(value).strip(" ;,")
        if not text:
            return
        base, zh = split_zh(text) if has_han(text) and not _HAN.match(text) else (text, [])
        for part, k in [(base, kind), *((z, "alternative") for z in zh)]:
            key = fold(part)
            if not key or key in self._seen:
                continue
            self._seen.add(key)
            guessed: NameType = "acronym" if is_acronym(part) else "alternative"
            self.names.append(Name(part, k or guessed, lang or lang_of(part)))

    def extend(self, values: Iterable[str], kind: NameType | None = None) -> None:
        for v in values:
            self.add(v, kind)

    def result(self) -> tuple[Name, ...]:
        return tuple(self.names)


# ---------------------------------------------------------------- dates


class DateError(ValueError):
    """A date text the reader cannot turn into an ISO (partial) date."""


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_WORDY = (("%d %B %Y", 3), ("%d %b %Y", 3), ("%B %d, %Y", 3), ("%b %Y", 2), ("%B %Y", 2))


def iso_date(text: str | None) -> str | None:
    """An ISO date with the precision the source gives ("2024", "2024-05", "2024-05-31"), None when empty.

    Accepts ISO (a time or zone suffix is dropped: "2015-04-07-04:00"), d.m.yyyy and dd.mm.yy (EU, PRC;
    two-digit years are 20yy: these lists start in 2014), "9 August 2025", "03 Jun 2021", "Jun 2021".
    Raises :class:`DateError` for anything else: never a guessed day or month.
    """
    value = clean(text).rstrip(".")
    if not value:
        return None
    m = _ISO.match(value)
    if m and (len(value) == m.end() or value[m.end()] in "T+-Z "):
        iso = m.group(0)
        _check(iso)
        return iso
    m = _DOTTED.match(value)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        iso = f"{'20' + year if len(year) == 2 else year}-{month:02d}-{day:02d}"
        _check(iso)
        return iso
    for fmt, parts in _WORDY:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m-%d" if parts == 3 else "%Y-%m")
    raise DateError(f"unrecognised date {value!r}")


def _check(iso: str) -> None:
    padded = iso + "-01-01"[len(iso) - 4 :]
    try:
        datetime.strptime(padded, "%Y-%m-%d")
    except ValueError as exc:
        raise DateError(f"not a calendar date {iso!r}") from exc


# ---------------------------------------------------------------- countries


# "Socialist Republic of Vietnam", "State of Palestine": drop the formal prefix when the full form is unknown
_STATE_PREFIX = re.compile(r"^(?:(?:Socialist|Islamic|Democratic|Federal) )?(?:Republic|Kingdom|State) of ")


def country(text: str | None) -> str | None:
    """ISO2 for a country as a source writes it (a trailing gloss like "(UAE)" ignored); None if unknown."""
    value = clean(text)
    if not value:
        return None
    bare = _STATE_PREFIX.sub("", re.sub(r"\s*\([^()]*\)$|^The |, The$", "", value))
    return to_iso2(value) or to_iso2(bare)


class Countries:
    """Collects ISO2 codes in order; text that is not a known country goes to ``remarks``, never guessed."""

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.remarks: list[str] = []

    def add(self, text: str | None, what: str = "country") -> None:
        value = clean(text)
        if not value:
            return
        code = country(value)
        if code is None:
            note = f"{what} as given (not recognised): {value}"
            if note not in self.remarks:
                self.remarks.append(note)
        elif code not in self.codes:
            self.codes.append(code)

    def add_from_address(self, address: str) -> None:
        """The country of a comma-separated address: its last part, else the last part that is a country;
        an address with none is noted in remarks (the address itself is kept by the caller)."""
        parts = [p for p in (clean(x) for x in re.split(r"[,;]", address)) if p]
        # the last part may be a code ("RU"); elsewhere only a country name counts, not "GD" in "Guangzhou GD"
        candidates = parts[-1:] + [p for p in reversed(parts[:-1]) if len(p) > 3]
        code = next((c for c in map(country, candidates) if c), None)
        if code is None:
            note = f"no recognisable country in address: {address}"
            if note not in self.remarks:
                self.remarks.append(note)
        elif code not in self.codes:
            self.codes.append(code)


# ---------------------------------------------------------------- relations and ids


class TargetIndex:
    """Names of a source's own entries -> their record ids, to point a relation at an entry of the same
    source when its target is one (``target_id``), else keep the name (``target_name``)."""

    def __init__(self) -> None:
        self._ids: dict[str, str | None] = {}
        self._aliases: dict[str, str | None] = {}

    def add(self, record_id: str, *names: str) -> None:
        """Primary names: they win over any alias of another entry."""
        self._put(self._ids, record_id, names)

    def add_alias(self, record_id: str, *names: str) -> None:
        """Other names: used only where no entry has the name as its primary name."""
        self._put(self._aliases, record_id, names)

    @staticmethod
    def _put(table: dict[str, str | None], record_id: str, names: Iterable[str]) -> None:
        for n in names:
            key = fold(n)
            if key:
                # a name two entries share points at neither: ambiguous, so the relation keeps the name
                table[key] = record_id if table.get(key, record_id) == record_id else None

    def get(self, name: str) -> str | None:
        key = fold(name)
        return self._ids[key] if key in self._ids else self._aliases.get(key)

    def relation(
        self, kind: RelationKind, name: str, self_id: str | None = None, note: str | None = None
    ) -> Relation:
        """A relation to ``name``: by id when it names another entry of the source, else by name."""
        target = self.get(name)
        if target is not None and target != self_id:
            return Relation(kind, target_id=target, note=note)
        return Relation(kind, target_name=clean(name), note=note)


def unique_id(candidate: str, taken: set[str]) -> str:
    """``candidate`` or ``candidate-2``, ``-3``…: the first one not in ``taken`` (which it is added to)."""
    out, n = candidate, 1
    while out in taken:
        n += 1
        out = f"{candidate}-{n}"
    taken.add(out)
    return out
