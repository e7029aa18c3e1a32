"""Researchers: persons with affiliations (role, start, end), funding and in-kind support, and co-authorship.

- :mod:`ingest.people.team`: the team file of a grant application (parse, resolve; no graph writes);
- :mod:`ingest.people.team_source`: ``rskg ingest team FILE``;
- :mod:`ingest.people.openalex`: OpenAlex author and work records, ``rskg ingest openalex FILE...``.
"""

from ingest.people.models import RELATIONS, ResolvedFact, RowError, TeamFact, TeamFile
from ingest.people.team import parse_team, parse_team_text, resolve_team

__all__ = [
    "RELATIONS",
    "ResolvedFact",
    "RowError",
    "TeamFact",
    "TeamFile",
    "parse_team",
    "parse_team_text",
    "resolve_team",
]
