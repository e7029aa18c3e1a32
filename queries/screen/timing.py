"""Time logic: dates as the sources give them (YYYY, YYYY-MM, YYYY-MM-DD), compared with an ``as_of`` date
without inventing precision: a start given as a year counts from its first day, an end given as a year until
its last day."""

from __future__ import annotations

import calendar
import datetime as dt


def parse_start(value: str | None) -> dt.date | None:
    return _parse(value, end=False)


def parse_end(value: str | None) -> dt.date | None:
    return _parse(value, end=True)


def _parse(value: str | None, *, end: bool) -> dt.date | None:
    if not value:
        return None
    parts = value.strip()[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return dt.date(year, month, int(parts[2]))
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def active(start: str | None, end: str | None, as_of: dt.date) -> bool:
    """A period is active at ``as_of`` when it started on or before it and did not end before it (an empty
    start counts as 'since always', an empty end as 'still current')."""
    first, last = parse_start(start), parse_end(end)
    return (first is None or first <= as_of) and (last is None or as_of <= last)


def listing_in_force(
    *,
    listed_from: str | None,
    listed_until: str | None,
    edition_key: str,
    edition_date: str | None,
    superseded: str | None,
    as_of: dt.date,
) -> tuple[bool, str]:
    """Whether a listing applies at ``as_of``, and why, in words (dates quoted as the source gives them)."""
    start = parse_start(listed_from) or parse_start(edition_date)
    until = parse_end(listed_until)
    replaced = parse_start(superseded)
    since = (
        f"listed since {listed_from} (as given)"
        if listed_from
        else (
            f"undated listing, in edition {edition_key}" + (f" (edition dated {edition_date})" if edition_date else "")
        )
    )
    if start is not None and as_of < start:
        return False, f"{since}: not yet listed on {as_of.isoformat()}"
    if until is not None and as_of > until:
        return False, f"{since}, until {listed_until}: no longer listed on {as_of.isoformat()}"
    if replaced is not None and as_of >= replaced:
        return (
            False,
            f"{since}; edition {edition_key} was replaced on {superseded}: not in force on {as_of.isoformat()}",
        )
    return True, f"{since}: in force on {as_of.isoformat()}"
