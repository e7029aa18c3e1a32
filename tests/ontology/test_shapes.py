"""Every shape has data that conforms and data that violates it, with the expected violations.

Fixtures: tests/fixtures/shapes/<Shape>.valid.ttl and <Shape>.invalid.ttl; the first line of each lists the
expected violation messages (``# expect: a | b``), checked as a set against what the validator reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from ingest.validate import validate_graph, validation_graph
from ontology import SHAPES_DIR

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
SH = Namespace("http://www.w3.org/ns/shacl#")
RSKGSH = "https://w3id.org/rskg/shapes#"


def _shape_names() -> list[str]:
    shapes = Graph().parse(SHAPES_DIR / "rskg.ttl")
    return sorted(
        str(s)[len(RSKGSH) :]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s).startswith(RSKGSH)
    )


def _case(path: Path) -> tuple[Graph, set[str]]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:"), path
    expected = {m.strip() for m in first[len("# expect:") :].split("|") if m.strip()}
    return Graph().parse(path), expected


@pytest.mark.parametrize("shape", _shape_names())
def test_shape_has_a_conforming_example(shape: str) -> None:
    data, expected = _case(FIXTURES / f"{shape}.valid.ttl")
    assert expected == set()
    assert [v.reason() for v in validate_graph(validation_graph([data]))] == []


@pytest.mark.parametrize("shape", _shape_names())
def test_shape_has_a_violating_example_with_the_expected_violations(shape: str) -> None:
    data, expected = _case(FIXTURES / f"{shape}.invalid.ttl")
    assert expected, "an invalid example must expect violations"
    assert {v.message for v in validate_graph(validation_graph([data]))} == expected
