"""PRC counter-sanctions, Anti-Foreign Sanctions Law measures, the Unreliable Entity List and export-control
lists, as curated by hand by OpenSanctions (``datasets/cn/sanctions/sanctions.csv``).

One row is one measure against one target (the same company can appear in several rows, one per measure);
each row is read as one entry so that every measure keeps its own date, body and list. Record id = slug of the
name + the measure's date (+ "-2"… when that still repeats). ``Date`` is dd.mm.yyyy, sometimes dd.mm.yy (all
measures are from 2018 on, so yy is 20yy); ``List``, ``Body`` and ``Topics`` become the appearance's
programmes. Aliases are ";"-separated; ``Chinese name`` is a ``zh`` name; ``QID`` a Wikidata identifier.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "cn_countersanctions"
KEY = "cn_countersanctions"
EDITION = "2026-08-07"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="PRC counter-sanctions, Anti-Foreign Sanctions Law countermeasures, Unreliable Entity List and "
        "export-control lists",
        authority="People's Republic of China: Ministry of Foreign Affairs, Ministry of Commerce, "
        "Taiwan Affairs Office of the State Council",
        jurisdiction="CN",
        # informational: these measures bind in the PRC only; for screening partners of a research institution
        # elsewhere they are context ("whom is China retaliating against"), not a restriction or exclusion.
        legal_effect="informational",
        url="https://github.com/opensanctions/opensanctions/tree/main/datasets/cn/sanctions",
        licence="CC BY-NC 4.0 (OpenSanctions curated data); the announcements are PRC government texts",
        editions=(
            EditionMeta(EDITION, "OpenSanctions-curated PRC countermeasures, state of 2026-08-07", EDITION,
                        "date of the last change to the curated CSV in opensanctions/opensanctions (commit "
                        "bb36fecf, 2026-08-07); the PRC publishes no consolidated list"),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = (f"{DATASET}/cn_sanctions.csv",)
_COLUMNS = ("Type", "QID", "Name", "Alias", "Chinese name", "Country", "Topics", "Summary", "Chinese summary",
            "Body", "List", "Date", "End date", "Source URL", "Address")
_KINDS = {"Person": "person", "Company": "organisation", "Organization": "organisation"}


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        reader = csv.reader(io.StringIO(u.read_text(path), newline=""))
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in _COLUMNS if c not in header]
        if missing:
            message = f"{path.name}: not the PRC countermeasures CSV: missing column(s) {', '.join(missing)}"
            raise SourceError(message, path=str(path))
        taken: set[str] = set()
        start = 2
        for record in reader:
            locator, raw = f"{path.name} line {start}", ",".join(record)
            start = reader.line_num + 1
            if len(record) != len(header):
                reason = f"wrong number of fields: {len(record)}, header has {len(header)}"
                result.malformed.append(Malformed(KEY, locator, reason, raw))
                continue
            made = _entry(dict(zip(header, record, strict=True)), locator, raw, taken)
            if isinstance(made, Malformed):
                result.malformed.append(made)
            else:
                result.entries.append(made)
    return result


def _entry(row: dict[str, str], locator: str, raw: str, taken: set[str]) -> ListEntry | Malformed:
    name = u.clean(row["Name"])
    if not name:
        return Malformed(KEY, locator, "empty name", raw)
    kind = _KINDS.get(u.clean(row["Type"]))
    if kind is None:
        return Malformed(KEY, locator, f"unknown Type {row['Type']!r}", raw)
    try:
        listed, until = u.iso_date(row["Date"]), u.iso_date(row["End date"])
    except u.DateError as exc:
        return Malformed(KEY, locator, f"date: {exc}", raw)
    names, countries = u.NameBag(name), u.Countries()
    names.extend(u.split_list(row["Alias"]))
    names.add(row["Chinese name"], "alternative", "zh" if u.has_han(row["Chinese name"]) else None)
    countries.add(row["Country"])
    programmes = tuple(x for x in (u.clean(row["List"]), u.clean(row["Body"])) if x)
    programmes += tuple(u.split_list(row["Topics"]))
    url, qid, address = u.clean(row["Source URL"]), u.clean(row["QID"]), u.clean(row["Address"])
    return ListEntry(
        source=KEY,
        record_id=u.unique_id(f"{u.slug(name)}-{listed or 'undated'}", taken),
        kind=kind,  # type: ignore[arg-type]
        name=name,
        appearances=(Appearance(EDITION, name, listed_from=listed, listed_until=until, programmes=programmes,
                                citations=(url,) if url else ()),),
        names=names.result(),
        countries=tuple(countries.codes),
        addresses=(address,) if address else (),
        identifiers=(f"wikidata:{qid}",) if qid else (),
        remarks=tuple(x for x in (u.clean(row["Summary"]), u.clean(row["Chinese summary"])) if x)
        + tuple(countries.remarks),
    )
