"""Plain-text rendering of area reports and of the mapping table, for the command line."""

from __future__ import annotations

from queries.areas.models import AreaReport, Hit, Mapping


def _code(iri: str) -> str:
    scheme, code = iri.rsplit("/", 2)[-2:]
    return f"{scheme}/{code}"


def _hit_lines(hit: Hit, verbose: bool) -> list[str]:
    how = "text" if hit.direct else "derived"
    lines = [f"  {hit.confidence:.2f}  {_code(hit.concept):<20} {hit.label}  [{how}]"]
    if hit.matches:
        found = "; ".join(f'"{m.term}" ({m.label_type}, text: "{m.text}")' for m in hit.matches)
        lines.append(f"        matched: {found}")
    for via in hit.via:
        reason = f" ({via.justification})" if via.justification and verbose else ""
        lines.append(f"        via {via.kind} from {_code(via.source)} {via.source_label}{reason}")
    if not hit.matches and hit.matched_terms:
        lines.append("        matched terms (of the source hits): " + ", ".join(f'"{t}"' for t in hit.matched_terms))
    return lines


def render_report(report: AreaReport, *, verbose: bool = False) -> str:
    """Per scheme: the concepts found with confidence and matched terms; then the overall statement.
    ``verbose`` adds the justification of each mapping a derived concept was reached through."""
    lines: list[str] = []
    for result in report.schemes:
        lines.append(f"{result.title} ({result.scheme}): {result.summary}")
        for hit in result.hits:
            lines.extend(_hit_lines(hit, verbose))
    lines.append("")
    lines.append(report.statement)
    return "\n".join(lines)


def render_mappings(rows: list[Mapping]) -> str:
    lines = []
    for row in rows:
        lines.append(f"{_code(row.subject)} {row.subject_label}")
        lines.append(f"    {row.relation} {_code(row.object)} {row.object_label}")
        lines.append(f"    because: {row.justification}")
    lines.append(f"{len(rows)} mappings")
    return "\n".join(lines)
