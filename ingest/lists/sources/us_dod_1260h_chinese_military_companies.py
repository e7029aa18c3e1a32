"""US DoD Section 1260H list of "Chinese military companies", as maintained by OpenSanctions.

The CSV holds the entities of the early releases (2021-06-03, 2022-10-05, 2024-01-31; no source URL, start
date = date added, end date = removal) followed by the full 2025-01-07 and 2026-06-08 releases (start date =
the release date). One row is one appearance; rows with the same clean name are one entry (record id = slug
of the normalised clean name). ``Parent Name`` becomes an ``owned_by`` relation, pointing at the parent's
entry when the parent is itself listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ingest.lists.model import (
    Appearance,
    AreaHint,
    EditionMeta,
    ListEntry,
    ListMeta,
    Malformed,
    NameType,
    ReadResult,
    Relation,
    end_use,
)
from ingest.lists.sources import _us_util as u

DATASET = "us_dod_1260h_chinese_military_companies"
KEY = "us_dod_1260h"

_RELEASES = (
    ("2021-06-03", "start date of the entities listed in the first release (the copy gives no URL for it)"),
    ("2022-10-05", "start date of the entities added in the October 2022 release"),
    ("2024-01-31", "start date of the entities added in the January 2024 release"),
    (
        "2025-01-07",
        "release date in the DoD PDF URL (media.defense.gov/2025/Jan/07/…), equal to the rows' start date",
    ),
    (
        "2026-06-08",
        "release date in the DoD PDF URL (media.defense.gov/2026/Jun/08/…), equal to the rows' start date",
    ),
)
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="DoD Section 1260H list of Chinese military companies operating in the United States",
        authority="US Department of Defense (Department of War)",
        jurisdiction="US",
        # policy_exclusion: a 1260H designation restricts no trade by itself; it bars DoD from contracting
        # with and procuring from the listed companies (FY2024 NDAA s. 805) and steers federal funding
        # decisions, i.e. a government procurement/funding restriction, not a legal prohibition on third
        # parties.
        legal_effect="policy_exclusion",
        url="https://www.war.gov/News/Releases/Release/Article/4511232/dow-releases-list-of-chinese-military-"
        "companies-in-accordance-with-section-1260/",
        licence="CC BY-NC 4.0 (OpenSanctions curated data); the DoD notices are US government works",
        editions=tuple(
            EditionMeta(
                date,
                f"Section 1260H list, release of {date}",
                date,
                basis,
                superseded=_RELEASES[i + 1][0] if i + 1 < len(_RELEASES) else None,
            )
            for i, (date, basis) in enumerate(_RELEASES)
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = ("us_dod_1260h_chinese_military_companies/section_1260h.csv",)
_COLUMNS = (
    "Name",
    "Clean Name",
    "Alias",
    "Previous Name",
    "Parent Name",
    "Note",
    "Start date",
    "End date",
    "Source Url",
)
_SHORT_NAME = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
_EDITIONS = {date for date, _ in _RELEASES}
_MILITARY = AreaHint(
    concept=end_use("military"),
    confidence=0.8,
    basis="identified by DoD as a 'Chinese military company' under Section 1260H of the FY2021 NDAA "
    "(Pub. L. 116-283): a military-civil fusion contributor or an entity owned or controlled by the PLA",
)


def company_key(name: str) -> str:
    """Normalised company name: folded, a trailing "(ACRONYM)" and full stops/commas dropped."""
    base, _ = _split_short_name(name)
    return " ".join(re.sub(r"[.,]", " ", u.fold(base)).split())


def _split_short_name(name: str) -> tuple[str, str | None]:
    """ "Dawning Information Industry Co., Ltd. (Sugon)" -> (name, "Sugon"): the printed short name."""
    m = _SHORT_NAME.match(u.clean(name))
    return (m.group(1), m.group(2)) if m else (u.clean(name), None)


def read(paths: Sequence[Path]) -> ReadResult:
    entries: list[ListEntry] = []
    malformed: list[Malformed] = []
    parents: dict[tuple[str, int], str] = {}
    for path in paths:
        rows, bad = u.read_rows(path, _COLUMNS)
        malformed += u.quarantine(KEY, bad)
        for row in rows:
            result = _entry(row, path.name)
            if isinstance(result, Malformed):
                malformed.append(result)
                continue
            entries.append(result)
            if row.values["Parent Name"].strip():
                parents[(result.record_id, len(entries) - 1)] = u.clean(row.values["Parent Name"])
    ids = {company_key(e.name): e.record_id for e in entries}
    ids.update({company_key(n.value): e.record_id for e in entries for n in e.names if n.type != "acronym"})
    for (record_id, index), parent in parents.items():
        target = ids.get(company_key(parent))
        relation = Relation(
            "owned_by",
            target_id=target,
            target_name=None if target else parent,
            target_country=None if target else "CN",  # a Chinese military company's parent (China Aerospace …)
            note="parent company as given in the list (Parent Name)",
        )
        if target != record_id:
            entries[index] = _with_relation(entries[index], relation)
    return ReadResult(entries=u.merge(entries), malformed=malformed)


def _with_relation(entry: ListEntry, relation: Relation) -> ListEntry:
    return replace(entry, relations=(*entry.relations, relation))


def _entry(row: u.Row, file: str) -> ListEntry | Malformed:
    v = row.values
    locator = f"{file} line {row.line}"
    name, zh = u.split_zh(u.clean(v["Clean Name"]) or u.clean(v["Name"]).rstrip("*. "))
    name, acronym = _split_short_name(name)
    if not name:
        return Malformed(KEY, locator, "empty name", row.raw)
    try:
        start = u.iso_date(v["Start date"])
        end = u.iso_date(v["End date"])
    except u.DateError as exc:
        return Malformed(KEY, locator, f"date: {exc}", row.raw)
    if start not in _EDITIONS:
        return Malformed(KEY, locator, f"start date {start!r} matches no known 1260H release", row.raw)
    aliases: list[tuple[str, NameType | None]] = [(a, None) for a in u.split_list(v["Alias"])]
    aliases += [(acronym, None)] if acronym else []
    previous: list[tuple[str, NameType | None]] = [(p, None) for p in u.split_list(v["Previous Name"])]
    url = v["Source Url"].strip()
    return ListEntry(
        source=KEY,
        record_id=u.slug(company_key(name)),
        kind="organisation",
        name=name,
        appearances=(
            Appearance(
                edition=start,
                name_as_listed=u.clean(v["Name"]),
                listed_from=start,
                listed_until=end,
                citations=(url,) if url else (),
            ),
        ),
        names=u.make_names(name, [*[(z, "alternative") for z in zh], *aliases, *previous]),
        # the list names "Chinese military companies" (its statutory scope) and gives no address: China, which
        # tells "Costar Group Co., Ltd." (an optics maker of China South Industries) from the US CoStar Group
        countries=("CN",),
        remarks=tuple(
            [f"previous name: {p}" for p, _ in previous] + ([u.clean(v["Note"])] if v["Note"].strip() else [])
        ),
        areas=(_MILITARY,),
    )
