"""``rskg areas``: readable per-scheme output with matched terms, one JSON object with --json, the mapping
table with --mappings, a clear error without text."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rskg.cli import main


def test_text_output_lists_schemes_concepts_and_matched_terms() -> None:
    result = CliRunner().invoke(main, ["areas", "quantum sensing for submarine detection"])
    assert result.exit_code == 0, result.output
    assert "Quantum technologies" in result.output
    assert "Advanced sensing technologies" in result.output
    assert "Sensors and lasers" in result.output
    assert 'matched: "Quantum Sensing"' in result.output
    assert "Sensitive areas found in" in result.output


def test_green_statement_for_unrelated_text() -> None:
    result = CliRunner().invoke(main, ["areas", "medieval French poetry"])
    assert result.exit_code == 0
    assert "No sensitive area found in schemes" in result.output


def test_json_is_one_object() -> None:
    result = CliRunner().invoke(main, ["areas", "--json", "hypersonic glide vehicle"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    schemes = {s["scheme"]: s for s in data["schemes"]}
    assert schemes["us-cet"]["found"]
    assert schemes["us-cet"]["hits"][0]["matched_terms"]


def test_mappings_table_shows_relation_and_justification() -> None:
    result = CliRunner().invoke(main, ["areas", "--mappings"])
    assert result.exit_code == 0
    assert "closeMatch ca-stra/10 Quantum Science and Technology" in result.output
    assert "because:" in result.output
    data = json.loads(CliRunner().invoke(main, ["areas", "--mappings", "--json"]).output)
    assert all(row["justification"] for row in data["mappings"])


def test_verbose_shows_why_a_concept_was_derived() -> None:
    result = CliRunner().invoke(main, ["areas", "-v", "auxetic materials"])
    assert "via broadMatch from ca-stra/3" in result.output
    assert "recycling" in result.output  # the mapping's justification


def test_missing_text_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["areas"])
    assert result.exit_code != 0
    assert "give a TEXT" in result.output
