"""Reader for the trade.gov Consolidated Screening List CSV (current format with ``_id`` and the legacy 2019
format without it), here over the two real samples in ``us_csl_samples``.

Each row belongs to the component list named in parentheses in ``source`` ("Entity List (EL) - Bureau of
Industry and Security" -> EL); each component is its own list (key ``us_csl_<code>``). The edition is the
file's data date, known per sample (SOURCE.md). Record ids: the OFAC entity number for Treasury rows, else a
slug of the name; rows sharing a record id within one list are one entry.
"""

from __future__ import annotations

import re
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
    NameType,
    ReadResult,
    end_use,
)
from ingest.lists.sources import _us_util as u
from rskg.errors import SourceError

DATASET = "us_csl_samples"
_CURRENT, _LEGACY = "csl-2025-06-25", "csl-2019-12-03"
_EDITIONS = (
    EditionMeta(
        _LEGACY,
        "Consolidated Screening List sample, legacy format (2019)",
        "2019-12-03",
        "file data date: the legacy-format sample was committed to moov-io/watchman on 2019-12-03 "
        "(SOURCE.md); trade.gov publishes the CSL daily without edition dates",
        superseded="2025-06-25",
    ),
    EditionMeta(
        _CURRENT,
        "Consolidated Screening List sample, current format (2025)",
        "2025-06-25",
        "file data date: the current-format sample was committed to moov-io/watchman on 2025-06-25 "
        "(SOURCE.md); trade.gov publishes the CSL daily without edition dates",
    ),
)
_BIS, _STATE = "US Department of Commerce, Bureau of Industry and Security", "US Department of State"
_OFAC = "US Department of the Treasury, Office of Foreign Assets Control"
# code: (title, authority). Every component list is binding_restriction: each carries legal consequences for
# US persons or exporters (EAR licence requirements or denial for EL/MEU/UVL/DPL, ITAR debarment for DTC,
# State nonproliferation sanctions for ISN, OFAC blocking, directive, correspondent-account or securities
# prohibitions for SDN/SSI/FSE/PLC/CAP/MBS/CMIC).
_COMPONENTS: dict[str, tuple[str, str]] = {
    "EL": ("Entity List", _BIS),
    "MEU": ("Military End User List", _BIS),
    "UVL": ("Unverified List", _BIS),
    "DPL": ("Denied Persons List", _BIS),
    "ISN": ("Nonproliferation Sanctions", _STATE),
    "DTC": ("ITAR Debarred", _STATE),
    "SDN": ("Specially Designated Nationals", _OFAC),
    "SSI": ("Sectoral Sanctions Identifications List", _OFAC),
    "FSE": ("Foreign Sanctions Evaders", _OFAC),
    "PLC": ("Palestinian Legislative Council List", _OFAC),
    "CAP": ("Correspondent Account or Payable-Through Account Sanctions (CAPTA) List", _OFAC),
    "MBS": ("Non-SDN Menu-Based Sanctions List", _OFAC),
    "CMIC": ("Non-SDN Chinese Military-Industrial Complex Companies List", _OFAC),
}
LISTS: tuple[ListMeta, ...] = tuple(
    ListMeta(
        f"us_csl_{code.lower()}",
        f"{title} ({code}), via the Consolidated Screening List",
        authority,
        "US",
        "binding_restriction",
        "https://www.trade.gov/consolidated-screening-list",
        "US government work (public domain); samples from moov-io/watchman test data (Apache-2.0)",
        _EDITIONS,
    )
    for code, (title, authority) in _COMPONENTS.items()
)
DEFAULT_FILES: tuple[str, ...] = (
    "us_csl_samples/csl_legacy_format_2019_sample.csv",
    "us_csl_samples/consolidated_current_format_sample.csv",
)
_FILE_EDITIONS = {
    "csl_legacy_format_2019_sample.csv": _LEGACY,
    "consolidated_current_format_sample.csv": _CURRENT,
}
_COLUMNS = (
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "remarks",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "ids",
)
_CODE = re.compile(r"\(([A-Z]{2,5})\)")
_MILITARY = {
    "MEU": AreaHint(end_use("military"), 0.9, "on the BIS Military End User List (Supp. 7 to Part 744 EAR)"),
    "CMIC": AreaHint(
        end_use("military"), 0.8, "on OFAC's Chinese Military-Industrial Complex Companies list"
    ),
}
_KINDS: dict[str, tuple[EntryKind, tuple[str, ...]]] = {
    "individual": ("person", ()),
    "entity": ("organisation", ()),
    "vessel": ("other", ("vessel",)),
    "aircraft": ("other", ("aircraft",)),
}


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    entries: list[ListEntry] = []
    for path in paths:
        edition = _FILE_EDITIONS.get(path.name)
        if edition is None:
            raise SourceError(f"{path.name}: unknown CSL file; its data date must be declared as an edition")
        rows, bad = u.read_rows(path, _COLUMNS)
        result.malformed += u.quarantine("us_csl", bad)
        for row in rows:
            entry = _entry(row, path.name, edition)
            (result.malformed if isinstance(entry, Malformed) else entries).append(entry)  # type: ignore[arg-type]
    result.entries = u.merge(entries)
    return result


def _entry(row: u.Row, file: str, edition: str) -> ListEntry | Malformed:
    v = row.values
    locator = f"{file} line {row.line}"
    code = _CODE.search(v["source"])
    if code is None or code.group(1) not in _COMPONENTS:
        return Malformed("us_csl", locator, f"unknown component list in source {v['source']!r}", row.raw)
    key = f"us_csl_{code.group(1).lower()}"
    listed = u.clean(v["name"])
    if not listed:
        return Malformed(key, locator, "empty name", row.raw)
    name, acronym = u.split_trailing_acronym(listed)
    try:
        start, end = u.iso_date(v["start_date"]), u.iso_date(v["end_date"])
    except u.DateError as exc:
        return Malformed(key, locator, f"date: {exc}", row.raw)
    typ = v["type"].strip().lower()
    kind, entity_kinds = _KINDS.get(typ) or (u.kind_from_name(listed), ())
    addresses = u.split_list(v["addresses"])
    country_values = [a.rsplit(",", 1)[-1] for a in addresses if len(a.rsplit(",", 1)[-1].strip()) == 2]
    codes, remarks = u.countries(
        country_values + u.split_list(v["citizenships"]) + u.split_list(v["nationalities"])
    )
    identifiers, websites = _ids(v["ids"])
    births, birth_remarks = _births(v["dates_of_birth"])
    notes = [
        u.clean(v[c])
        for c in ("title", "remarks", "license_requirement", "license_policy")
        if v.get(c, "").strip()
    ]
    entity_number = v["entity_number"].strip()
    return ListEntry(
        source=key,
        record_id=entity_number or u.slug(name),
        kind=kind,
        name=name,
        appearances=(
            Appearance(
                edition,
                listed,
                start,
                end,
                tuple(u.split_list(v["programs"])),
                (u.clean(v["federal_register_notice"]),) if v["federal_register_notice"].strip() else (),
            ),
        ),
        names=u.make_names(name, _name_values(acronym, v["alt_names"])),
        countries=codes,
        addresses=tuple(addresses),
        identifiers=identifiers + ((f"csl-id:{v['_id'].strip()}",) if v.get("_id", "").strip() else ()),
        websites=websites,
        birth_dates=births,
        remarks=remarks + birth_remarks + tuple(notes),
        entity_kinds=entity_kinds,
        areas=(_MILITARY[code.group(1)],) if code.group(1) in _MILITARY else (),
    )


def _name_values(acronym: str | None, alt_names: str) -> list[tuple[str, NameType | None]]:
    values: list[tuple[str, NameType | None]] = [(acronym, "acronym")] if acronym else []
    return values + [(a, None) for a in u.split_list(alt_names)]


def _ids(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ "Type, Number[, …]" (current) or "CC, Number, Type" (legacy) -> "type:number"; websites apart."""
    ids: list[str] = []
    sites: list[str] = []
    for item in u.split_list(text):
        parts = [p.strip() for p in item.split(",")]
        if len(parts) < 2:
            ids.append(f"csl:{item}")
            continue
        if len(parts[0]) == 2 and parts[0].isupper() and len(parts) >= 3:
            scheme, value = parts[2], parts[1]
        else:
            scheme, value = parts[0], parts[1]
        if scheme.lower() == "website":
            sites.append(value)
        elif value and value != "-":
            ids.append(f"{scheme}:{value}")
    return tuple(ids), tuple(sites)


def _births(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    dates: list[str] = []
    remarks: list[str] = []
    for value in u.split_list(text):
        try:
            iso = u.iso_date(value)
        except u.DateError:
            remarks.append(f"date of birth as given: {value}")
            continue
        if iso:
            dates.append(iso)
    return tuple(dates), tuple(remarks)
