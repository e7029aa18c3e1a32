"""The classifier as a user sees it: which concepts of which scheme a text lands on, explained by matched
terms; an explicit green statement when nothing matched; mappings carrying hits across schemes."""

from __future__ import annotations

import json

import pytest

from queries.areas import AreaReport, Hit, classify, classify_topics, get_taxonomy
from queries.areas.models import TAXONOMY_BASE
from rskg.errors import InputError


def _hits(report: AreaReport, scheme: str) -> dict[str, Hit]:
    return {h.label: h for r in report.schemes if r.scheme == scheme for h in r.hits}


def _labels(report: AreaReport, scheme: str) -> set[str]:
    return set(_hits(report, scheme))


def test_quantum_sensing_for_submarine_detection_lands_in_every_technology_scheme() -> None:
    report = classify("quantum sensing for submarine detection")
    assert report.found
    assert {"Quantum technologies", "Advanced sensing technologies"} <= _labels(report, "eu-cta")
    assert {
        "Quantum Science and Technology",
        "Quantum Sensing",
        "Advanced Sensing and Surveillance",
    } <= _labels(report, "ca-stra")
    assert {
        "Quantum Information and Enabling Technologies",
        "Advanced and Networked Sensing and Signature Management",
    } <= _labels(report, "us-cet")
    assert "Sensors and lasers" in _labels(report, "eu-dual-use")
    for hit in report.hits():
        assert hit.matched_terms, hit.label
        assert 0 < hit.confidence < 1
    quantum = _hits(report, "ca-stra")["Quantum Sensing"]
    assert quantum.direct
    assert any(m.text.lower() == "quantum sensing" for m in quantum.matches)


def test_unrelated_text_gets_an_explicit_green_statement_naming_every_scheme() -> None:
    report = classify("medieval French poetry")
    assert not report.found
    assert report.hits() == []
    assert report.statement.startswith("No sensitive area found in schemes")
    for key in ("eu-cta", "ca-stra", "us-cet", "eu-dual-use", "end-use"):
        assert f"({key})" in report.statement
    assert all(not r.found and "no concept" in r.summary for r in report.schemes)


def test_partial_findings_say_which_schemes_were_clear() -> None:
    report = classify("auxetic materials")
    assert report.found
    clear = [r.scheme for r in report.schemes if not r.found]
    assert "end-use" in clear
    assert "No sensitive area found in" in report.statement
    assert "(end-use)" in report.statement


@pytest.mark.parametrize(
    ("text", "scheme", "label"),
    [
        ("hypersonic glide vehicle", "us-cet", "Hypersonics"),
        ("hypersonic glide vehicle", "end-use", "Missiles and delivery systems"),
        ("quantum key distribution", "eu-cta", "Quantum cryptography"),
        ("quantum key distribution", "ca-stra", "Quantum Communications"),
        ("facial recognition for crowd monitoring", "ca-stra", "Advanced Biometric Recognition Technologies"),
        ("facial recognition for crowd monitoring", "eu-cta", "Computer vision"),
        ("facial recognition for crowd monitoring", "end-use", "Surveillance and human-rights abuse"),
    ],
)
def test_example_texts_from_the_issue(text: str, scheme: str, label: str) -> None:
    assert label in _labels(classify(text), scheme)


@pytest.mark.parametrize(
    ("variant", "label"),
    [
        ("Hypersonic Glide Vehicles", "Hypersonics"),  # case and plural
        ("gene drives in mosquitoes", "Gene-drive"),  # hyphen and plural
        ("a gene drive", "Gene-drive"),
        ("genetically engineered crops", "Genomic Sequencing and Genetic Engineering"),  # inflection
        ("machine learning for materials", "Machine Learning (ML)"),  # bracketed acronym dropped
        ("new side-scan sonar", "Side Scan Sonar"),
        ("multispectral imaging", "Imaging and Optical Devices and Sensors"),  # closed compound
        ("multi-spectral imaging", "Imaging and Optical Devices and Sensors"),
    ],
)
def test_morphology_case_plural_hyphen(variant: str, label: str) -> None:
    assert label in {h.label for h in classify(variant, propagate=False).hits()}


def test_acronyms_match_only_in_capitals() -> None:
    assert "Artificial Intelligence" in _labels(classify("AI for drug discovery"), "us-cet")
    assert "Artificial Intelligence" in _labels(classify("UAVs and AI"), "us-cet")
    assert not classify("Ai Weiwei retrospective").found


@pytest.mark.parametrize(
    "text",
    [
        "The computer lab and electronics workshop host marine biology students.",  # generic official labels
        "It makes sense to teach the history of technology.",  # 'sense' is not 'sensing'
        "Epidemiological surveillance of influenza in schools.",  # public-health surveillance
        "Immune defense mechanisms in plants.",
        "Artificial sweeteners and consumer intelligence tests.",
        "Antimicrobial resistance surveillance in hospital wastewater.",
        "Nuclear magnetic resonance studies of small organic molecules.",
        "A thesis defense on the sociology of migration.",
        "Quantum chemistry calculations of catalyst surfaces.",
    ],
)
def test_no_false_hits_on_generic_or_ambiguous_words(text: str) -> None:
    report = classify(text)
    assert not report.found, [(h.label, h.matched_terms) for h in report.hits()]


def test_a_hit_propagates_to_the_broader_concept_and_across_a_mapping_with_its_reason() -> None:
    report = classify("auxetic materials")
    canada = _hits(report, "ca-stra")
    assert canada["Auxetic materials"].direct
    parent = canada["Advanced Materials"]
    assert not parent.direct
    assert parent.via[0].kind == "broader"
    eu = _hits(report, "eu-cta")["Advanced materials, manufacturing, and recycling technologies"]
    assert not eu.direct
    assert eu.matched_terms == ("Auxetic materials",)
    assert any(v.kind == "broadMatch" and v.justification for v in eu.via)
    assert eu.confidence < canada["Auxetic materials"].confidence
    assert not classify("auxetic materials", propagate=False).schemes[0].found


def test_mappings_never_narrow_a_hit() -> None:
    """'recycling technologies' names only the EU area 10; the Canadian, US and dual-use concepts mapped as
    narrower than it must not be reported."""
    report = classify("recycling technologies")
    assert _labels(report, "eu-cta") == {"Advanced materials, manufacturing, and recycling technologies"}
    assert not _labels(report, "ca-stra")
    assert not _labels(report, "us-cet")
    assert not _labels(report, "eu-dual-use")


@pytest.mark.parametrize(
    ("topic", "concept"),
    [
        ("naval architecture", "eu-dual-use/8"),
        ("underwater acoustics", "ca-stra/4"),
        ("nuclear", "eu-dual-use/0"),
        ("Nuclear Science and Technology", "ca-stra/2.2"),
        ("Armament science and technology", "end-use/military"),
        ("Aeronautical and astronautical science and technology", "ca-stra/6"),
        ("Cyber", "ca-stra/1.4"),
        ("Stealth technology", "us-cet/4"),
    ],
)
def test_aspi_research_topics_land_on_concepts(topic: str, concept: str) -> None:
    rows = classify_topics([topic])
    assert concept in {iri.removeprefix(TAXONOMY_BASE) for iri, _, _ in rows}
    for iri, confidence, terms in rows:
        assert iri in get_taxonomy().concepts
        assert 0 < confidence < 1
        assert terms


def test_classify_topics_pools_topics_and_ranks_by_confidence() -> None:
    rows = classify_topics(["naval architecture", "", "underwater acoustics", "medieval poetry"])
    confidences = [c for _, c, _ in rows]
    assert confidences == sorted(confidences, reverse=True)
    assert len({iri for iri, _, _ in rows}) == len(rows)
    assert classify_topics(["medieval poetry", "labour economics"]) == []


def test_report_is_json_serialisable() -> None:
    data = json.loads(json.dumps(classify("quantum key distribution").to_dict()))
    assert data["found"] is True
    first = data["schemes"][0]["hits"][0]
    assert {"concept", "confidence", "matched_terms", "matches", "via"} <= set(first)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 100_001])
def test_bad_input_gets_a_clear_error(bad: str) -> None:
    with pytest.raises(InputError):
        classify(bad)


def test_non_string_input_is_refused() -> None:
    with pytest.raises(InputError, match="string"):
        classify(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="string"):
        classify_topics([None])  # type: ignore[list-item]
