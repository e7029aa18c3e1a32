"""``POST /screen/batch``: read the partners (CSV with a ``name`` column and an optional ``country``, or a
JSON list), and write one row per partner with its strongest finding, as CSV or JSON lines, one at a time."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from defusedcsv import csv  # a cell opening like a formula ("=HYPERLINK(…)") gets a leading apostrophe: text
from pydantic import TypeAdapter, ValidationError

from api.errors import BodyTooLargeError
from api.schemas import BatchItem, BatchRow
from queries.screen.models import EFFECT_RANK, ScreeningReport
from rskg import textfiles
from rskg.errors import InputError, RskgError

MAX_ROWS = 10_000
CSV_TYPES = ("text/csv", "application/csv", "text/plain")
COLUMNS = list(BatchRow.model_fields)
# What a CSV body looks like, for the schema (the parser itself is more lenient: any column order, CRLF).
CSV_PATTERN = r'^name(,country)?\n([^,\r\n"]{0,100}[^,\r\n"\s][^,\r\n"]{0,100}(,[^,\r\n"]{0,50})?\n){1,20}$'
_ITEMS = TypeAdapter(list[BatchItem | str])


def _from_csv(text: str) -> list[BatchItem]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if "name" not in header:
            raise InputError("the CSV needs a header with a 'name' column (and optionally 'country')")
        at_name, at_country = header.index("name"), header.index("country") if "country" in header else None
        items: list[BatchItem] = []
        errors: list[dict[str, Any]] = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            name = cells[at_name].strip() if at_name < len(cells) else ""
            country = cells[at_country].strip() if at_country is not None and at_country < len(cells) else ""
            if not name or len(name) > 500 or len(country) > 100:
                errors.append({"row": number, "msg": "empty name" if not name else "cell too long"})
                continue
            items.append(BatchItem(name=name, country=country or None))
            if len(items) > MAX_ROWS:
                raise BodyTooLargeError(f"at most {MAX_ROWS} partners per batch")
    except csv.Error as exc:
        raise InputError(f"not a readable CSV file ({exc})") from exc
    if errors:
        raise InputError(f"{len(errors)} rows cannot be read", errors=errors[:100])
    return items


def _from_json(text: str) -> list[BatchItem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"the body is not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if isinstance(data, list) and len(data) > MAX_ROWS:
        raise BodyTooLargeError(f"at most {MAX_ROWS} partners per batch")
    try:
        parsed = _ITEMS.validate_python(data)
    except ValidationError as exc:
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise InputError("expected a JSON list of {name, country} objects or of names", errors=errors[:100]) from exc
    items = [BatchItem(name=p) if isinstance(p, str) else p for p in parsed]
    if any(not item.name.strip() or len(item.name) > 500 for item in items):
        raise InputError("every name must be 1 to 500 characters")
    return items


def parse_items(body: bytes, content_type: str) -> list[BatchItem]:
    """The partners in a request body; CSV when the content type says so, JSON otherwise."""
    text = textfiles.decode(body, "the body")
    media = content_type.split(";")[0].strip().lower()
    items = _from_csv(text) if media in CSV_TYPES else _from_json(text)
    if not items:
        raise InputError("no partners in the request")
    return items


def summarise(row: int, item: BatchItem, report: ScreeningReport) -> BatchRow:
    effects: list[tuple[int, str, str]] = []
    for listing in report.listings:
        if listing.in_force and listing.list.legal_effect:
            effects.append((EFFECT_RANK[listing.list.legal_effect], listing.list.key, listing.list.legal_effect))
    for exposure in report.inherited:
        for listing in exposure.listings:
            if listing.in_force and listing.list.legal_effect:
                effects.append((EFFECT_RANK[listing.list.legal_effect], listing.list.key, listing.list.legal_effect))
    top = min(effects) if effects else None
    subject = report.subject
    return BatchRow(
        row=row,
        name=item.name,
        country=item.country,
        decision=report.resolution.decision,
        subject_iri=subject.iri if subject else None,
        subject_name=subject.name if subject else None,
        strongest=report.strongest,
        listings=len(report.listings),
        inherited=len(report.inherited),
        connections=len(report.connections),
        top_list=top[1] if top else None,
        top_effect=top[2] if top else None,
    )


def rows(
    items: list[BatchItem], screen_one: Callable[[BatchItem], ScreeningReport], counts: Counter[str]
) -> Iterator[BatchRow]:
    """Screen one partner at a time; a partner that fails becomes a row with ``error`` set."""
    for number, item in enumerate(items, start=1):
        try:
            out = summarise(number, item, screen_one(item))
        except RskgError as exc:
            out = BatchRow(row=number, name=item.name, country=item.country, decision="error", error=exc.detail)
        counts[out.strongest or out.decision] += 1
        yield out


def as_csv(rows_: Iterator[BatchRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows_:
        writer.writerow(row.model_dump())
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def as_jsonl(rows_: Iterator[BatchRow]) -> Iterator[str]:
    for row in rows_:
        yield row.model_dump_json() + "\n"
