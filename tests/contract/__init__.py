"""Contract tests: one suite, run against every graph backend (fixtures in conftest.py). This module holds
what the test modules share: sample data, rows, the known gaps of each backend."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from graph.base import GraphStore
from graph.projection import Row
from graph.schema import GraphSchema, NodeSpec, PropSpec, RelSpec, graph_schema
from rskg.settings import Settings

REPO = Path(__file__).resolve().parents[2]
ROR_SAMPLE = REPO / "samples" / "ror" / "ror_sample_v2.jsonl.gz"
HIT = "https://ror.org/01yqg2h08"
# A small, connected slice of the ROR sample: HIT, its children and namesakes, orgs named in Russian, and the
# first records of the file (some with relations to records outside the slice: loaded as references).
SAMPLE_IDS = {HIT, "https://ror.org/05s6mpv98", "https://ror.org/0211bs523", "https://ror.org/02e7r0h80",
              "https://ror.org/00ab9fg88", "https://ror.org/00erx8914", "https://ror.org/00hsky907"}
SAMPLE_HEAD = 25

# backend → gap → reason. "arcadedb" is the neo4j backend talking to ArcadeDB's Bolt plugin
# (docs/arcadedb-evaluation.md).
KNOWN_GAPS: dict[str, dict[str, str]] = {
    "arcadedb": {
        "timeout": "ArcadeDB's Bolt plugin ignores transaction timeouts (evaluation, difference 1)",
        "schema_rollback": "ArcadeDB applies DROP INDEX / DROP CONSTRAINT at once, even in a READ session's "
                           "rolled-back transaction: only the text gate (check_read_only) stops them there",
    },
    "ladybug": {},
}

StoreFactory = Callable[..., GraphStore]


def neo4j_env_settings() -> Settings:
    """Settings for the Bolt server named by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE."""
    password = os.environ.get("NEO4J_PASSWORD")
    return Settings(_env_file=None, backend="neo4j",  # type: ignore[call-arg]
                    neo4j_uri=os.environ["NEO4J_URI"], neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
                    neo4j_password=SecretStr(password) if password is not None else None,
                    neo4j_database=os.environ.get("NEO4J_DATABASE", "neo4j"))


def ror_records() -> list[dict[str, Any]]:
    with gzip.open(ROR_SAMPLE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def gaps_of(backend: str, agent: str = "") -> dict[str, str]:
    if backend == "neo4j":
        return KNOWN_GAPS["arcadedb"] if "arcadedb" in agent.lower() else {}
    return KNOWN_GAPS.get(backend, {})


_ORG = graph_schema().nodes["Organisation"].props
ORG_LISTS = sorted({n for n, p in _ORG.items() if p.many}
                   | {f"{n}_langs" for n, p in _ORG.items() if p.many and p.langs})


def org(iri: str, **props: Any) -> Row:
    """An Organisation row as the projection makes it: every list column a list."""
    return {"iri": iri, **{name: [] for name in ORG_LISTS}, **props}


def nodes(store: GraphStore, label: str) -> dict[str, Row]:
    return {row["iri"]: row for kind, row in store.export_rows() if kind == label}


def rels(store: GraphStore, rtype: str) -> dict[str, Row]:
    return {row["iri"]: row for kind, row in store.export_rows() if kind == rtype}


TYPED = GraphSchema(
    nodes={"Thing": NodeSpec("Thing", props={
        "text": PropSpec("text", "STRING", many=False), "number": PropSpec("number", "INT64", many=False),
        "ratio": PropSpec("ratio", "DOUBLE", many=False), "flag": PropSpec("flag", "BOOLEAN", many=False),
        "words": PropSpec("words", "STRING", many=True), "counts": PropSpec("counts", "INT64", many=True)})},
    rels={"LINKS": RelSpec("LINKS", ends={("Thing", "Thing")}, props={
        "weight": PropSpec("weight", "DOUBLE", many=False), "note": PropSpec("note", "STRING", many=False)})},
    class_label={}, nary={}, edge_props={}, data_props={}, value_props={})
VALUES: list[Row] = [
    {"iri": "urn:t:zh", "text": "哈尔滨工业大学", "number": 2**40 + 1, "ratio": -0.125, "flag": True,
     "words": ["哈工大", "HIT"], "counts": [1, -2, 3]},
    {"iri": "urn:t:ru", "text": "Московский государственный университет", "number": -7, "ratio": 1e-300,
     "flag": False, "words": ["МГУ", "Ё"], "counts": []},
    {"iri": "urn:t:emoji", "text": "🧪 lab “quoted” \\ 'single' \"double\"", "number": 0, "ratio": 3.0,
     "flag": None, "words": ["🚀", ""], "counts": [0]},
    {"iri": "urn:t:none", "text": None, "number": None, "ratio": None, "flag": None, "words": [],
     "counts": []},
]


RUNAWAY = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE (a * b) % 7919 = 1 "
           "RETURN count(*) AS c")


WRITES = [
    "CREATE (n:Organisation {iri: 'urn:o:new'})",
    "MERGE (n:Organisation {iri: 'urn:o:new'}) RETURN n",
    "MATCH (n:Organisation) SET n.name = 'pwned' RETURN n",
    "MATCH (n:Organisation) DELETE n",
    "MATCH (n:Organisation) DETACH DELETE n",
    "MATCH (n:Organisation) REMOVE n.name RETURN n",
    "DROP INDEX rskg_Organisation_name",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL db.labels()",
    "call dbms.components() yield name return name",
    "MATCH (n) RETURN n; CREATE (m:Organisation {iri: 'urn:o:new'})",
    "MATCH (n) RETURN n /* ; */ ; CREATE (m)",
    "MATCH (n) RETURN n\n// comment\n;\nCREATE (m)",
    "match (n) with n foreach (x in [1] | set n.name = 'pwned') return n",
    "UNWIND [1] AS x CALL { CREATE (m:Organisation {iri: 'urn:o:new'}) } RETURN x",
]
