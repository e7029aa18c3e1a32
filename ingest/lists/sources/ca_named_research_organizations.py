"""Canada: Named Research Organizations (STRAC policy), read from the official page saved as HTML.

The page (science.gc.ca, "Date modified: 2024-04-18") lists each organisation as
``<li><strong>NAME</strong> (COUNTRY) <p>Known alias(es): A; B; …</p></li>`` in ``<div class="wb-filter">``.
Reading the page itself (not our regex-extracted CSV) keeps the official text the source of truth, and the
reader keeps working on a fresh download of the page.

The "known aliases" mix true alternative names with laboratories, institutes and companies of the
organisation (CAEP's list names its "Southwest Institute of …" and trading companies). All stay names of the
entry, since the policy covers every alias Canada lists; an alias that denotes a distinct unit also becomes a
relation: ``child`` for a laboratory, a company or another listed organisation, ``related`` (with a note) for
an institute or centre that shares almost no words with the entry's name (it may be a subsidiary or a former
name; the page does not say which). A "X – Y" or "Y, …, Russian Academy of Sciences" name gives a parent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from rapidfuzz import fuzz

from ingest.lists.model import (
    Appearance,
    AreaHint,
    EditionMeta,
    ListEntry,
    ListMeta,
    Malformed,
    ReadResult,
    Relation,
    end_use,
)
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "ca_named_research_organizations"
KEY = "ca_nro"
EDITION = "2024-04-18"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="Named Research Organizations "
        "(Policy on Sensitive Technology Research and Affiliations of Concern)",
        authority="Government of Canada (Innovation, Science and Economic Development Canada)",
        jurisdiction="CA",
        # policy_exclusion: STRAC is a funding policy, not a law: grant applications in a sensitive technology
        # research area are not funded if a researcher is affiliated with, or funded by, a named organisation.
        legal_effect="policy_exclusion",
        url="https://science.gc.ca/site/science/en/safeguarding-your-research/guidelines-and-tools-implement-"
        "research-security/sensitive-technology-research-and-affiliations-concern/named-research-organizations",
        licence="Government of Canada web content (© His Majesty the King in right of Canada); "
        "non-commercial reproduction with attribution allowed",
        editions=(
            EditionMeta(EDITION, "Named Research Organizations list, page modified 2024-04-18", EDITION,
                        "'Date modified: 2024-04-18' on the official page; the file names carry the "
                        "2024-09-09 download date, which is not the edition date"),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = (f"{DATASET}/named-research-organizations_2024-09-09.html",)

# the page's own words for why every organisation is named: a link to military or security end users, which
# the list asserts for all entries without saying which of the three applies (hence a moderate confidence)
_MILITARY = AreaHint(
    concept=end_use("military"),
    confidence=0.6,
    basis="Named Research Organizations page: organisations that \"pose the highest risk to Canada\u2019s "
    "national security due to their direct, or indirect connections with military, national defence, and "
    "state security entities\"",
)
_ITEM = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)\s*$")
# separators inside "Known alias(es):" — ";" and, on the page, a stray ", " or ": " between aliases
# ("CAEP, Beijing Computational Science Research Center, Ninth Academy"); not before Ltd/Co/Inc
_ALIAS_SPLIT = re.compile(r";\s*|,\s+(?!(?:Ltd|Co|Inc|LLC|Limited)\b)|:\s+")
_LAB = re.compile(r"\blab(?:oratory|oratories)?\b", re.I)
_COMPANY = re.compile(r"\b(?:Co\.|Ltd|Limited|Corporation|Company|Factory|Trading)\b", re.I)
_UNIT = re.compile(r"\b(?:Institute|Center|Centre)\b", re.I)
# below this similarity (rapidfuzz token_sort_ratio) an institute alias names something other than the entry:
# "Southwest Institute of Fluid Physics" vs CAEP scores 46; "Physic Research Center" vs "Physics …" 98
_DISTINCT = 60.0
_PARENT_SUFFIX = re.compile(r",\s*(?P<parent>Russian Academy of Sciences)$")
_PARENT_PREFIX = re.compile(r"^(?P<parent>.+?)\s+[\u2013\u2014]\s+(?P<child>.+)$")


@dataclass
class _Item:
    line: int
    strong: str = ""
    tail: list[str] = field(default_factory=list)
    aliases: str | None = None


class _Page(HTMLParser):
    """Collects the ``<li>`` items that hold a ``<strong>`` name, inside the ``wb-filter`` block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self.saw_filter = False
        self._depth = 0  # <div> nesting inside wb-filter
        self._item: _Item | None = None
        self._where = ""  # "strong", "p" or "" (text directly in the <li>)
        self._p: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and (self._depth or "wb-filter" in (dict(attrs).get("class") or "")):
            self.saw_filter = True
            self._depth += 1
        elif self._depth and tag == "li":
            self._item = _Item(self.getpos()[0])
            self._where = ""
        elif self._item is not None and tag in ("strong", "p"):
            self._where = tag
            self._p = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "li" and self._item is not None:
            if self._item.strong:
                self.items.append(self._item)
            self._item = None
        elif tag == "p" and self._item is not None:
            text = u.clean("".join(self._p))
            if text.startswith("Known alias"):
                self._item.aliases = text.split(":", 1)[1] if ":" in text else ""
            self._where = ""
        elif tag == "strong":
            self._where = ""

    def handle_data(self, data: str) -> None:
        if self._item is None:
            return
        if self._where == "strong":
            self._item.strong += data
        elif self._where == "p":
            self._p.append(data)
        else:
            self._item.tail.append(data)


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        page = _Page()
        page.feed(u.read_text(path))
        page.close()
        if not page.saw_filter or not page.items:
            message = f"{path.name}: not the Named Research Organizations page (no list items found)"
            raise SourceError(message, path=str(path))
        taken: set[str] = set()
        for item in page.items:
            made = _entry(item, f"{path.name} line {item.line}", taken)
            if isinstance(made, Malformed):
                result.malformed.append(made)
            else:
                result.entries.append(made)
    index = u.TargetIndex()
    for e in result.entries:
        index.add(e.record_id, e.name)
    for e in result.entries:
        index.add_alias(e.record_id, *(n.value for n in e.names if n.type != "acronym"))
    result.entries = [_relations(e, index) for e in result.entries]
    return result


def _entry(item: _Item, locator: str, taken: set[str]) -> ListEntry | Malformed:
    text = u.clean(item.strong + " " + "".join(item.tail))
    raw = text + (f" | Known alias(es): {item.aliases}" if item.aliases is not None else "")
    name = u.clean(item.strong)
    m = _ITEM.match(text)
    if not name or m is None:
        return Malformed(KEY, locator, "list item without a name and a bracketed country", raw)
    countries = u.Countries()
    countries.add(m.group("country"))
    names = u.NameBag(name)
    names.extend(a for a in _ALIAS_SPLIT.split(item.aliases or "") if a)
    return ListEntry(
        source=KEY,
        record_id=u.unique_id(u.slug(name), taken),
        kind="organisation",
        name=name,
        appearances=(Appearance(EDITION, name),),
        names=names.result(),
        countries=tuple(countries.codes),
        remarks=tuple(countries.remarks),
        areas=(_MILITARY,),
    )


def _relations(entry: ListEntry, index: u.TargetIndex) -> ListEntry:
    relations: list[Relation] = []
    if m := _PARENT_SUFFIX.search(entry.name) or _PARENT_PREFIX.match(entry.name):
        relations.append(Relation("parent", target_name=m.group("parent"),
                                  note="parent named in the entry's own name on the list"))
    for n in entry.names:
        other = index.get(n.value)
        if other is not None and other != entry.record_id:
            note = "Canada lists this name both as a known alias of the entry and as a named organisation"
            relations.append(Relation("child", target_id=other, note=note))
        elif n.type != "acronym" and (_LAB.search(n.value) or _COMPANY.search(n.value)):
            note = "Canada lists it as a known alias; the name denotes a laboratory or company of the entry"
            relations.append(Relation("child", target_name=n.value, note=note))
        elif n.type != "acronym" and _UNIT.search(n.value) and _similarity(n.value, entry.name) < _DISTINCT:
            note = ("Canada lists it as a known alias; the name denotes a distinct institute or centre "
                    "(a subsidiary or a former name: the list does not say which)")
            relations.append(Relation("related", target_name=n.value, note=note))
    return replace(entry, relations=tuple(relations)) if relations else entry


def _similarity(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(u.fold(a), u.fold(b)))

