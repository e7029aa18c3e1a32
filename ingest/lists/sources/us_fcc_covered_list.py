"""US FCC Covered List (Secure and Trusted Communications Networks Act), as crawled by OpenSanctions.

Each row describes covered equipment or services in free text; the company is extracted from "produced by X",
"provided by X" or "supplied … by X". Rows that name no company (foreign-produced drones, routers, inverters,
robotic devices) are equipment categories: kind "other" with entity kind "equipment_category".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import (
    Appearance,
    EditionMeta,
    EntryKind,
    ListEntry,
    ListMeta,
    Malformed,
    ReadResult,
    Relation,
)
from ingest.lists.sources import _us_util as u

DATASET = "us_fcc_covered_list"
KEY = "us_fcc_covered_list"
EDITION = "2026-08-20"

LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="FCC Covered List (equipment and services posing an unacceptable risk to US national security)",
        authority="US Federal Communications Commission",
        jurisdiction="US",
        # binding_restriction: covered equipment cannot receive FCC equipment authorisation and Universal
        # Service funds may not be used to buy it (47 CFR 1.50002, 2.903, 54.10); binding on operators and
        # vendors.
        legal_effect="binding_restriction",
        url="https://www.fcc.gov/supplychain/coveredlist",
        licence="US government work (public domain; verbatim FCC table), copied via OpenSanctions "
        "(CC BY-NC 4.0)",
        editions=(
            EditionMeta(
                EDITION,
                "FCC Covered List as crawled on 2026-08-20",
                EDITION,
                "file data date: OpenSanctions' crawler snapshot of the FCC table, last changed 2026-08-20 "
                "(commit a930a9d, SOURCE.md); the FCC page carries no edition date",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = ("us_fcc_covered_list/table.csv",)
_COLUMNS = ("covered_equipment_or_services", "date_of_inclusion_on_covered_list")
_BY = re.compile(
    r"\b(?:produced|provided|supplied)(?:, directly or indirectly,)? by (?P<who>.+?)"
    r"(?=,? (?:including|subject to|to the extent|or any of)\b|, subject|\.$|$)"
)
_SUBSIDIARY = re.compile(r"^(?P<owner>.+?) and its wholly-owned subsidiary (?P<sub>.+)$")
_FOOTNOTE = re.compile(r"\s*(?:[\u2020^\u00a3\u00b3#]+|Visit - )\s*")
_CATEGORY_END = re.compile(r"\s*(?:\u2014|, except|,? \(a\)| except\b)")
_UPDATED = re.compile(r"Updated:\s*")


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        rows, bad = u.read_rows(path, _COLUMNS)
        result.malformed += u.quarantine(KEY, bad)
        for row in rows:
            entry = _entry(row, path.name)
            if isinstance(entry, Malformed):
                result.malformed.append(entry)
            else:
                result.entries.append(entry)
    result.entries = u.merge(result.entries)
    return result


def _entry(row: u.Row, file: str) -> ListEntry | Malformed:
    text = u.clean(row.values["covered_equipment_or_services"])
    locator = f"{file} line {row.line}"
    if not text:
        return Malformed(KEY, locator, "empty description", row.raw)
    dates = _UPDATED.split(u.clean(row.values["date_of_inclusion_on_covered_list"]))
    try:
        included = u.iso_date(dates[0])
        updates = [u.iso_date(d) for d in dates[1:]]
    except u.DateError as exc:
        return Malformed(KEY, locator, f"date of inclusion: {exc}", row.raw)
    remarks = [text] + [f"updated {d}" for d in updates if d]
    by = _BY.search(text)
    relations: tuple[Relation, ...] = ()
    if by:
        name = by.group("who").strip(" ,")
        sub = _SUBSIDIARY.match(name)
        if sub:
            name = sub.group("owner")
            relations = (
                Relation(
                    "owner_of",
                    target_name=sub.group("sub"),
                    share=100.0,
                    note="wholly-owned subsidiary named in the Covered List entry",
                ),
            )
        kind: EntryKind = "organisation"
        entity_kinds: tuple[str, ...] = ()
    else:
        name = _CATEGORY_END.split(u.clean(_FOOTNOTE.sub(" ", text)), maxsplit=1)[0].strip(" .,")
        kind, entity_kinds = "other", ("equipment_category",)
    return ListEntry(
        source=KEY,
        record_id=u.slug(name),
        kind=kind,
        name=name,
        appearances=(Appearance(EDITION, name, listed_from=included),),
        remarks=tuple(remarks),
        entity_kinds=entity_kinds,
        relations=relations,
    )
