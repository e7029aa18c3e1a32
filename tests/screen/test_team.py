"""Team screening on the bundled samples: Canada STRAC counts current affiliations only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.ladybug import LadybugStore
from ingest.people.team import parse_team
from queries.resolver import ResolverIndex
from queries.screen.team import screen_team

AS_OF = dt.date(2026, 11, 21)
PROJECT = "quantum sensing and underwater acoustics for submarine detection"


def _strac(team_file: Path, graph: tuple[LadybugStore, ResolverIndex]) -> tuple[str, list[str], object]:
    store, index = graph
    parsed = parse_team(team_file)
    assert parsed.errors == []
    report = screen_team(store, index, parsed.facts, project=PROJECT, as_of=AS_OF)
    person = next(p for p in report.people if p.researcher.endswith("A"))
    strac = next(v for v in person.verdicts if v.profile == "ca_strac")
    facts = [fact for rule in strac.rules for fact in rule.facts]
    return strac.verdict, facts, person


def test_current_nro_affiliation_on_a_sensitive_project_is_not_eligible(
        sample_graph: tuple[LadybugStore, ResolverIndex], samples_dir: Path) -> None:
    verdict, facts, _ = _strac(samples_dir / "team" / "example_team.csv", sample_graph)
    assert verdict == "not_eligible"
    assert any("Named Research Organizations" in fact and "Harbin Engineering University" in fact for fact in facts)


def test_affiliation_ended_before_the_application_is_clear_but_shown(
        sample_graph: tuple[LadybugStore, ResolverIndex], samples_dir: Path) -> None:
    verdict, facts, person = _strac(samples_dir / "team" / "example_team_ended.csv", sample_graph)
    assert verdict == "clear"
    assert any("ended 2023-12-31" in fact and "Harbin Engineering University" in fact for fact in facts)
    past = [f for f in person.facts if f.organisation and f.organisation.name == "Harbin Engineering University"]
    assert past
    assert not past[0].current
    assert past[0].end_date == "2023-12-31"
