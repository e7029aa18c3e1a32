"""UN Security Council Consolidated Sanctions List (XML from scsanctions.un.org, ``consolidated.xml``).

``INDIVIDUALS/INDIVIDUAL`` -> persons, ``ENTITIES/ENTITY`` -> organisations. The entity name is in FIRST_NAME;
a person's name is FIRST_NAME … FOURTH_NAME. Record id = REFERENCE_NUMBER ("KPe.001"). LISTED_ON is an
``xs:date`` that may carry a zone ("2015-04-07-04:00"): the date is kept, the zone dropped. Aliases of quality
"Good" or "a.k.a." and "f.k.a." become names; "Low"-quality aliases (the UN's own warning that they are too
vague to identify anyone) stay in remarks, so they never drive a name match. A reference to another entry in
the comments ("… (CDi.015) …") becomes a ``related`` relation to it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult, Relation
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "un_sc_consolidated_list"
KEY = "un_sc_consolidated"
EDITION = "2026-02-27"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="United Nations Security Council Consolidated Sanctions List",
        authority="United Nations Security Council",
        jurisdiction="UN",
        # binding_restriction: measures adopted under Chapter VII of the UN Charter (asset freeze, travel ban,
        # arms embargo) bind all UN member states (Art. 25 and 48 of the Charter).
        legal_effect="binding_restriction",
        url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        licence="United Nations material: free to reproduce with attribution",
        editions=(
            EditionMeta(EDITION, "UN SC Consolidated List generated 2026-02-27", EDITION,
                        "dateGenerated attribute of the XML root (2026-02-27T00:00:09.554Z)"),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = (f"{DATASET}/UN_consolidated_2026-02-27.xml",)
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_REFERENCE = re.compile(r"\b[A-Z]{2}[ei]\.\d{3}\b")
_GOOD = {"", "Good", "a.k.a.", "f.k.a."}


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        root = _parse(path)
        taken: set[str] = set()
        for tag, kind in (("INDIVIDUALS/INDIVIDUAL", "person"), ("ENTITIES/ENTITY", "organisation")):
            for n, node in enumerate(root.iterfind(tag), start=1):
                made = _entry(node, kind, f"{path.name} {tag.split('/')[1].lower()} {n}")
                if isinstance(made, ListEntry) and made.record_id in taken:
                    made = Malformed(KEY, f"{path.name} {made.record_id}", "duplicate REFERENCE_NUMBER",
                                     _raw(node))
                if isinstance(made, Malformed):
                    result.malformed.append(made)
                else:
                    taken.add(made.record_id)
                    result.entries.append(made)
    result.entries = [_dangling(e, taken) for e in result.entries]
    return result


def _dangling(entry: ListEntry, refs: set[str]) -> ListEntry:
    """A comment may cite an entry no longer on the list: that target keeps its reference as a name."""
    if all(r.target_id in refs for r in entry.relations):
        return entry
    relations = tuple(
        r if r.target_id in refs
        else Relation(r.kind, target_name=r.target_id, note=f"{r.note}; not on this list")
        for r in entry.relations
    )
    return replace(entry, relations=relations)


def _parse(path: Path) -> ET.Element:
    """The XML root; SourceError naming the file when it is not well-formed or not a UN consolidated list."""
    try:
        # S314: the file is the UN's published list; ElementTree resolves no external entities and Python's
        # expat (>= 2.4.1) limits entity expansion, so parsing it is not an XXE or billion-laughs risk.
        root = ET.parse(path).getroot()  # noqa: S314
    except ET.ParseError as exc:
        raise SourceError(f"{path.name}: not well-formed XML (cut short?): {exc}", path=str(path)) from exc
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot open ({exc.strerror})", path=str(path)) from exc
    if root.tag != "CONSOLIDATED_LIST":
        message = f"{path.name}: root element is <{root.tag}>, not <CONSOLIDATED_LIST>"
        raise SourceError(message, path=str(path))
    return root


def _raw(node: ET.Element) -> str:
    return ET.tostring(node, encoding="unicode")[:2000]


def _text(node: ET.Element, path: str) -> str:
    return u.clean(node.findtext(path))


def _entry(node: ET.Element, kind: str, where: str) -> ListEntry | Malformed:
    ref = _text(node, "REFERENCE_NUMBER")
    name = " ".join(p for p in (_text(node, t) for t in _NAME_PARTS) if p)
    locator = f"{where} ({ref})" if ref else where
    if not ref:
        return Malformed(KEY, locator, "no REFERENCE_NUMBER", _raw(node))
    if not name:
        return Malformed(KEY, locator, "empty name", _raw(node))
    try:
        listed = u.iso_date(_text(node, "LISTED_ON"))
    except u.DateError as exc:
        return Malformed(KEY, locator, f"LISTED_ON: {exc}", _raw(node))
    prefix = "INDIVIDUAL" if kind == "person" else "ENTITY"
    names, countries = u.NameBag(name), u.Countries()
    remarks: list[str] = []
    names.add(_text(node, "NAME_ORIGINAL_SCRIPT"), "alternative")
    names.add(u.trailing_acronym(name), "acronym")
    for alias in node.iterfind(f"{prefix}_ALIAS"):
        value, quality = _text(alias, "ALIAS_NAME").strip('"'), _text(alias, "QUALITY")
        if value and quality in _GOOD:
            names.add(value)
        elif value:
            remarks.append(f"{quality.lower()}-quality alias: {value}")
    addresses: list[str] = []
    cities: list[str] = []
    for address in node.iterfind(f"{prefix}_ADDRESS"):
        parts = [_text(address, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
        if parts[1] and parts[1] not in cities:
            cities.append(parts[1])
        countries.add(parts[4])
    for nationality in node.iterfind("NATIONALITY/VALUE"):
        countries.add(nationality.text, "nationality")
    comments = _text(node, "COMMENTS1")
    remarks += [x for x in (comments, *_designations(node)) if x]
    births, birth_notes = _births(node)
    own = {ref}
    relations = tuple(
        Relation("related", target_id=r, note="referred to in the UN list's comments on this entry")
        for r in dict.fromkeys(_REFERENCE.findall(comments)) if r not in own
    )
    return ListEntry(
        source=KEY,
        record_id=ref,
        kind=kind,  # type: ignore[arg-type]
        name=name,
        appearances=(
            Appearance(EDITION, name, listed_from=listed,
                       programmes=tuple(x for x in (_text(node, "UN_LIST_TYPE"),) if x)),
        ),
        names=names.result(),
        countries=tuple(countries.codes),
        addresses=tuple(addresses),
        cities=tuple(cities),
        identifiers=(f"un_ref:{ref}", *_documents(node)),
        birth_dates=births,
        remarks=(*remarks, *birth_notes, *countries.remarks),
        relations=relations,
    )


def _designations(node: ET.Element) -> list[str]:
    return [f"designation: {u.clean(v.text)}" for v in node.iterfind("DESIGNATION/VALUE") if u.clean(v.text)]


def _births(node: ET.Element) -> tuple[tuple[str, ...], list[str]]:
    """Dates of birth as given (exact date or year); ranges and notes go to remarks, never a guessed date."""
    dates: list[str] = []
    notes: list[str] = []
    for dob in node.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = _text(dob, "TYPE_OF_DATE").lower()
        value = _text(dob, "DATE") or _text(dob, "YEAR")
        note = _text(dob, "NOTE")
        if value and kind != "approximately":
            try:
                date = u.iso_date(value)
            except u.DateError:
                date = None
            if date:
                dates.append(date)
        if kind == "approximately" and value:
            notes.append(f"date of birth approximately {value}")
        if _text(dob, "FROM_YEAR"):
            notes.append(f"date of birth between {_text(dob, 'FROM_YEAR')} and {_text(dob, 'TO_YEAR')}")
        if note:
            notes.append(f"date of birth note: {note}")
    return tuple(dict.fromkeys(dates)), notes


def _documents(node: ET.Element) -> list[str]:
    out: list[str] = []
    for doc in node.iterfind("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if number:
            scheme = u.slug(_text(doc, "TYPE_OF_DOCUMENT") or "document").replace("-", "_")
            out.append(f"{scheme}:{number}")
    return out
