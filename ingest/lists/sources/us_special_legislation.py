"""US statutory designations transcribed by OpenSanctions: NDAA s. 889, s. 154, s. 5949, INKSNA and s. 353.

Five CSV files with one schema, one list each (the file name says which). ``fr_notices.csv`` in the same
folder is the crawler's index of Federal Register notices, not a list, and is not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult
from ingest.lists.sources import _us_util as u
from rskg.errors import SourceError

DATASET = "us_special_legislation"
_LICENCE = "CC BY-NC 4.0 (OpenSanctions transcription); the statutes and notices are US government works"
_CONGRESS = "United States Congress"


@dataclass(frozen=True)
class _File:
    meta: ListMeta
    by_report_date: bool  # editions keyed by the report-date column; else the list's single edition


def _single(key: str, date: str, basis: str) -> tuple[EditionMeta, ...]:
    return (EditionMeta(key, f"as enacted ({date})", date, basis),)


_FILES: dict[str, _File] = {
    "section_889.csv": _File(
        ListMeta(
            "us_ndaa_889",
            "FY2019 NDAA s. 889: covered telecommunications and video surveillance companies",
            _CONGRESS,
            "US",
            # policy_exclusion: s. 889 bars federal agencies from procuring the named companies' equipment
            # and from contracting with entities that use it: a government procurement ban, not a trade
            # prohibition.
            "policy_exclusion",
            "https://www.congress.gov/115/plaws/publ232/PLAW-115publ232.pdf",
            _LICENCE,
            _single(
                "2018-08-13",
                "2018-08-13",
                "enactment date of P.L. 115-232 (FY2019 NDAA); the file gives no date",
            ),
        ),
        by_report_date=False,
    ),
    "section_154.csv": _File(
        ListMeta(
            "us_ndaa_154",
            "FY2024 NDAA s. 154: battery suppliers barred from DoD procurement",
            _CONGRESS,
            "US",
            # policy_exclusion: DoD may not procure batteries produced by the named companies (from
            # 2027-10-01).
            "policy_exclusion",
            "https://www.congress.gov/118/plaws/publ31/PLAW-118publ31.pdf",
            _LICENCE,
            _single(
                "2023-12-22", "2023-12-22", "enactment date of P.L. 118-31, given as report-date in the file"
            ),
        ),
        by_report_date=False,
    ),
    "section_5949.csv": _File(
        ListMeta(
            "us_ndaa_5949",
            "FY2023 NDAA s. 5949: semiconductor suppliers barred from federal procurement",
            _CONGRESS,
            "US",
            # policy_exclusion: executive agencies may not procure products containing the named companies'
            # chips.
            "policy_exclusion",
            "https://www.congress.gov/117/bills/hr7776/BILLS-117hr7776enr.pdf",
            _LICENCE,
            _single(
                "2022-12-23",
                "2022-12-23",
                "enactment date of P.L. 117-263 (FY2023 NDAA); the file gives no date",
            ),
        ),
        by_report_date=False,
    ),
    "inksna.csv": _File(
        ListMeta(
            "us_state_inksna",
            "Iran, North Korea, and Syria Nonproliferation Act (INKSNA) sanctions",
            "US Department of State, Bureau of International Security and Nonproliferation",
            "US",
            # binding_restriction: INKSNA measures ban US government procurement and assistance and suspend
            # export licences for controlled items for two years: legally binding sanctions.
            "binding_restriction",
            "https://www.state.gov/key-topics-bureau-of-international-security-and-nonproliferation/"
            "nonproliferation-sanctions/",
            _LICENCE,
            tuple(
                EditionMeta(
                    d,
                    f"INKSNA notice published {d}",
                    d,
                    "Federal Register publication date of the notice (report-date column)",
                )
                for d in ("2026-01-27", "2026-08-04")
            ),
        ),
        by_report_date=True,
    ),
    "section_353.csv": _File(
        ListMeta(
            "us_state_353",
            "Section 353 corrupt and undemocratic actors report (Central America)",
            "US Department of State",
            "US",
            # binding_restriction: persons named under s. 353(b) are ineligible for US visas and admission.
            # Not a research-security list; kept because it is part of the same statutory file set.
            "binding_restriction",
            "https://www.state.gov/reports/section-353-corrupt-and-undemocratic-actors-report/",
            _LICENCE,
            tuple(
                EditionMeta(
                    y, f"Section 353 report {y}", y, "report year (report-date column); no day or month given"
                )
                for y in ("2021", "2022", "2023")
            ),
        ),
        by_report_date=True,
    ),
}
LISTS: tuple[ListMeta, ...] = tuple(f.meta for f in _FILES.values())
DEFAULT_FILES: tuple[str, ...] = tuple(f"{DATASET}/{name}" for name in _FILES)
_COLUMNS = (
    "schema",
    "name",
    "aliases",
    "program",
    "reason",
    "report-date",
    "start-date",
    "end-date",
    "country",
    "notes",
    "source_url",
)


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        spec = _FILES.get(path.name)
        if spec is None:
            raise SourceError(f"{path.name}: not one of the special-legislation lists ({', '.join(_FILES)})")
        rows, bad = u.read_rows(path, _COLUMNS)
        result.malformed += u.quarantine(spec.meta.key, bad)
        entries = []
        for row in rows:
            entry = _entry(row, path.name, spec)
            if isinstance(entry, Malformed):
                result.malformed.append(entry)
            else:
                entries.append(entry)
        result.entries += u.merge(entries)
    return result


def _entry(row: u.Row, file: str, spec: _File) -> ListEntry | Malformed:
    v = row.values
    key = spec.meta.key
    locator = f"{file} line {row.line}"
    name = u.clean(v["name"])
    if not name:
        return Malformed(key, locator, "empty name", row.raw)
    editions = [e.key for e in spec.meta.editions]
    edition = v["report-date"].strip() if spec.by_report_date else editions[0]
    if edition not in editions:
        return Malformed(key, locator, f"report-date {v['report-date']!r} is not a known edition", row.raw)
    try:
        start, end = u.iso_date(v["start-date"]), u.iso_date(v["end-date"])
    except u.DateError as exc:
        return Malformed(key, locator, f"date: {exc}", row.raw)
    schema = v["schema"].strip()
    if schema not in ("Person", "Company", "Organization", "LegalEntity"):
        return Malformed(key, locator, f"unknown schema {schema!r}", row.raw)
    codes, remarks = u.countries([v["country"]])
    notes = [u.clean(x) for x in (v["reason"], v["notes"]) if x.strip()]
    url = v["source_url"].strip()
    return ListEntry(
        source=key,
        record_id=u.slug(name),
        kind="person" if schema == "Person" else "organisation",
        name=name,
        appearances=(
            Appearance(
                edition,
                name,
                start,
                end,
                (u.clean(v["program"]),) if v["program"].strip() else (),
                (url,) if url else (),
            ),
        ),
        names=u.make_names(name, [(a, None) for a in u.split_list(v["aliases"])]),
        countries=codes,
        remarks=remarks + tuple(notes),
    )
