"""Team screening: STRAC over researchers and project areas, DoD time windows, per-researcher verdicts."""

from __future__ import annotations

import datetime as dt

import pytest
from policy_builders import (
    ENTITY,
    NRO,
    S1286,
    exposure,
    fact,
    listing,
    org,
    project,
    report,
    team,
    unresolved,
)

from queries.policies import evaluate_team, load_profiles
from queries.screen.models import (
    Exposure,
    OrgRef,
    PolicyVerdict,
    RuleVerdict,
    ScreeningReport,
)

PROFILES = load_profiles()
HIT = "Harbin Institute of Technology"
STRA = "ca-stra/7.1"  # a concept of the Canadian Sensitive Technology Research Areas
NOT_STRA = "eu-cta/1"
DOD = "us_dod_fundamental_research"


def verdict(verdicts: list[PolicyVerdict], profile: str) -> PolicyVerdict:
    return next(v for v in verdicts if v.profile == profile)


def rule(v: PolicyVerdict, rule_id: str) -> RuleVerdict:
    return next(r for r in v.rules if r.rule == rule_id)


def nro_report() -> ScreeningReport:
    return report(HIT, listings=[listing(NRO, HIT), listing(S1286, HIT), listing(ENTITY, HIT)])


def test_current_nro_affiliation_on_stra_project_is_not_eligible() -> None:
    hit = report(HIT, listings=[listing(NRO, HIT)])
    clean = report("University of Toronto")
    t = team({"Researcher A": [fact("affiliation", HIT, hit)],
              "Researcher B": [fact("affiliation", "University of Toronto", clean)]}, project(STRA))
    team_verdicts, per_person = evaluate_team(t, PROFILES)

    strac = verdict(team_verdicts, "ca_strac")
    assert strac.verdict == "not_eligible"
    evidence = " | ".join(rule(strac, "nro_affiliation_funding").facts)
    assert "Researcher A" in evidence
    assert "Canada Named Research Organizations" in evidence
    assert "edition 2024-04-18" in evidence
    assert "policy_exclusion" in evidence
    assert f"name as listed '{HIT}'" in evidence
    assert "attest" in evidence  # the project advances a STRA: attestation required
    assert "Researcher B" not in evidence

    assert verdict(per_person["Researcher A"], "ca_strac").verdict == "not_eligible"
    assert verdict(per_person["Researcher B"], "ca_strac").verdict == "clear"
    b_rule = rule(verdict(per_person["Researcher B"], "ca_strac"), "nro_affiliation_funding")
    checked = " | ".join(b_rule.checked)
    assert "[ca_nro" in checked
    assert "2024-04-18" in checked
    assert "affiliation" in checked


@pytest.mark.parametrize("relation", ["funding", "in_kind"])
def test_current_funding_or_in_kind_from_nro_also_counts(relation: str) -> None:
    hit = report(HIT, listings=[listing(NRO, HIT)])
    t = team({"Researcher A": [fact(relation, HIT, hit)]}, project(STRA))
    assert verdict(evaluate_team(t, PROFILES)[0], "ca_strac").verdict == "not_eligible"


def test_coauthorship_with_nro_does_not_make_strac_ineligible() -> None:
    t = team({"Researcher A": [fact("coauthorship", HIT, report(HIT, listings=[listing(NRO, HIT)]))]},
             project(STRA))
    assert verdict(evaluate_team(t, PROFILES)[0], "ca_strac").verdict == "clear"


def test_ended_affiliation_is_clear_but_shown_as_context() -> None:
    past = fact("affiliation", HIT, report(HIT, listings=[listing(NRO, HIT)]), start="2015-09",
                end="2023-12-31", current=False)
    team_verdicts, per_person = evaluate_team(team({"Researcher A": [past]}, project(STRA)), PROFILES)
    strac = verdict(team_verdicts, "ca_strac")
    assert strac.verdict == "clear"
    facts = " | ".join(rule(strac, "nro_affiliation_funding").facts)
    assert "ended 2023-12-31" in facts
    assert "not counted" in facts
    assert "current" in facts
    assert "Canada Named Research Organizations" in facts  # the past listing is still named
    assert verdict(per_person["Researcher A"], "ca_strac").verdict == "clear"


def test_project_without_stra_area_needs_no_attestation() -> None:
    t = team({"Researcher A": [fact("affiliation", HIT, report(HIT, listings=[listing(NRO, HIT)]))]},
             project(NOT_STRA))
    strac = verdict(evaluate_team(t, PROFILES)[0], "ca_strac")
    assert strac.verdict == "clear"
    facts = rule(strac, "nro_affiliation_funding").facts
    assert "attestation not required" in facts[0]
    assert any(HIT in f and "not counted" in f for f in facts)  # the affiliation is context, not hidden


def test_project_not_classified_for_stra_is_incomplete_not_clear() -> None:
    clean = report("University of Toronto")
    not_for_stra = project(schemes=("eu-cta",))
    t = team({"Researcher A": [fact("affiliation", "University of Toronto", clean)]}, not_for_stra)
    assert verdict(evaluate_team(t, PROFILES)[0], "ca_strac").verdict == "incomplete"


def test_affiliation_with_a_lab_of_an_nro_is_flagged_for_review_with_the_path() -> None:
    lab = org("State Key Laboratory of Robotics and Systems")
    lab_report = report("State Key Laboratory of Robotics and Systems", inherited=[_inherited(lab)])
    t = team({"Researcher A": [fact("affiliation", "SKL Robotics", lab_report)]}, project(STRA))
    strac = verdict(evaluate_team(t, PROFILES)[0], "ca_strac")
    assert strac.verdict == "review"
    path = f"{lab.name} — SUB_ORGANISATION_OF → {HIT}"
    assert any(path in f for f in rule(strac, "nro_affiliation_funding").facts)


def _inherited(lab: OrgRef) -> Exposure:
    return exposure(lab, org(HIT), [listing(NRO, HIT), listing(S1286, HIT), listing(ENTITY, HIT)])


def test_dod_current_affiliation_with_1286_institution_is_not_eligible() -> None:
    t = team({"Researcher A": [fact("affiliation", HIT, nro_report())]}, project(NOT_STRA))
    dod = verdict(evaluate_team(t, PROFILES)[0], "us_dod_fundamental_research")
    assert dod.verdict == "not_eligible"
    facts = " | ".join(rule(dod, "s238_current_affiliation").facts)
    assert "DoD Section 1286 list" in facts
    assert "edition fy2025" in facts
    assert "UNVERIFIED" in facts


def test_dod_coauthorship_counts_within_five_years_only() -> None:
    recent = fact("coauthorship", HIT, nro_report(), start="2022-03", end="2022-03", current=False)
    old = fact("coauthorship", HIT, nro_report(), start="2019-05", end="2019-05", current=False, row=2)
    dod_recent = verdict(evaluate_team(team({"R": [recent]}, project()), PROFILES)[0], DOD)
    assert rule(dod_recent, "coauthorship_5y").verdict == "mitigation_required"

    dod_old = verdict(evaluate_team(team({"R": [old]}, project()), PROFILES)[0], DOD)
    co = rule(dod_old, "coauthorship_5y")
    assert co.verdict == "clear"
    assert any("not counted" in f and "5 years" in f for f in co.facts)
    assert any("2021-06-01" in c for c in co.checked)  # the window start is stated


def test_dod_coauthorship_rule_not_in_effect_before_2026_matrix() -> None:
    recent = fact("coauthorship", HIT, nro_report(), start="2022-03", end="2022-03", current=False)
    t = team({"R": [recent]}, project(), as_of=dt.date(2026, 1, 15))
    co = rule(verdict(evaluate_team(t, PROFILES)[0], "us_dod_fundamental_research"), "coauthorship_5y")
    assert co.verdict == "clear"
    assert "Not in effect" in co.facts[0]
    assert "2026-05-08" in co.facts[0]


def test_unresolved_current_affiliation_makes_the_check_incomplete() -> None:
    ambiguous = unresolved("affiliation", "Institute of Physics")
    strac = verdict(evaluate_team(team({"R": [ambiguous]}, project(STRA)), PROFILES)[0], "ca_strac")
    assert strac.verdict == "incomplete"
    facts = rule(strac, "nro_affiliation_funding").facts
    assert any("Institute of Physics" in f and "several" in f for f in facts)


def test_repeated_researcher_names_get_separate_keys() -> None:
    t = team({"R": []}, project())
    t.people.append(t.people[0].model_copy())
    _, per_person = evaluate_team(t, PROFILES)
    assert set(per_person) == {"R", "R #2"}


@pytest.mark.parametrize("scheme", ["ca-stra", "https://w3id.org/rskg/taxonomy/ca-stra", None])
def test_stra_area_is_recognised_whatever_form_the_scheme_takes(scheme: str | None) -> None:
    proj = project(STRA)
    proj.concepts[0] = proj.concepts[0].model_copy(update={"scheme": scheme})
    t = team({"Researcher A": [fact("affiliation", HIT, report(HIT, listings=[listing(NRO, HIT)]))]}, proj)
    assert verdict(evaluate_team(t, PROFILES)[0], "ca_strac").verdict == "not_eligible"


def test_end_use_concepts_do_not_trigger_strac() -> None:
    proj = project("end-use/military")
    t = team({"Researcher A": [fact("affiliation", HIT, report(HIT, listings=[listing(NRO, HIT)]))]}, proj)
    assert verdict(evaluate_team(t, PROFILES)[0], "ca_strac").verdict == "clear"
