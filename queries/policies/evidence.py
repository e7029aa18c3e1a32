"""Evidence for one rule over one screening report: the listings that count, the ones shown only as context,
and the human-readable strings that name list, edition, legal effect, the name as listed, dates and path."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from queries.policies.vocabulary import ListSelector, Rule, TimeWindow
from queries.screen.models import (
    CoverageItem,
    EditionRef,
    Exposure,
    Listing,
    PersonFact,
    ScreeningReport,
    Step,
)

CONTEXT = "Context (not counted): "
RELATION_PHRASE: dict[str, str] = {
    "affiliation": "affiliation with",
    "funding": "funding from",
    "in_kind": "in-kind support from",
    "coauthorship": "co-authorship with",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Finding:
    """What one report shows for one rule: counted hits (direct or inherited) and context lines."""

    direct: list[str] = field(default_factory=list)
    inherited: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)

    @property
    def hits(self) -> list[str]:
        return self.direct + self.inherited


def list_title(listing: Listing) -> str:
    return listing.list.title or listing.list.key


def describe_listing(listing: Listing) -> str:
    """'listed on <list> (edition <key>[, dated <date>], <legal effect>), name as listed '<name>'', with the
    listing dates as the source gives them."""
    edition = listing.edition
    ed = f"edition {edition.key}"
    if edition.date and edition.date != edition.key:
        ed += f", dated {edition.date}"
    effect = listing.list.legal_effect or "legal effect not recorded"
    text = f"listed on {list_title(listing)} ({ed}, {effect})"
    name = listing.name_as_listed or listing.entity.name
    if name:
        text += f", name as listed '{name}'"
    if listing.listed_from or listing.listed_until:
        text += f", listed from {listing.listed_from or '(no date given)'}"
        if listing.listed_until:
            text += f" until {listing.listed_until}"
    if listing.programmes:
        text += f", programmes {', '.join(listing.programmes)}"
    if listing.link_score is not None:
        text += f" (list entry linked to the organisation by {listing.link_method or 'a match'}, " \
                f"score {listing.link_score:.2f})"
    return text


def _step_text(step: Step) -> str:
    dates = ""
    if step.start_date or step.end_date:
        dates = f" [{step.start_date or '?'}..{step.end_date or ''}]"
    if step.direction == "forward":
        return f" — {step.relation}{dates} → {step.to_name or step.to_iri}"
    return f" ← {step.relation}{dates} — {step.to_name or step.to_iri}"


def describe_path(path: list[Step], start: str | None = None) -> str:
    """'A — SUB_ORGANISATION_OF → B' (forward: as stored; '← REL —' when walked against the stored edge)."""
    if not path:
        return start or "?"
    head = path[0].from_name or start or path[0].from_iri
    return head + "".join(_step_text(s) for s in path)


def _exposure_lines(exposure: Exposure, selector: ListSelector) -> list[tuple[Listing, str]]:
    path = describe_path(exposure.path)
    return [(lst, f"{path}: {describe_listing(lst)}")
            for lst in exposure.listings if selector.matches(lst.list)]


def screen(report: ScreeningReport, rule: Rule, subject: str) -> Finding:
    """Direct listings (if the rule counts them), inherited exposure (counted, context or ignored) and
    connections (context only, never counted) of ``report`` for the lists the rule selects."""
    found = Finding()
    if rule.direct:
        for lst in report.listings:
            if not rule.lists.matches(lst.list):
                continue
            line = f"{subject}: {describe_listing(lst)}"
            if lst.in_force:
                found.direct.append(line)
            else:
                found.context.append(f"{CONTEXT}{line}: not in force at {report.as_of} ({lst.time_note})")
    if rule.inherited != "ignore":
        for exposure in report.inherited:
            for lst, line in _exposure_lines(exposure, rule.lists):
                if not lst.in_force:
                    found.context.append(f"{CONTEXT}{line}: not in force at {report.as_of} ({lst.time_note})")
                elif not exposure.current:
                    found.context.append(f"{CONTEXT}{line}: a relation on the path is not valid at "
                                         f"{report.as_of}")
                elif rule.inherited == "context":
                    found.context.append(f"{CONTEXT}inherited exposure {line} (this rule counts the "
                                         "organisation's own listings only)")
                else:
                    found.inherited.append(f"inherited exposure {line}")
    for exposure in report.connections:
        for lst, line in _exposure_lines(exposure, rule.lists):
            if lst.in_force:
                found.context.append(f"{CONTEXT}connection ({exposure.hops} hops; connections never count by "
                                     f"themselves) {line}")
    return found


def coverage_lines(coverage: Iterable[CoverageItem], selector: ListSelector) -> tuple[list[str], bool]:
    """'Checked <list> [key]: editions ... (in force at as_of: ...)' per selected list, and whether any
    selected list was loaded at all."""
    lines: list[str] = []
    seen: set[str] = set()
    for item in coverage:
        if item.list.key in seen or not selector.matches(item.list):
            continue
        seen.add(item.list.key)
        # CoverageItem's field named 'list' shadows the builtin in its annotations, hence the cast
        editions = ", ".join(e.key for e in cast("Sequence[EditionRef]", item.editions)) or "none recorded"
        in_force = ", ".join(item.in_force) or "none"
        data = f"; data date {item.data_date}" if item.data_date else ""
        effect = f", {item.list.legal_effect}" if item.list.legal_effect else ""
        lines.append(f"Checked {item.list.title or item.list.key} [{item.list.key}{effect}]: editions "
                     f"{editions} (in force at as_of: {in_force}){data}")
    if not lines:
        lines.append(f"Not checked: no loaded list matches this rule ({selector.describe()})")
    return lines, bool(seen)


def parse_date(text: str | None, *, end: bool) -> dt.date | None:
    """A partial date as the source gives it ('2023', '2023-12', '2023-12-31'): first day of the period, or
    its last day when ``end``. None when absent or unreadable."""
    match = _DATE.match(text or "")
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1
    day = int(match.group(3)) if match.group(3) else (last if end else 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def fact_counts(fact: PersonFact, window: TimeWindow, as_of: dt.date) -> bool:
    """Whether a person fact falls in the rule's time window (uses the fact's own ``current`` flag)."""
    if window.exclude_current and fact.current:
        return False
    if window.mode == "current":
        return fact.current
    started = parse_date(fact.start_date, end=False)
    if started is not None and started > as_of:
        return False
    if fact.current or window.mode == "any":
        return True
    ended = parse_date(fact.end_date, end=True)
    start = window.start(as_of)
    if ended is None or start is None:
        return True  # no readable end date: counted, the timing text shows the dates as given
    return ended >= start


def fact_timing(fact: PersonFact) -> tuple[str, str]:
    """State and dates: ('current', ' (since 2019-09)'), ('past', ' (2015..2023-12-31), ended 2023-12-31'),
    ('future', ' (starts 2027-01)')."""
    if fact.current:
        return "current", f" (since {fact.start_date})" if fact.start_date else ""
    if fact.end_date:
        return "past", f" ({fact.start_date or '?'}..{fact.end_date}), ended {fact.end_date}"
    if fact.start_date:
        return "future", f" (starts {fact.start_date})"
    return "not current", ""


def fact_label(researcher: str, fact: PersonFact) -> str:
    """"Dr X: past affiliation with 'Org' (2015..2023-12-31), ended 2023-12-31, row 4"."""
    state, dates = fact_timing(fact)
    row = f", row {fact.row}" if fact.row is not None else ""
    role = f", role {fact.role}" if fact.role else ""
    relation = RELATION_PHRASE[fact.relation]
    return f"{researcher}: {state} {relation} '{fact.organisation_text}'{dates}{role}{row}"
