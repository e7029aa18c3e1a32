"""Partner screening: binding sanctions, connections as context only, inherited exposure with its path."""

from __future__ import annotations

import logging

import pytest
from policy_builders import ASPI, CN, ENTITY, NRO, S1286, SDN, coverage, exposure, listing, org, report

from queries.policies import SEVERITY, evaluate_partner, load_profiles, strongest
from queries.screen.models import PolicyVerdict, RuleVerdict

PROFILES = load_profiles()
PARTNER = "Northern Example Trading Co"
HIT = "Harbin Institute of Technology"


def by_profile(verdicts: list[PolicyVerdict]) -> dict[str, PolicyVerdict]:
    return {v.profile: v for v in verdicts}


def rule(v: PolicyVerdict, rule_id: str) -> RuleVerdict:
    return next(r for r in v.rules if r.rule == rule_id)


def test_binding_listing_in_force_is_restricted() -> None:
    verdicts = evaluate_partner(report(PARTNER, listings=[listing(SDN, PARTNER)]), PROFILES)
    binding = by_profile(verdicts)["binding_sanctions"]
    assert binding.verdict == "restricted"
    assert strongest(verdicts) == "restricted"
    facts = " | ".join(rule(binding, "binding_listing").facts)
    assert "OFAC Specially Designated Nationals List" in facts
    assert "edition 2021-06-01" in facts
    assert "binding_restriction" in facts
    assert f"name as listed '{PARTNER}'" in facts
    assert binding.version
    assert "http" in binding.citation


def test_same_listing_not_in_force_is_clear_and_says_why() -> None:
    verdicts = evaluate_partner(report(PARTNER, listings=[listing(SDN, PARTNER, in_force=False)]), PROFILES)
    binding = by_profile(verdicts)["binding_sanctions"]
    assert binding.verdict == "clear"
    assert strongest(verdicts) == "clear"
    r = rule(binding, "binding_listing")
    assert any("not in force" in f and "OFAC" in f for f in r.facts)  # shown, not hidden
    assert any("[ofac_sdn" in c for c in r.checked)  # what was checked is named


def test_connection_alone_never_flags_and_is_mentioned_as_context() -> None:
    partner = org(PARTNER)
    target = org(HIT)
    chain = exposure(partner, target, [listing(ref, HIT) for ref in (SDN, NRO, S1286, ENTITY, ASPI, CN)],
                     channel="connection", relation="CO_AUTHORED_WITH")
    verdicts = evaluate_partner(report(PARTNER, connections=[chain]), PROFILES)
    assert {v.profile for v in verdicts} == {"advisory", "binding_sanctions", "ca_strac",
                                            "us_dod_fundamental_research"}
    for v in verdicts:
        assert v.verdict == "clear", v.profile
        context = [f for r in v.rules for f in r.facts if "connection" in f]
        assert any(HIT in f and "CO_AUTHORED_WITH" in f for f in context), v.profile


def test_child_of_a_listed_organisation_cites_the_path() -> None:
    lab = org("State Key Laboratory of Robotics and Systems")
    parent = exposure(lab, org(HIT), [listing(S1286, HIT), listing(ENTITY, HIT)])
    verdicts = by_profile(evaluate_partner(report(lab.name or "", inherited=[parent]), PROFILES))
    dod = verdicts["us_dod_fundamental_research"]
    assert dod.verdict != "clear"
    path = f"{lab.name} — SUB_ORGANISATION_OF → {HIT}"
    facts = [f for r in dod.rules for f in r.facts]
    assert any(path in f and "DoD Section 1286 list" in f and "edition fy2025" in f for f in facts)
    assert any(path in f and "BIS Entity List" in f for f in facts)
    # a sub-unit is not itself listed: the binding profile asks for review rather than 'restricted'
    assert verdicts["binding_sanctions"].verdict == "review"


def test_inherited_exposure_through_an_expired_relation_is_context_only() -> None:
    lab = org("Former Joint Lab")
    old = exposure(lab, org(HIT), [listing(SDN, HIT)], current=False)
    verdicts = by_profile(evaluate_partner(report("Former Joint Lab", inherited=[old]), PROFILES))
    binding = verdicts["binding_sanctions"]
    assert binding.verdict == "clear"
    assert any("not valid at" in f for f in rule(binding, "binding_listing").facts)


def test_direct_1286_listing_is_not_eligible_for_dod_funding() -> None:
    dod = by_profile(evaluate_partner(report(HIT, listings=[listing(S1286, HIT)]), PROFILES))
    assert dod["us_dod_fundamental_research"].verdict == "not_eligible"
    assert any("UNVERIFIED" in f for r in dod["us_dod_fundamental_research"].rules for f in r.facts)


def test_aspi_only_gives_advisory() -> None:
    verdicts = evaluate_partner(report(HIT, listings=[listing(ASPI, HIT)]), PROFILES)
    assert by_profile(verdicts)["advisory"].verdict == "advisory"
    assert strongest(verdicts) == "advisory"


def test_nothing_loaded_is_incomplete_never_clear() -> None:
    verdicts = by_profile(evaluate_partner(report(PARTNER, covered=[]), PROFILES))
    binding = verdicts["binding_sanctions"]
    assert binding.verdict == "incomplete"
    assert any("Not checked" in c for c in rule(binding, "binding_listing").checked)


def test_clear_partner_says_what_was_checked() -> None:
    verdicts = evaluate_partner(report(PARTNER, covered=coverage([SDN, ENTITY])), PROFILES)
    binding = by_profile(verdicts)["binding_sanctions"]
    assert binding.verdict == "clear"
    checked = " | ".join(rule(binding, "binding_listing").checked)
    assert "[ofac_sdn" in checked
    assert "[us_bis_entity_list" in checked
    assert "connections" in checked


def test_ambiguous_partner_name_is_incomplete() -> None:
    r = report(PARTNER).model_copy(update={"subject": None})
    r = r.model_copy(update={"resolution": r.resolution.model_copy(update={"decision": "candidates"})})
    assert by_profile(evaluate_partner(r, PROFILES))["binding_sanctions"].verdict == "incomplete"


@pytest.mark.parametrize(("labels", "expected"), [
    (["advisory", "restricted", "clear"], "restricted"),
    (["clear", "incomplete"], "incomplete"),
    (["mitigation_required", "review", "not_eligible"], "not_eligible"),
    ([], "clear"),
])
def test_strongest_follows_the_documented_order(labels: list[str], expected: str) -> None:
    assert strongest(labels) == expected
    assert SEVERITY[0] == "restricted"
    assert SEVERITY[-1] == "clear"


def test_logs_never_contain_the_screened_names(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    evaluate_partner(report(PARTNER, listings=[listing(SDN, PARTNER)]), PROFILES)
    assert caplog.records
    assert all(PARTNER not in rec.getMessage() for rec in caplog.records)
