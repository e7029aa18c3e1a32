"""The team file: who is on the proposed project, and their affiliations, funding and in-kind support.

A CSV with a header and one row per fact::

    researcher,relation,organisation,role,start,end
    Researcher A,affiliation,Harbin Engineering University,Adjunct Professor,2021-09-01,

- ``relation`` is ``affiliation``, ``funding`` or ``in_kind`` (case, ``-`` and spaces are forgiven:
  ``In-kind`` reads as ``in_kind``);
- ``organisation`` is the name as a grant application writes it, or a ROR id / URL (used as is);
- ``role`` is optional (a title for an affiliation; what was given for funding or in-kind support);
- ``start``/``end`` are ISO dates, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an empty ``end`` means current.

The file is UTF-8 (a byte-order mark, as Excel writes it, is fine) with LF or CRLF line ends. Header names
are matched without regard to case or surrounding spaces (``organization`` is accepted). A row that cannot be
read becomes a :class:`RowError` naming the row and the column; nothing is dropped silently. Rows whose cells
are all empty are ignored (they carry nothing).

:func:`parse_team` reads, :func:`resolve_team` adds the resolver's answer to each fact; neither writes to
the graph (``rskg screen-team`` uses them as they are).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from anyascii import anyascii

from ingest.people.models import (
    COLUMNS,
    RELATIONS,
    Relation,
    ResolvedFact,
    RowError,
    TeamFact,
    TeamFile,
    date_bounds,
)
from queries.resolver.index import ResolverIndex
from queries.resolver.models import Candidate, Resolution
from rskg import textfiles
from rskg.errors import InputError

log = logging.getLogger(__name__)

HEADER_ALIASES = {"organization": "organisation", "org": "organisation", "type": "relation"}
REQUIRED = ("researcher", "relation", "organisation")
_ROR = re.compile(r"^(?:https?://)?(?:www\.)?ror\.org/(0[a-hj-km-np-tv-z0-9]{6}[0-9]{2})/?$|^(0[a-hj-km-np-tv-z0-9]{6}[0-9]{2})$",
                  re.IGNORECASE)
MAX_BYTES = 5_000_000


def slug(text: str) -> str:
    """A stable ASCII slug (``Researcher A`` → ``researcher-a``); text with no Latin letters or digits
    after transliteration gets a short hash instead, so no two names share a slug by accident."""
    folded = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    return folded or "h" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def ror_iri(text: str) -> str | None:
    """The ROR IRI when ``text`` is a ROR id or URL (``03x80pn82``, ``https://ror.org/03x80pn82``)."""
    found = _ROR.match(text.strip())
    if found is None:
        return None
    return f"https://ror.org/{(found.group(1) or found.group(2)).lower()}"


# ------------------------------------------------------------------ parsing
def _header(cells: list[str]) -> list[str]:
    names = [HEADER_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in cells]
    missing = [c for c in COLUMNS if c not in names]
    unknown = [c for c in names if c not in COLUMNS]
    doubled = sorted({c for c in names if names.count(c) > 1})
    if missing or unknown or doubled:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
        if doubled:
            problems.append(f"repeated column(s) {', '.join(doubled)}")
        raise InputError("the first line of a team file must be the header "
                         f"{','.join(COLUMNS)} ({'; '.join(problems)})")
    return names


def _relation(value: str) -> Relation | None:
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    for relation in RELATIONS:
        if key == relation:
            return relation
    return None


def _date(value: str, column: str, row: int, cells: dict[str, str], errors: list[RowError]) -> str | None:
    text = value.strip()
    if not text:
        return None
    try:
        date_bounds(text)
    except ValueError:
        message = f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        errors.append(RowError(row, column, message, cells))
        return None
    return text


def _before(end: str, start: str) -> bool:
    """End before start, compared at the precision both give (``2022`` is not before ``2022-05-01``)."""
    return date_bounds(end)[1] < date_bounds(start)[0]


def _row(row: int, cells: dict[str, str], errors: list[RowError]) -> TeamFact | None:
    found: list[RowError] = []
    for column in REQUIRED:
        if not cells[column].strip():
            found.append(RowError(row, column, f"{column} is empty", cells))
    relation = None
    if cells["relation"].strip():
        relation = _relation(cells["relation"])
        if relation is None:
            found.append(RowError(row, "relation", f"unknown relation {cells['relation'].strip()!r}: "
                                  f"use one of {', '.join(RELATIONS)}", cells))
    start = _date(cells["start"], "start", row, cells, found)
    end = _date(cells["end"], "end", row, cells, found)
    if start and end and _before(end, start):
        found.append(RowError(row, "end", f"end {end} is before start {start}", cells))
    errors.extend(found)
    if found or relation is None:
        return None
    return TeamFact(
        researcher=" ".join(cells["researcher"].split()),
        relation=relation,
        organisation=" ".join(cells["organisation"].split()),
        role=" ".join(cells["role"].split()) or None,
        start=start,
        end=end,
        row=row,
    )


def parse_team_text(text: str, name: str = "team.csv") -> TeamFile:
    """Parse the text of a team file. Raises :class:`InputError` when the file as a whole cannot be read
    (no header, wrong columns); a bad row is reported in :attr:`TeamFile.errors` and the rest is read."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: the team file is empty (it needs the header {','.join(COLUMNS)})")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(next(reader))
        facts: list[TeamFact] = []
        errors: list[RowError] = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            cells = dict(zip(columns, values, strict=False))
            if len(values) != len(columns):
                errors.append(RowError(number, None, f"expected {len(columns)} cells "
                                       f"({','.join(columns)}), found {len(values)}", cells))
                continue
            fact = _row(number, cells, errors)
            if fact is not None:
                facts.append(fact)
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc})") from exc
    log.info("team file parsed", extra={"facts": len(facts), "errors": len(errors)})
    return TeamFile(name, facts, errors)


def parse_team(path: Path | str) -> TeamFile:
    """Parse a team CSV file (see the module docstring for the format)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such team file: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path.name}: larger than {MAX_BYTES // 1_000_000} MB; not a team file")
    data = path.read_bytes()
    text = textfiles.decode(data, path.name)
    return parse_team_text(text, path.name)


# ------------------------------------------------------------------ resolution
def _by_ror_id(index: ResolverIndex, text: str, iri: str) -> Resolution:
    org = index.org(iri)
    candidate = Candidate(iri=iri, name=org.name if org is not None else iri, score=1.0, method="ror_id",
                          features={"in_index": "yes" if org is not None else "no"})
    return Resolution(text=text, decision="match", matches=[candidate], candidates=[candidate])


def resolve_team(facts: Iterable[TeamFact], index: ResolverIndex) -> list[ResolvedFact]:
    """Resolve each fact's organisation; keep the answer (decision, matches, candidates) with the fact.

    A ROR id or URL is used directly (a ``match``, even when the index does not hold that id: the
    ``in_index`` feature says so). Other text goes to the resolver; an organisation written the same way
    on several rows is resolved once. Order is kept; nothing is written anywhere."""
    answers: dict[str, tuple[Resolution, str]] = {}
    out: list[ResolvedFact] = []
    for fact in facts:
        text = fact.organisation
        if text not in answers:
            iri = ror_iri(text)
            if iri:
                answers[text] = (_by_ror_id(index, text, iri), "ror_id")
            else:
                answers[text] = (index.resolve(text), "resolver")
        resolution, method = answers[text]
        out.append(ResolvedFact(fact, resolution, "ror_id" if method == "ror_id" else "resolver"))
    decisions = [r.decision for r in out]
    log.info("team resolved", extra={"facts": len(out), "match": decisions.count("match"),
                                     "candidates": decisions.count("candidates"),
                                     "none": decisions.count("none")})
    return out


def summary(resolved: Sequence[ResolvedFact]) -> dict[str, int]:
    """Counts per decision, for reports."""
    counts = {"match": 0, "candidates": 0, "none": 0}
    for item in resolved:
        counts[item.decision] += 1
    return counts
