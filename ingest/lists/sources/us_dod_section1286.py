"""US DoD Section 1286 list (FY2022-FY2025 editions), as transcribed by OpenSanctions.

One CSV row per institution per edition; the reader yields one entry per institution with one appearance per
edition. Rows of different editions are the same institution when their normalised names are equal, or when
one edition's name is another edition's alias and the two never appear side by side in one edition (name
drift: "Beijing University of Aeronautics and Astronautics" -> "Beihang University", "Naval NCO School" ->
"Naval Non-Commissioned Officer School"). The record id is a slug of the earliest normalised name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.lists.model import (
    Appearance,
    EditionMeta,
    ListEntry,
    ListMeta,
    Malformed,
    NameType,
    ReadResult,
    Relation,
)
from ingest.lists.sources import _us_util as u

DATASET = "us_dod_section1286"
KEY = "us_dod_1286"
_URL_FY22 = "https://media.defense.gov/2023/Jun/29/2003251160/-1/-1/1/"

LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="DoD Section 1286 list of foreign institutions that engage in problematic activities",
        authority="US Department of Defense, Office of the Under Secretary of Defense for Research and "
        "Engineering",
        jurisdiction="US",
        # policy_exclusion: the list binds DoD's own research funding, not third parties. SOURCE.md:
        # "DoD-funded researchers' ties to them trigger risk mitigation or a funding prohibition" (a
        # funding policy).
        legal_effect="policy_exclusion",
        url="https://basicresearch.defense.gov/",
        licence="CC BY-NC 4.0 (OpenSanctions transcription); the DoD list itself is a US government work",
        editions=(
            EditionMeta(
                "fy2022",
                "Section 1286 list, FY2022",
                "2023-06-29",
                "publication date in the DoD release URL of the FY2022 list "
                "(media.defense.gov/2023/Jun/29/…)",
                superseded="2024-07",
            ),
            EditionMeta(
                "fy2023",
                "Section 1286 list, FY2023",
                "2024-07",
                "month of publication in the upload path of the FY2023 list (rt.cto.mil/wp-content/uploads/"
                "2024/07/FY23-…); no day given",
                superseded="2024",
            ),
            EditionMeta(
                "fy2024",
                "Section 1286 list, FY2024",
                "2024",
                "fiscal year of the edition (report-date 2024); the source gives no publication date for it",
                superseded="2026-07",
            ),
            EditionMeta(
                "fy2025",
                "Section 1286 list, FY2025",
                "2026-07",
                "month of publication in the upload path of the FY2025 list (cto.mil/wp-content/uploads/"
                "2026/07/FY25-…), matching SOURCE.md 'Last run: FY25, July 2026'",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = ("us_dod_section1286/section_1286.csv",)
_EDITIONS = {e.key for e in LISTS[0].editions}
_COLUMNS = ("name", "aliases", "program", "report-date", "end-date", "country", "notes", "source_url")

_INLINE_ACRONYM = re.compile(r"\s*\(([^()]{2,12})\)")
_AMMS = "academy of military medical sciences"
_CAS = re.compile(r"^chinese academy of sciences(?: \(cas\))? - ")
_HOST = re.compile(r"^(?:ATR )?Defense S&T Key Laboratory .+? at (?P<host>[^,]+)$")
_TMC = re.compile(r"^tactical missile corporation, ")
# Table 2 of the list names talent recruitment programmes, not institutions.
_PROGRAMME = re.compile(r"Talents? (?:Plan|Program)$|Scholar Distinguished Professorship$|^Project 5-100$")


@dataclass
class _Row:
    line: int
    edition: str
    listed: str  # name as listed
    base: str  # name without a trailing "(ACRONYM)"
    acronym: str | None
    aliases: list[str]
    values: dict[str, str]
    until: str | None

    @property
    def key(self) -> str:
        return _key(self.base)


def _key(name: str) -> str:
    """Normalised name: folded, inline "(ACRONYM)"s dropped, "NCO" spelled out (editions alternate)."""
    name = _INLINE_ACRONYM.sub(lambda m: "" if u.is_acronym(m.group(1)) else m.group(0), name)
    return re.sub(r"\bnco\b", "non-commissioned officer", u.fold(name))


def read(paths: Sequence[Path]) -> ReadResult:
    rows: list[_Row] = []
    malformed: list[Malformed] = []
    for path in paths:
        raw_rows, bad = u.read_rows(path, _COLUMNS)
        malformed += u.quarantine(KEY, bad)
        for r in raw_rows:
            row_or_error = _parse(r, path.name)
            if isinstance(row_or_error, Malformed):
                malformed.append(row_or_error)
            else:
                rows.append(row_or_error)
    clusters = _cluster(rows)
    ids = {id(r): _record_id(c) for c in clusters for r in c}
    by_key = {r.key: ids[id(r)] for r in rows}
    entries = [_entry(c, by_key) for c in clusters]
    return ReadResult(entries=entries, malformed=malformed)


def _parse(r: u.Row, file: str) -> _Row | Malformed:
    v = r.values
    locator = f"{file} line {r.line}"
    listed = u.clean(v["name"])
    if not listed:
        return Malformed(KEY, locator, "empty name", r.raw)
    edition = f"fy{v['report-date'].strip()}"
    if edition not in _EDITIONS:
        return Malformed(
            KEY, locator, f"report-date {v['report-date']!r} is not a known edition (2022-2025)", r.raw
        )
    try:
        until = u.iso_date(v["end-date"])
    except u.DateError as exc:
        return Malformed(KEY, locator, f"end-date: {exc}", r.raw)
    base, acronym = u.split_trailing_acronym(listed)
    return _Row(r.line, edition, listed, base, acronym, u.split_list(v["aliases"]), v, until)


def _cluster(rows: list[_Row]) -> list[list[_Row]]:
    """Group the rows of one institution: equal names first, then alias links that do not join two rows of
    the same edition (e.g. FY2024 lists both "Moscow State University" and "Lomonosov Moscow State
    University"; the FY2025 alias must not fold them together)."""
    clusters: dict[str, list[_Row]] = {}
    for r in rows:
        clusters.setdefault(r.key, []).append(r)
    owner = {k: k for k in clusters}

    def find(k: str) -> str:
        while owner[k] != k:
            k = owner[k]
        return k

    for r in rows:
        for alias in r.aliases:
            other = _key(u.split_trailing_acronym(alias)[0])
            if other not in clusters:
                continue
            a, b = find(r.key), find(other)
            if a == b:
                continue
            if {x.edition for x in clusters[a]} & {x.edition for x in clusters[b]}:
                continue
            keep, gone = (a, b) if clusters[a][0].line < clusters[b][0].line else (b, a)
            clusters[keep] += clusters.pop(gone)
            owner[gone] = keep
    return [
        sorted(c, key=lambda x: (x.edition, x.line))
        for c in sorted(clusters.values(), key=lambda c: c[0].line)
    ]


def _record_id(cluster: list[_Row]) -> str:
    return u.slug(cluster[0].key)


def _entry(cluster: list[_Row], by_key: dict[str, str]) -> ListEntry:
    latest = cluster[-1]
    name = latest.base
    raw_names: list[tuple[str, NameType | None]] = []
    for r in cluster:
        raw_names.append((r.base, "alternative"))
        if r.acronym:
            raw_names.append((r.acronym, "acronym"))
        raw_names += [(u.unquote(a), None) for a in r.aliases]
    codes, remarks = u.countries(r.values["country"] for r in cluster)
    notes = [u.clean(r.values["notes"]) for r in cluster if r.values["notes"].strip()]
    relations = _relations(latest, by_key, _record_id(cluster), notes)
    remarks += tuple(dict.fromkeys(n for n in notes if not n.startswith("affiliated with")))
    is_programme = bool(_PROGRAMME.search(name))
    return ListEntry(
        source=KEY,
        record_id=_record_id(cluster),
        kind="other" if is_programme else "organisation",
        name=name,
        appearances=tuple(
            Appearance(
                edition=r.edition,
                name_as_listed=r.listed,
                listed_until=r.until,
                programmes=(u.clean(r.values["program"]),) if r.values["program"].strip() else (),
                citations=(r.values["source_url"].strip(),) if r.values["source_url"].strip() else (),
            )
            for r in cluster
        ),
        names=u.make_names(name, raw_names),
        countries=codes,
        remarks=remarks,
        entity_kinds=("programme",) if is_programme else (),
        relations=relations,
    )


def _relations(row: _Row, by_key: dict[str, str], own_id: str, notes: list[str]) -> tuple[Relation, ...]:
    key = row.key
    out: list[Relation] = []
    if key.startswith(_AMMS + ", ") and _AMMS in by_key and by_key[_AMMS] != own_id:
        out.append(
            Relation(
                "parent",
                target_id=by_key[_AMMS],
                note="sub-institute named 'Academy of Military Medical Sciences, <institute>' in the list",
            )
        )
    if _CAS.match(key):
        out.append(
            Relation(
                "parent",
                target_name="Chinese Academy of Sciences",
                target_country="CN",
                note="affiliate named 'Chinese Academy of Sciences – <institute>' in the list",
            )
        )
    if _TMC.match(key):
        out.append(
            Relation(
                "parent",
                target_name="Tactical Missile Corporation",
                target_country="RU",
                note="named 'Tactical Missile Corporation, <subsidiary>' in the list",
            )
        )
    host = _HOST.match(row.base)
    if host:
        target = by_key.get(_key(host.group("host")))
        out.append(
            Relation(
                "parent",
                target_id=target,
                target_name=None if target else host.group("host"),
                note="host institution named in the list ('… at <host>')",
            )
        )
    for note in dict.fromkeys(notes):
        if note.startswith("affiliated with "):
            target_name = note.removeprefix("affiliated with ").strip()
            target = by_key.get(_key(target_name))
            out.append(
                Relation("related", target_id=target, target_name=None if target else target_name, note=note)
            )
    return tuple(out)
