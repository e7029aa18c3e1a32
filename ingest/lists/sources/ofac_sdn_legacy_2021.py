"""OFAC Specially Designated Nationals list in OFAC's legacy delimited format (sdn.csv, alt.csv, add.csv).

The format (also used by the non-SDN consolidated files, see ``ofac_non_sdn_consolidated_2025``): three
linked tables keyed by ``ent_num``, no header, CRLF, ``-0- `` as the null marker, a lone ``\\x1a`` after the
last line. Programmes are "A] [B" (outer brackets dropped), individuals are "SURNAME, Given", and the Remarks
column packs facts into "; "-separated text: "DOB …; nationality …; Passport … (Country); a.k.a. '…';
Linked To: X."
:func:`read_legacy` parses that format for both OFAC readers; the remarks text is also kept verbatim.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "ofac_sdn_legacy_2021"
KEY = "ofac_sdn"
EDITION = "2021-07"
OFAC_URL = "https://sanctionslist.ofac.treas.gov/"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="OFAC Specially Designated Nationals and Blocked Persons List (SDN List)",
        authority="US Department of the Treasury, Office of Foreign Assets Control (OFAC)",
        jurisdiction="US",
        # binding_restriction: US persons must block the property of listed persons and may not deal with them
        # (IEEPA and programme regulations, 31 CFR chapter V).
        legal_effect="binding_restriction",
        url=OFAC_URL,
        licence="Public domain (US government work)",
        editions=(
            EditionMeta(
                EDITION,
                "SDN List, legacy CSV, about July 2021",
                EDITION,
                "month the copy was committed to moov-io/watchman (2021-07-07, commit 05de7744); OFAC's own "
                "publication date of this file is not recorded, the data are from about June/July 2021",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = tuple(f"{DATASET}/{f}" for f in ("sdn.csv", "alt.csv", "add.csv"))

NULL = "-0-"
# ent_num, name, type, programs, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks
PRIMARY_COLUMNS = 12
_KINDS = {"": ("organisation", ()), "individual": ("person", ()), "vessel": ("other", ("vessel",)),
          "aircraft": ("other", ("aircraft",))}
# Remarks item prefix -> identifier scheme (value = the rest, a trailing "(Country)" dropped)
_IDENTIFIERS = (
    ("Unified Social Credit Code (USCC)", "uscc"), ("Passport", "passport"),
    ("National ID No.", "national_id"),
    ("Tax ID No.", "tax"), ("Registration Number", "registration"), ("Registration ID", "registration"),
    ("Public Registration Number", "registration"), ("Business Registration Number", "registration"),
    ("Vessel Registration Identification IMO", "imo"), ("IMO", "imo"), ("ISIN", "isin"),
    ("Equity Ticker", "ticker"), ("SWIFT/BIC", "swift"), ("Legal Entity Number", "lei"),
    ("Aircraft Tail Number", "aircraft_tail"),
    ("Aircraft Manufacturer's Serial Number (MSN)", "aircraft_msn"),
)
_ALIAS = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'$")
_LISTING = re.compile(r"^Listing Date \((?P<tag>[^)]*)\):?\s+(?P<date>.+)$")
_COUNTRY_SUFFIX = re.compile(r"\s*\([^()]*\)$")

# Which list and edition a primary row belongs to, from its programmes; None -> the row is quarantined.
Assign = Callable[[tuple[str, ...]], tuple[str, str] | None]
# A regex per list key: the "Listing Date (<tag>)" remarks that date the listing on that list.
ListingTags = dict[str, re.Pattern[str]]


@dataclass
class _Draft:
    """A primary row while its aliases, addresses and remarks continuations are being attached."""

    entry: ListEntry
    names: u.NameBag
    countries: u.Countries
    addresses: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    text: str = ""  # the Remarks column, continuations (cons_comments) appended as they come


def read(paths: Sequence[Path]) -> ReadResult:
    return read_legacy(
        prim=u.pick(paths, "sdn.csv"),
        alt=u.pick(paths, "alt.csv", required=False),
        add=u.pick(paths, "add.csv", required=False),
        comments=None,
        assign=lambda _programmes: (KEY, EDITION),
        listing_tags={},
        fallback_source=KEY,
    )


def read_legacy(prim: Path | None, alt: Path | None, add: Path | None, comments: Path | None, assign: Assign,
                listing_tags: ListingTags, fallback_source: str) -> ReadResult:
    """Read OFAC legacy tables into entries (one per primary row) and quarantined rows."""
    if prim is None:
        raise SourceError("no primary OFAC table given")
    result = ReadResult()
    drafts: dict[str, _Draft] = {}
    for line, row, raw in _table(prim, PRIMARY_COLUMNS, result, fallback_source):
        made = _primary(row, assign)
        locator = f"{prim.name} line {line}"
        if isinstance(made, str):
            result.malformed.append(Malformed(fallback_source, locator, made, raw))
        elif made.entry.record_id in drafts:
            result.malformed.append(Malformed(made.entry.source, locator, "duplicate ent_num", raw))
        else:
            drafts[made.entry.record_id] = made
    for path, width, attach in ((alt, 5, _alias), (add, 6, _address), (comments, 2, _continuation)):
        if path is None:
            continue
        for line, row, raw in _table(path, width, result, fallback_source):
            draft = drafts.get(row[0])
            problem = "unknown ent_num (no such primary row)" if draft is None else attach(draft, row)
            if problem:
                source = draft.entry.source if draft else fallback_source
                result.malformed.append(Malformed(source, f"{path.name} line {line}", problem, raw))
    index = u.TargetIndex()
    for d in drafts.values():
        index.add(d.entry.record_id, d.entry.name)
    result.entries = [_finish(d, index, listing_tags) for d in drafts.values()]
    return result


def _table(path: Path, width: int, result: ReadResult, source: str) -> list[tuple[int, list[str], str]]:
    """Rows of one legacy table as (line number, values with nulls as "", raw line); rows with another
    number of fields or a non-numeric ent_num are quarantined. SourceError if the file is not this format."""
    text = u.read_text(path).rstrip("\x1a")
    lines = text.splitlines()
    out: list[tuple[int, list[str], str]] = []
    for number, (raw, row) in enumerate(zip(lines, csv.reader(lines), strict=True), start=1):
        values = ["" if v.strip() == NULL else v.strip() for v in row]
        if number == 1 and (len(values) != width or not values[0].isdigit()):
            raise SourceError(
                f"{path.name}: not an OFAC legacy table with {width} columns and no header "
                f"(first line has {len(values)} fields, starts {raw[:40]!r})", path=str(path))
        if not raw.strip():
            result.malformed.append(Malformed(source, f"{path.name} line {number}", "empty line", raw))
        elif len(values) != width:
            reason = f"wrong number of fields: {len(values)}, expected {width}"
            result.malformed.append(Malformed(source, f"{path.name} line {number}", reason, raw))
        elif not values[0].isdigit():
            reason = "ent_num is not a number"
            result.malformed.append(Malformed(source, f"{path.name} line {number}", reason, raw))
        else:
            out.append((number, values, raw))
    return out


def programmes_of(text: str) -> tuple[str, ...]:
    """ "SDGT] [SYRIA" or "[SDGT] [SYRIA]" -> ("SDGT", "SYRIA")."""
    return tuple(p for p in (x.strip(" []") for x in text.split("] [")) if p)


def _primary(row: list[str], assign: Assign) -> _Draft | str:
    ent, name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks = row
    name = u.clean(name)
    if not name:
        return "empty name"
    if sdn_type not in _KINDS:
        return f"unknown SDN type {sdn_type!r}"
    programmes = programmes_of(program)
    target = assign(programmes)
    if target is None:
        return f"programme(s) {list(programmes)} belong to no list this reader declares"
    source, edition = target
    kind, entity_kinds = _KINDS[sdn_type]
    names, countries = u.NameBag(name), u.Countries()
    if kind == "person" and ", " in name:
        surname, given = name.split(", ", 1)
        names.add(f"{given} {surname}", "alternative")
    if kind == "other":
        countries.add(flag, "flag")
    extra = [f"{label}: {v}" for label, v in (("title", title), ("call sign", call_sign),
             ("vessel type", vess_type), ("tonnage", tonnage), ("GRT", grt), ("flag", flag),
             ("vessel owner", owner)) if v]
    entry = ListEntry(
        source=source,
        record_id=ent,
        kind=kind,  # type: ignore[arg-type]
        name=name,
        appearances=(Appearance(edition, name, programmes=programmes),),
        identifiers=(f"call_sign:{call_sign}",) if call_sign else (),
        entity_kinds=entity_kinds,
    )
    return _Draft(entry, names, countries, remarks=extra, text=remarks)


@dataclass
class _Facts:
    identifiers: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    listing: list[tuple[str, str]] = field(default_factory=list)  # (tag, ISO date)


def _remarks(text: str, names: u.NameBag, countries: u.Countries) -> _Facts:
    """Structured facts from the Remarks text; the text itself is kept verbatim in the entry's remarks."""
    facts = _Facts()
    body = text[:-1] if text.endswith(".") else text
    for item in (p.strip() for p in body.split("; ")):
        item = re.sub(r"^alt\.\s+", "", item)
        if m := _ALIAS.match(item):
            names.add(m.group(2))
        elif item.startswith("Linked To: "):
            facts.linked.append(item.removeprefix("Linked To: ").strip())
        elif item.startswith("DOB "):
            try:
                date = u.iso_date(item.removeprefix("DOB "))
            except u.DateError:
                continue  # "circa 1960", "1955 to 1958": kept in the verbatim remarks, not a date
            if date:
                facts.birth_dates.append(date)
        elif item.startswith(("nationality ", "citizen ")):
            countries.add(item.split(" ", 1)[1], "nationality")
        elif item.startswith("Website "):
            facts.websites.append(item.removeprefix("Website ").strip())
        elif m := _LISTING.match(item):
            try:
                date = u.iso_date(m.group("date"))
            except u.DateError:
                continue
            if date:
                facts.listing.append((m.group("tag"), date))
        else:
            for prefix, scheme in _IDENTIFIERS:
                if item.startswith(prefix + " "):
                    value = _COUNTRY_SUFFIX.sub("", item.removeprefix(prefix).strip())
                    facts.identifiers.append(f"{scheme}:{value}")
                    break
    return facts


def _alias(draft: _Draft, row: list[str]) -> str | None:
    _ent, _num, _alt_type, alt_name, alt_remarks = row
    if not u.clean(alt_name):
        return "empty alias name"
    draft.names.add(alt_name)
    if alt_remarks:
        draft.remarks.append(f"alias {u.clean(alt_name)}: {u.clean(alt_remarks)}")
    return None


def _address(draft: _Draft, row: list[str]) -> str | None:
    _ent, _num, street, city, country, add_remarks = row
    text = ", ".join(u.clean(p) for p in (street, city, country) if p.strip())
    if text:
        draft.addresses.append(text)
    draft.countries.add(country)
    if add_remarks:
        draft.remarks.append(f"address note: {u.clean(add_remarks)}")
    return None


def _continuation(draft: _Draft, row: list[str]) -> str | None:
    if not row[1].strip():
        return "empty remarks continuation"
    draft.text += row[1]  # the long remark was cut mid-word: the continuation follows it directly
    return None


def _finish(draft: _Draft, index: u.TargetIndex, listing_tags: ListingTags) -> ListEntry:
    e = draft.entry
    facts = _remarks(draft.text, draft.names, draft.countries)
    tag = listing_tags.get(e.source)
    listed = [date for t, date in facts.listing if tag is not None and tag.search(t)]
    appearance = replace(e.appearances[0], listed_from=min(listed) if listed else None)
    note = "OFAC remarks: Linked To"
    relations = tuple(index.relation("related", t, e.record_id, note) for t in facts.linked)
    text = [u.clean(draft.text)] if draft.text.strip() else []
    return replace(e, appearances=(appearance,), names=draft.names.result(),
                   countries=tuple(draft.countries.codes), addresses=tuple(draft.addresses),
                   identifiers=(*facts.identifiers, *e.identifiers), websites=tuple(facts.websites),
                   birth_dates=tuple(facts.birth_dates), relations=relations,
                   remarks=(*draft.remarks, *text, *draft.countries.remarks))
