"""US BIS Denied Persons List (tab-separated dpl.txt, about September 2022).

The file has one row per name and address: rows with the same name (same slug) are one entry with several
addresses, and one appearance per denial order (effective/expiry dates, FR citations). The DPL gives no entity
type; a name with a company word (LTD, LLC, AIRLINES, …) is an organisation, any other a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult
from ingest.lists.sources import _us_util as u

DATASET = "us_bis_denied_persons"
KEY = "us_bis_dpl"
EDITION = "2022-09"

LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="BIS Denied Persons List",
        authority="US Department of Commerce, Bureau of Industry and Security",
        jurisdiction="US",
        # binding_restriction: a denial order withdraws the party's export privileges; no one may take part
        # in an export subject to the EAR with it (15 CFR 764.3, Supp. 1 to Part 764).
        legal_effect="binding_restriction",
        url="https://www.bis.gov/",
        licence="US government work (public domain); copy from moov-io/watchman test fixtures (Apache-2.0)",
        editions=(
            EditionMeta(
                EDITION,
                "Denied Persons List, about September 2022",
                EDITION,
                "file data date: committed to moov-io/watchman on 2022-09-07 (SOURCE.md: 'about Sept 2022'); "
                "month only, the file carries no publication date",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = ("us_bis_denied_persons/dpl_2022-09.txt",)
_COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
_CITATION = re.compile(r"\d+\s+F\.\s?R\.\s+\d+\s+\d{1,2}/\d{1,2}/\d{2,4}")


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    entries = []
    for path in paths:
        rows, bad = u.read_rows(path, _COLUMNS, delimiter="\t")
        result.malformed += u.quarantine(KEY, bad)
        for row in rows:
            entry = _entry(row, path.name)
            if isinstance(entry, Malformed):
                result.malformed.append(entry)
            else:
                entries.append(entry)
    result.entries = u.merge(entries)
    return result


def _entry(row: u.Row, file: str) -> ListEntry | Malformed:
    v = row.values
    locator = f"{file} line {row.line}"
    name = u.clean(v["Name"])
    if not name:
        return Malformed(KEY, locator, "empty name", row.raw)
    try:
        start, end = u.iso_date(v["Effective_Date"]), u.iso_date(v["Expiration_Date"])
    except u.DateError as exc:
        return Malformed(KEY, locator, f"date: {exc}", row.raw)
    parts = [u.clean(v[c]) for c in ("Street_Address", "City", "State", "Postal_Code", "Country")]
    address = ", ".join(p for p in parts if p)
    codes, remarks = u.countries([v["Country"]])
    citation_text = u.clean(v["FR_Citation"])
    citations = tuple(_CITATION.findall(citation_text)) or ((citation_text,) if citation_text else ())
    action = u.clean(v["Action"])
    standard = v["Standard_Order"].strip().upper()
    return ListEntry(
        source=KEY,
        record_id=u.slug(name),
        kind=u.kind_from_name(name),
        name=name,
        appearances=(Appearance(EDITION, name, start, end, citations=citations),),
        countries=codes,
        addresses=(address,) if address else (),
        cities=(u.clean(v["City"]),) if v["City"].strip() else (),
        remarks=remarks
        + ((f"action: {action}",) if action else ())
        + ((f"standard order: {standard}",) if standard else ()),
    )
