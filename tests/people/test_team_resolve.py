"""Resolving a team's organisations against the ROR sample, without any graph: the example team's names (as a
grant application writes them) resolve to the right organisations; ROR ids are used directly; a vague or
unknown name keeps the resolver's candidates instead of a guess."""

from __future__ import annotations

from pathlib import Path

from ingest.people import parse_team, parse_team_text, resolve_team
from queries.resolver import ResolverIndex

EXPECTED = {
    2: "https://ror.org/04s5mat29",  # University of Victoria, BC, Canada
    3: "https://ror.org/03x80pn82",  # Harbin Engineering University (HEU)
    4: "https://ror.org/01yqg2h08",  # Harbin Institute of Technology (HIT)
    5: "https://ror.org/04dkp9463",  # University of Amsterdam
    6: "https://ror.org/01h0zpd94",  # National Natural Science Foundation of China (NSFC)
    7: "https://ror.org/025wzwv46",  # University of Northern British Columbia
    8: "https://ror.org/01y0j0j86",  # Northwestern Polytechnical University, Xi'an, China
}


def test_example_team_organisations_resolve_to_the_right_ror_records(
        example_team: Path, example_team_ended: Path, ror_index: ResolverIndex) -> None:
    for path in (example_team, example_team_ended):
        resolved = resolve_team(parse_team(path).facts, ror_index)
        assert {r.fact.row: r.organisation_iri for r in resolved} == EXPECTED
        assert {r.decision for r in resolved} == {"match"}
        assert {r.method for r in resolved} == {"resolver"}


def test_ror_id_or_url_is_used_directly(ror_index: ResolverIndex) -> None:
    team = parse_team_text("researcher,relation,organisation,role,start,end\n"
                           "R,affiliation,https://ror.org/03x80pn82,,2020,\n"
                           "R,affiliation,ror.org/01YQG2H08/,,2020,\n"
                           "R,in_kind,01y0j0j86,,2020,\n"
                           "R,funding,https://ror.org/0abcdef12,,2020,\n")
    resolved = resolve_team(team.facts, ror_index)
    assert [r.organisation_iri for r in resolved] == [
        "https://ror.org/03x80pn82", "https://ror.org/01yqg2h08", "https://ror.org/01y0j0j86",
        "https://ror.org/0abcdef12"]
    assert {r.method for r in resolved} == {"ror_id"}
    assert resolved[0].matches[0].name == "Harbin Engineering University"
    assert resolved[0].matches[0].features == {"in_index": "yes"}
    assert resolved[3].matches[0].features == {"in_index": "no"}


def test_vague_or_unknown_names_keep_candidates_and_no_organisation(ror_index: ResolverIndex) -> None:
    team = parse_team_text("researcher,relation,organisation,role,start,end\n"
                           "R,affiliation,Harbin University,,2020,\n"
                           "R,affiliation,Acme Quantum Labs,,2020,\n")
    vague, unknown = resolve_team(team.facts, ror_index)
    assert vague.decision == "candidates"
    assert vague.organisation_iri is None
    assert "https://ror.org/05jscf583" in {c.iri for c in vague.candidates}  # Harbin Medical University
    assert unknown.decision == "none"
    assert unknown.organisation_iri is None
    assert unknown.candidates == []
    as_dict = vague.to_dict()
    assert as_dict["row"] == 2
    assert as_dict["resolution"] == vague.resolution.to_dict()
