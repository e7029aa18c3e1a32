"""US BIS military-intelligence end users (15 CFR 744.22), as transcribed by OpenSanctions (13 agencies)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import (
    Appearance,
    AreaHint,
    EditionMeta,
    EntryKind,
    ListEntry,
    ListMeta,
    Malformed,
    ReadResult,
    end_use,
)
from ingest.lists.sources import _us_util as u

DATASET = "us_bis_mieu"
KEY = "us_bis_mieu"
EDITION = "2026-07-27"

LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="BIS military-intelligence end users (15 CFR 744.22(f)(2))",
        authority="US Department of Commerce, Bureau of Industry and Security",
        jurisdiction="US",
        # binding_restriction: a licence is required for any item subject to the EAR when the exporter
        # knows it is for a listed military-intelligence end user (15 CFR 744.22; 86 FR 4865), binding on
        # all exporters.
        legal_effect="binding_restriction",
        url="https://www.federalregister.gov/documents/2021/01/15/2021-00977/expansion-of-certain-end-use-and-"
        "end-user-controls-and-controls-on-specific-activities-of-us-persons",
        licence="CC BY-NC 4.0 (OpenSanctions transcription); the regulation is a US government work",
        editions=(
            EditionMeta(
                EDITION,
                "MIEU list as transcribed by OpenSanctions, 2026-07-27",
                EDITION,
                "file data date: the transcription was last changed on 2026-07-27 (commit 980f854, "
                "SOURCE.md); the list has no edition of its own, each entry carries its listing date",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = ("us_bis_mieu/mieu.csv",)
_COLUMNS = ("Type", "Name", "Alias", "Country", "Program", "Date", "End date", "Source URL")
_INTELLIGENCE = AreaHint(
    end_use("intelligence"), 0.95, "named a military-intelligence end user in 15 CFR 744.22(f)(2)"
)
_MILITARY = AreaHint(
    end_use("military"), 0.9, "named a military-intelligence end user in 15 CFR 744.22(f)(2)"
)


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        rows, bad = u.read_rows(path, _COLUMNS)
        result.malformed += u.quarantine(KEY, bad)
        for row in rows:
            entry = _entry(row, path.name)
            (result.malformed if isinstance(entry, Malformed) else result.entries).append(entry)  # type: ignore[arg-type]
    return result


def _entry(row: u.Row, file: str) -> ListEntry | Malformed:
    v = row.values
    locator = f"{file} line {row.line}"
    name = u.clean(v["Name"])
    if not name:
        return Malformed(KEY, locator, "empty name", row.raw)
    try:
        start, end = u.iso_date(v["Date"]), u.iso_date(v["End date"])
    except u.DateError as exc:
        return Malformed(KEY, locator, f"date: {exc}", row.raw)
    codes, remarks = u.countries([v["Country"]])
    url = v["Source URL"].strip()
    kind: EntryKind = "person" if v["Type"].strip().lower() == "person" else "organisation"
    return ListEntry(
        source=KEY,
        record_id=u.slug(f"{name} {v['Country']}"),
        kind=kind,
        name=name,
        appearances=(
            Appearance(
                EDITION,
                name,
                start,
                end,
                (v["Program"].strip(),) if v["Program"].strip() else (),
                (url,) if url else (),
            ),
        ),
        names=u.make_names(name, [(a, None) for a in u.split_list(v["Alias"])]),
        countries=codes,
        remarks=remarks,
        org_kinds=("military",) if kind == "organisation" else (),
        areas=(_INTELLIGENCE, _MILITARY),
    )
