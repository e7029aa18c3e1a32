"""Profiles as files: packaged ones are complete and cited, a new file needs no code, bad files fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policy_builders import CN, NRO, fact, listing, project, report, team

from queries.policies import (
    PROFILES_DIR,
    ProfileError,
    evaluate_partner,
    evaluate_team,
    load_profile,
    load_profiles,
)

NEW_PROFILE = """
id: test_countermeasures
title: Example institutional policy on counter-sanctioned partners
version: "0.1"
effective: 2025-01-01
jurisdiction: XX
citations:
  - title: Example institutional policy
    url: https://example.org/policy
rules:
  - id: countersanctioned_partner
    title: Partner on a counter-sanctions list
    scope: partner
    lists: {legal_effects: [informational], jurisdictions: [CN]}
    verdict: review
    explanation: The institution reviews partnerships with counter-sanctioned organisations.
  - id: nro_funding_any_time
    title: Funding from a Named Research Organization at any time
    scope: person
    relations: [funding]
    time: {mode: any}
    lists: {keys: [ca_nro]}
    verdict: mitigation_required
    explanation: Any funding from a Named Research Organization needs a mitigation plan.
"""


def test_packaged_profiles_are_complete_and_cited() -> None:
    profiles = load_profiles()
    assert {p.id for p in profiles} >= {"ca_strac", "us_dod_fundamental_research", "binding_sanctions",
                                        "advisory"}
    for p in profiles:
        assert p.version
        assert p.effective
        assert p.jurisdiction
        assert all(c.url.startswith("http") and c.title for c in p.citations)
        assert p.rules


def test_unverified_points_are_declared_in_the_dod_profile() -> None:
    dod = load_profile(PROFILES_DIR / "us_dod_fundamental_research.yaml")
    assert dod.unverified
    assert any("UNVERIFIED" in (r.time.basis or "") or r.unverified for r in dod.rules if r.scope == "person")


def test_new_profile_file_is_loaded_and_evaluated_without_code(tmp_path: Path) -> None:
    (tmp_path / "countermeasures.yaml").write_text(NEW_PROFILE, encoding="utf-8")
    profiles = load_profiles(tmp_path)
    assert [p.id for p in profiles] == ["test_countermeasures"]

    partner = evaluate_partner(report("Example Defence Corp", listings=[listing(CN, "Example Defence Corp")]),
                               profiles)
    assert [(v.profile, v.verdict) for v in partner] == [("test_countermeasures", "review")]
    assert "https://example.org/policy" in partner[0].citation

    nro = report("HIT", listings=[listing(NRO, "HIT")])
    old_funding = fact("funding", "HIT", nro, start="2010-01", end="2012-12-31", current=False)
    t = team({"R": [old_funding]}, project())
    team_verdicts, per_person = evaluate_team(t, profiles)
    assert team_verdicts[0].verdict == "mitigation_required"  # mode 'any' counts a funding ended in 2012
    assert per_person["R"][0].verdict == "mitigation_required"


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "field"), [
    (("verdict: review", "verdict: forbidden"), r"rules\[0\] \(id countersanctioned_partner\)\.verdict"),
    (("    lists: {keys: [ca_nro]}\n", ""), r"rules\[1\] \(id nro_funding_any_time\)\.lists"),
    (("time: {mode: any}", "time: {mode: within_years}"), r"rules\[1\] \(id nro_funding_any_time\)\.time"),
    (("url: https://example.org/policy", "url: example.org"), r"citations\[0\]\.url"),
    (("    scope: partner\n", "    scope: partner\n    relations: [funding]\n"), r"rules\[0\]"),
    (("effective: 2025-01-01", "effective: soon"), r"effective"),
    (("title: Partner on", "titel: Partner on"), r"titel"),
])
def test_malformed_profile_names_file_and_field(tmp_path: Path, edit: tuple[str, str], field: str) -> None:
    old, new = edit
    assert old in NEW_PROFILE
    write(tmp_path, NEW_PROFILE.replace(old, new, 1))
    with pytest.raises(ProfileError) as err:
        load_profiles(tmp_path)
    assert "bad.yaml" in err.value.detail
    assert re.search(field, err.value.detail), err.value.detail


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "id: x\nrules: [\n  - oops: {\n")
    with pytest.raises(ProfileError, match=r"bad\.yaml: not valid YAML at line \d+"):
        load_profiles(tmp_path)


def test_not_a_mapping_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "- just\n- a list\n")
    with pytest.raises(ProfileError, match="expected a mapping"):
        load_profiles(tmp_path)


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    write(tmp_path, NEW_PROFILE, "a.yaml")
    write(tmp_path, NEW_PROFILE, "b.yaml")
    duplicate = r"b\.yaml: id 'test_countermeasures' is already used by .*a\.yaml"
    with pytest.raises(ProfileError, match=duplicate):
        load_profiles(tmp_path)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="does not exist"):
        load_profiles(tmp_path / "nowhere")
