#!/usr/bin/env python3
"""Probe ArcadeDB's Bolt server with exactly the operations rskg's Neo4j backend uses.

Runs every probe through the official ``neo4j`` driver and prints one table row per probe:

    PASS  behaves like Neo4j
    DIFF  works, but differs from Neo4j in a way a test has to tolerate (the detail says how)
    FAIL  wrong result, or a Neo4j behaviour our driver code relies on is missing

Usage::

    .venv/bin/python bench/arcadedb_probe.py                 # starts its own server (temp dir)
    .venv/bin/python bench/arcadedb_probe.py --uri bolt://127.0.0.1:7687 --password ...
    .venv/bin/python bench/arcadedb_probe.py --quick          # 1k nodes / 5k relationships
    .venv/bin/python bench/arcadedb_probe.py --json out.json  # also write the rows as JSON

Exit status: 0 when no probe FAILs, 1 otherwise.  Results are discussed in
docs/arcadedb-evaluation.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, Query
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    CypherSyntaxError,
    CypherTypeError,
    Neo4jError,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "contract"))

ORG = "Organisation"
REL = "SUB_ORGANISATION_OF"
BASE = "https://rskg.example/"

NODE_MERGE = "UNWIND $rows AS row MERGE (n:Organisation {iri: row.iri}) SET n += row.props"
NODE_SET = "UNWIND $rows AS row MERGE (n:Organisation {iri: row.iri}) SET n.name = row.name, n.names = row.names"
REL_MERGE = (
    "UNWIND $rows AS row "
    "MATCH (a:Organisation {iri: row.from}) MATCH (b:Organisation {iri: row.to}) "
    "MERGE (a)-[r:SUB_ORGANISATION_OF {iri: row.iri}]->(b) SET r += row.props"
)


@dataclass
class Row:
    area: str
    probe: str
    status: str  # PASS / DIFF / FAIL
    detail: str
    seconds: float


class Probes:
    def __init__(self, driver: neo4j.Driver, database: str, scale: float) -> None:
        self.driver = driver
        self.db = database
        self.scale = scale
        self.rows: list[Row] = []

    # -- helpers -------------------------------------------------------------------------------

    def run(self, area: str, name: str, fn: Callable[[], tuple[str, str]]) -> None:
        started = time.monotonic()
        try:
            status, detail = fn()
        except Exception as exc:
            status = "FAIL"
            detail = f"raised {type(exc).__name__}: {_short(exc)}"
            if "--verbose" in sys.argv:
                traceback.print_exc()
        seconds = time.monotonic() - started
        self.rows.append(Row(area, name, status, detail, seconds))
        print(f"  {status:4} {area:12} {name:44} {seconds:7.2f}s  {detail}", flush=True)

    def q(self, text: str, **params: Any) -> list[dict[str, Any]]:
        """Run in a managed write transaction (what the backend does), return records as dicts."""
        records, _, _ = self.driver.execute_query(text, params, database_=self.db)
        return [dict(r) for r in records]

    def count(self, pattern: str, **params: Any) -> int:
        return self.q(f"MATCH {pattern} RETURN count(*) AS c", **params)[0]["c"]

    batch = 1000

    def write_batches(self, text: str, rows: list[dict[str, Any]], batch: int | None = None) -> float:
        batch = batch or self.batch
        started = time.monotonic()
        with self.driver.session(database=self.db) as session:
            for i in range(0, len(rows), batch):
                chunk = rows[i : i + batch]
                session.execute_write(lambda tx, c=chunk: tx.run(text, rows=c).consume())
        return time.monotonic() - started

    def wipe(self, label: str) -> None:
        self.q(f"MATCH (n:{label}) DETACH DELETE n")


def _short(exc: BaseException, limit: int = 160) -> str:
    text = f"{exc.code}: {exc.message}" if isinstance(exc, Neo4jError) else str(exc)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _same(a: Any, b: Any) -> bool:
    """Strict equality: same Python types (bool is not int, int is not float), floats bit-equal."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _diff_props(expected: dict[str, dict], actual: dict[str, dict], limit: int = 3) -> list[str]:
    problems = []
    for key in sorted(expected.keys() | actual.keys()):
        e, a = expected.get(key), actual.get(key)
        if e is None or a is None or not _same(e, a):
            problems.append(f"{key}: expected {e!r}, got {a!r}")
            if len(problems) >= limit:
                break
    return problems


# -- data ------------------------------------------------------------------------------------------


def node_rows(n: int, rng: random.Random, version: int = 1) -> list[dict[str, Any]]:
    """Mixed-type property maps; rows do not all have the same keys (as an RDF projection's don't)."""
    rows = []
    for i in range(n):
        props: dict[str, Any] = {
            "name": f"Organisation {i} v{version} – Zürich ☃ 北京",
            "rank": (i * 7919 - 3_000_000_000) * version,  # beyond 32 bits
            "score": i / 3 + version,
            "active": (i + version) % 2 == 0,
            "aliases": [f"alias-{i}-{k}-v{version}" for k in range(i % 4)],  # includes []
            "founded": f"{1900 + i % 120}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        }
        if i % 5 == 0:
            props["note"] = None  # SET += null removes / does not create the property
        if i % 3 == version % 3:
            props["country"] = ["GB", "CN", "US", "DE"][i % 4]
        if version == 2 and i % 10 == 1:
            props["rank"] = None  # must remove the v1 value
        rows.append({"iri": f"{BASE}org/{i}", "props": props})
    rng.shuffle(rows)
    return rows


def expected_nodes(*batches: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Apply Neo4j's ``SET n += map`` semantics in Python: later rows win, null removes."""
    state: dict[str, dict[str, Any]] = {}
    for rows in batches:
        for row in rows:
            props = state.setdefault(row["iri"], {"iri": row["iri"]})
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
    return state


def rel_rows(m: int, n_nodes: int, rng: random.Random, version: int = 1) -> list[dict[str, Any]]:
    rows = []
    for j in range(m):
        a = rng.randrange(n_nodes)
        b = (a + 1 + rng.randrange(n_nodes - 1)) % n_nodes
        rows.append(
            {
                "iri": f"{BASE}rel/{j}",
                "from": f"{BASE}org/{a}",
                "to": f"{BASE}org/{b}",
                "props": {
                    "since": 1990 + j % 35,
                    "share": (j % 1000) / 7 + version,
                    "source": f"list-{j % 17}-v{version}",
                    "confirmed": j % 3 == 0,
                    "evidence": [f"doc-{j}", f"doc-{j + 1}"][: j % 3],
                    "retracted": None,
                },
            }
        )
    return rows


def expected_rels(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for row in rows:
        props = {k: v for k, v in row["props"].items() if v is not None}
        out[row["iri"]] = {"from": row["from"], "to": row["to"], "props": {"iri": row["iri"], **props}}
    return out


# -- probes ----------------------------------------------------------------------------------------


def probe_schema(p: Probes) -> None:
    def constraint() -> tuple[str, str]:
        text = f"CREATE CONSTRAINT org_iri IF NOT EXISTS FOR (n:{ORG}) REQUIRE n.iri IS UNIQUE"
        p.q(text)
        p.q(text)  # idempotent
        shown = p.q("SHOW CONSTRAINTS")
        names = [c.get("name") for c in shown]
        if "org_iri" not in names:
            return "FAIL", f"not listed by SHOW CONSTRAINTS: {names}"
        return "PASS", "created, IF NOT EXISTS idempotent, listed by SHOW CONSTRAINTS"

    def rel_constraint() -> tuple[str, str]:
        text = f"CREATE CONSTRAINT rel_iri IF NOT EXISTS FOR ()-[r:{REL}]-() REQUIRE r.iri IS UNIQUE"
        try:
            p.q(text)
        except Neo4jError as exc:
            return "DIFF", f"relationship uniqueness constraint refused ({_short(exc, 90)})"
        return "PASS", "relationship uniqueness constraint accepted"

    def index() -> tuple[str, str]:
        text = f"CREATE INDEX org_name IF NOT EXISTS FOR (n:{ORG}) ON (n.name)"
        p.q(text)
        p.q(text)
        shown = p.q("SHOW INDEXES")
        names = [c.get("name") for c in shown]
        detail = "created, idempotent"
        status = "PASS"
        if "org_name" not in names:
            status, detail = "DIFF", f"created, but SHOW INDEXES names differ: {names}"
        return status, detail

    def drop() -> tuple[str, str]:
        p.q("CREATE INDEX probe_tmp IF NOT EXISTS FOR (n:ProbeTmp) ON (n.x)")
        p.q("DROP INDEX probe_tmp IF EXISTS")
        p.q("DROP INDEX probe_tmp IF EXISTS")
        return "PASS", "DROP INDEX ... IF EXISTS works, twice"

    p.run("schema", "CREATE CONSTRAINT node key IF NOT EXISTS", constraint)
    p.run("schema", "CREATE CONSTRAINT on relationship", rel_constraint)
    p.run("schema", "CREATE INDEX IF NOT EXISTS", index)
    p.run("schema", "DROP INDEX IF EXISTS", drop)


def probe_bulk(p: Probes, n_nodes: int, n_rels: int, rng: random.Random) -> None:
    v1 = node_rows(n_nodes, rng, 1)
    v2 = node_rows(n_nodes, rng, 2)
    rels = rel_rows(n_rels, n_nodes, rng)

    def read_nodes() -> dict[str, dict[str, Any]]:
        rows = p.q(f"MATCH (n:{ORG}) WHERE n.iri STARTS WITH $p RETURN properties(n) AS props", p=f"{BASE}org/")
        return {r["props"]["iri"]: r["props"] for r in rows}

    def nodes_v1() -> tuple[str, str]:
        took = p.write_batches(NODE_MERGE, v1)
        got = read_nodes()
        want = expected_nodes(v1)
        bad = _diff_props(want, got)
        if bad:
            return "FAIL", f"{len(bad)}+ mismatches: " + "; ".join(bad)
        return "PASS", f"{n_nodes} nodes, all properties identical (types too); {n_nodes / took:,.0f} rows/s"

    def nodes_v2() -> tuple[str, str]:
        p.write_batches(NODE_MERGE, v2)
        got = read_nodes()
        want = expected_nodes(v1, v2)
        bad = _diff_props(want, got)
        if bad:
            return "FAIL", "; ".join(bad)
        return "PASS", "second version merged: changed values replaced, null removed, new keys added"

    def duplicate_keys_in_batch() -> tuple[str, str]:
        rows = [
            {"iri": f"{BASE}dup/1", "props": {"a": 1, "b": "first"}},
            {"iri": f"{BASE}dup/2", "props": {"a": 2}},
            {"iri": f"{BASE}dup/1", "props": {"b": "second", "c": True}},
            {"iri": f"{BASE}dup/1", "props": {"a": None}},
        ]
        p.write_batches(NODE_MERGE, rows)
        got = {
            r["props"]["iri"]: r["props"]
            for r in p.q(f"MATCH (n:{ORG}) WHERE n.iri STARTS WITH $p RETURN properties(n) AS props", p=f"{BASE}dup/")
        }
        want = expected_nodes(rows)
        bad = _diff_props(want, got)
        return (
            ("FAIL", "; ".join(bad)) if bad else ("PASS", "same IRI 3x in one UNWIND: one node, rows applied in order")
        )

    named: list[dict[str, Any]] = []  # the SET n.name/n.names batch, as += rows, for expectations

    def set_named() -> tuple[str, str]:
        rows = [
            {"iri": f"{BASE}org/{i}", "name": f"Name {i}", "names": [f"N{i}", f"Alt {i}", "☃"][: i % 4]}
            for i in range(n_nodes)
        ]
        rng.shuffle(rows)
        named.extend({"iri": r["iri"], "props": {"name": r["name"], "names": r["names"]}} for r in rows)
        p.write_batches(NODE_SET, rows)
        got = {
            r["iri"]: r
            for r in p.q(
                f"MATCH (n:{ORG}) WHERE n.iri STARTS WITH $p RETURN n.iri AS iri, n.name AS name, n.names AS names",
                p=f"{BASE}org/",
            )
        }
        want = {r["iri"]: r for r in rows}
        bad = _diff_props(want, got)
        return ("FAIL", "; ".join(bad)) if bad else ("PASS", f"{n_nodes} nodes: name/names read back identical")

    def nested_map() -> tuple[str, str]:
        rows = [
            {"iri": f"{BASE}bad/ok", "props": {"a": 1}},
            {"iri": f"{BASE}bad/map", "props": {"m": {"x": 1}}},
        ]
        try:
            p.write_batches(NODE_MERGE, rows)
        except CypherTypeError as exc:
            left = p.count(f"(n:{ORG}) WHERE n.iri STARTS WITH '{BASE}bad/'")
            if left:
                return "FAIL", f"CypherTypeError, but {left} node(s) of the failed transaction persisted"
            return "PASS", f"CypherTypeError ({exc.code}); transaction rolled back"
        except Neo4jError as exc:
            return "DIFF", f"{type(exc).__name__} {exc.code} (Neo4j: CypherTypeError)"
        return "FAIL", "nested map accepted as a property value"

    def mixed_list() -> tuple[str, str]:
        rows = [{"iri": f"{BASE}bad/mixed", "props": {"m": [1, "a"]}}]
        try:
            p.write_batches(NODE_MERGE, rows)
        except Neo4jError as exc:
            return "PASS", f"refused: {type(exc).__name__}"
        stored = p.q(f"MATCH (n:{ORG} {{iri: $i}}) RETURN n.m AS m", i=rows[0]["iri"])
        p.q(f"MATCH (n:{ORG} {{iri: $i}}) DETACH DELETE n", i=rows[0]["iri"])
        return "DIFF", f"list [1, 'a'] stored as {stored[0]['m']!r} (Neo4j refuses heterogeneous lists)"

    def rels_v1() -> tuple[str, str]:
        took = p.write_batches(REL_MERGE, rels)
        return _check_rels(p, expected_rels(rels), f"{n_rels} relationships; {n_rels / took:,.0f} rows/s")

    def idempotent() -> tuple[str, str]:
        before = (p.count(f"(n:{ORG})"), p.count(f"()-[r:{REL}]->()"))
        p.write_batches(NODE_MERGE, v1)
        p.write_batches(NODE_MERGE, v2)
        p.write_batches(REL_MERGE, rels)
        after = (p.count(f"(n:{ORG})"), p.count(f"()-[r:{REL}]->()"))
        if before != after:
            return "FAIL", f"(nodes, rels) {before} -> {after}"
        bad = _diff_props(expected_nodes(v1, v2, named, v1, v2), read_nodes())
        if bad:
            return "FAIL", "; ".join(bad)
        status, detail = _check_rels(p, expected_rels(rels), "")
        if status != "PASS":
            return status, detail
        return "PASS", f"all batches re-run: counts {after} unchanged, properties unchanged"

    def counters() -> tuple[str, str]:
        rows = [{"iri": f"{BASE}cnt/{i}", "props": {"a": i}} for i in range(3)]
        _, summary, _ = p.driver.execute_query(NODE_MERGE, rows=rows, database_=p.db)
        c1 = summary.counters
        _, summary, _ = p.driver.execute_query(NODE_MERGE, rows=rows, database_=p.db)
        c2 = summary.counters
        got = (c1.nodes_created, c1.labels_added, c1.properties_set, c2.nodes_created, c2.properties_set)
        want = (3, 3, 6, 0, 3)  # what Neo4j 5 reports
        if got == want:
            return "PASS", f"nodes_created/labels_added/properties_set as Neo4j {got}"
        return "DIFF", f"(created, labels, props set, created again, props set again) = {got}; Neo4j {want}"

    p.run("upsert", f"nodes SET n += row.props ({n_nodes})", nodes_v1)
    p.run("upsert", "nodes second version (update/remove)", nodes_v2)
    p.run("upsert", "same key several times in one batch", duplicate_keys_in_batch)
    p.run("upsert", f"nodes SET n.name=..., n.names=... ({n_nodes})", set_named)
    p.run("types", "nested map property -> error", nested_map)
    p.run("types", "heterogeneous list property -> error", mixed_list)
    p.run("upsert", f"relationships MATCH/MATCH/MERGE ({n_rels})", rels_v1)
    p.run("upsert", "idempotency: all batches twice", idempotent)
    p.run("upsert", "summary counters", counters)


def _check_rels(p: Probes, want: dict[str, dict[str, Any]], ok: str) -> tuple[str, str]:
    rows = p.q(
        f"MATCH (a:{ORG})-[r:{REL}]->(b:{ORG}) WHERE r.iri STARTS WITH $p "
        "RETURN a.iri AS a, b.iri AS b, properties(r) AS props",
        p=f"{BASE}rel/",
    )
    got: dict[str, dict[str, Any]] = {}
    dupes = 0
    for r in rows:
        key = r["props"]["iri"]
        dupes += key in got
        got[key] = {"from": r["a"], "to": r["b"], "props": r["props"]}
    if dupes:
        return "FAIL", f"{dupes} duplicate relationships"
    bad = _diff_props(want, got)
    if bad:
        return "FAIL", "; ".join(bad)
    return "PASS", ok or "relationships identical"


def probe_labels(p: Probes, n: int) -> None:
    """Extra labels.  ArcadeDB keeps one type per record, so SET n:Label MOVES the record."""

    def element_id_reuse() -> tuple[str, str]:
        # the smallest reproduction of "properties on the wrong node"
        first = p.q("CREATE (a:ProbeMini {k: 1}) RETURN elementId(a) AS id")[0]["id"]
        relabelled = p.q("MATCH (a:ProbeMini {k: 1}) SET a:ProbeExtra RETURN elementId(a) AS id")[0]["id"]
        second = p.q("CREATE (b:ProbeMini {k: 2}) RETURN elementId(b) AS id")[0]["id"]
        p.q("MATCH (n) WHERE elementId(n) = $id SET n.note = 'meant for k=1'", id=first)
        landed = p.q("MATCH (n:ProbeMini) WHERE n.note IS NOT NULL RETURN n.k AS k")
        detail = (
            f"elementId of k=1 {first} -> {relabelled} after SET n:Label; new node k=2 got {second}; "
            f"a write addressed to {first} landed on k={[r['k'] for r in landed]}"
        )
        if relabelled == first:
            return "PASS", "elementId stable across SET n:Label"
        return "FAIL", detail

    def bulk_labels() -> tuple[str, str]:
        # rdflib-neo4j style: MERGE (n:Resource {uri}) then SET n:Kind per kind batch, then more props
        p.q("CREATE CONSTRAINT res_uri IF NOT EXISTS FOR (n:ProbeRes) REQUIRE n.uri IS UNIQUE")
        rows = [{"uri": f"u{i}", "props": {"v": i, "s": f"s{i}"}} for i in range(n)]
        p.write_batches("UNWIND $rows AS row MERGE (n:ProbeRes {uri: row.uri}) SET n += row.props", rows)
        rels = [{"a": f"u{i}", "b": f"u{(i * 7 + 1) % n}", "k": i} for i in range(n)]
        p.write_batches(
            "UNWIND $rows AS row MATCH (a:ProbeRes {uri: row.a}) MATCH (b:ProbeRes {uri: row.b}) "
            "MERGE (a)-[r:PROBE_REL {k: row.k}]->(b)",
            rels,
        )
        for lab, mod in (("ProbeKindA", 2), ("ProbeKindB", 3)):
            sub = [{"uri": f"u{i}"} for i in range(n) if i % mod == 0]
            p.write_batches(f"UNWIND $rows AS row MATCH (n:ProbeRes {{uri: row.uri}}) SET n:{lab}", sub)
        more = [{"uri": f"u{i}", "props": {"w": i * 2}} for i in range(n + n // 10)]
        random.Random(7).shuffle(more)
        p.write_batches("UNWIND $rows AS row MERGE (n:ProbeRes {uri: row.uri}) SET n += row.props", more)
        got = p.q("MATCH (n:ProbeRes) RETURN properties(n) AS p, labels(n) AS l")
        bad = []
        for r in got:
            i = int(r["p"]["uri"][1:])
            want = {"uri": f"u{i}", "w": i * 2} | ({"v": i, "s": f"s{i}"} if i < n else {})
            labels = (
                {"ProbeRes"}
                | ({"ProbeKindA"} if i < n and i % 2 == 0 else set())
                | ({"ProbeKindB"} if i < n and i % 3 == 0 else set())
            )
            if r["p"] != want or set(r["l"]) != labels:
                bad.append(f"{r} != {want} {labels}")
        rel_rows = p.q("MATCH (a:ProbeRes)-[r:PROBE_REL]->(b:ProbeRes) RETURN a.uri AS a, b.uri AS b, r.k AS k")
        wrong_rels = [r for r in rel_rows if (r["a"], r["b"]) != (f"u{r['k']}", f"u{(r['k'] * 7 + 1) % n}")]
        if bad or wrong_rels or len(got) != n + n // 10 or len(rel_rows) != n:
            return (
                "FAIL",
                f"{len(got)} nodes, {len(bad)} wrong, {len(rel_rows)} rels, {len(wrong_rels)} wrong: {bad[:1]}",
            )
        return "PASS", f"{n} nodes relabelled in batches keep properties, labels and relationships"

    p.run("labels", "elementId stable across SET n:Label", element_id_reuse)
    p.run("labels", "bulk SET n:Label between upserts", bulk_labels)


def probe_params(p: Probes) -> None:
    import datetime as dt

    from neo4j.time import Date, DateTime, Duration

    values: dict[str, Any] = {
        "str": "x ☃ \u0000 end",
        "empty_str": "",
        "int_max": 2**63 - 1,
        "int_min": -(2**63),
        "float": 0.1,
        "float_big": 1.7976931348623157e308,
        "float_inf": math.inf,
        "bool": True,
        "none": None,
        "list_int": [1, 2, 3],
        "list_str": ["a", "b"],
        "empty_list": [],
        "bytes": b"\x00\x01\xff",
        "map": {"a": 1, "b": ["x"], "c": {"d": None}},
        "list_of_maps": [{"iri": "a", "n": 1}, {"iri": "b", "n": 2.5, "extra": True}],
        "date": dt.date(2024, 2, 29),
        "datetime_utc": dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC),
        "datetime_offset": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        "datetime_naive": dt.datetime(2024, 1, 2, 3, 4, 5),
        "duration": Duration(days=3, seconds=4),
    }

    def norm(v: Any) -> Any:
        # the driver returns neo4j.time types; compare through their native equivalents
        if isinstance(v, (Date, DateTime)):
            return v.to_native()
        return v

    def roundtrip() -> tuple[str, str]:
        bad = []
        for name, value in values.items():
            try:
                got = norm(p.q("RETURN $v AS v", v=value)[0]["v"])
            except Neo4jError as exc:
                bad.append(f"{name}: {type(exc).__name__}")
                continue
            if isinstance(value, Duration):
                same = got == value
            else:
                same = _same(value, got) or (type(value) is type(got) and value == got)
            if not same:
                bad.append(f"{name}: {value!r} -> {got!r}")
        if bad:
            return "FAIL", "; ".join(bad)
        return "PASS", f"{len(values)} parameter types echo back unchanged (RETURN $v)"

    def stored() -> tuple[str, str]:
        bad = []
        storable = {k: v for k, v in values.items() if k not in ("map", "list_of_maps", "none")}
        for name, value in storable.items():
            try:
                got = norm(p.q("MERGE (n:ProbeParam {k: $k}) SET n.v = $v RETURN n.v AS v", k=name, v=value)[0]["v"])
                again = norm(p.q("MATCH (n:ProbeParam {k: $k}) RETURN n.v AS v", k=name)[0]["v"])
            except Neo4jError as exc:
                bad.append(f"{name}: {type(exc).__name__} {_short(exc, 60)}")
                continue
            for where, g in (("returned", got), ("re-read", again)):
                ok = (
                    (g == value)
                    if isinstance(value, Duration)
                    else (_same(value, g) or (type(value) is type(g) and value == g))
                )
                if not ok:
                    bad.append(f"{name} {where}: {value!r} -> {g!r}")
                    break
        if bad:
            if all(b.startswith("datetime_") for b in bad):
                return "DIFF", (
                    "zoned datetimes come back from a stored property as naive UTC "
                    "(offset/zone dropped; RETURN $v keeps it): " + "; ".join(bad)
                )
            return "FAIL", "; ".join(bad)
        return "PASS", f"{len(storable)} property types stored and re-read unchanged"

    def list_of_dicts() -> tuple[str, str]:
        rows = [{"iri": f"x{i}", "w": i * 0.5, "tags": [str(i)]} for i in range(5)]
        got = p.q(
            "UNWIND $rows AS row WITH row WHERE row.w >= 1.0 RETURN row.iri AS iri, row.tags AS t, row AS r", rows=rows
        )
        want = [{"iri": r["iri"], "t": r["tags"], "r": r} for r in rows if r["w"] >= 1.0]
        return (
            ("PASS", "UNWIND $rows (list[dict]) filtered and returned whole")
            if _same(want, got)
            else ("FAIL", f"{got!r}")
        )

    def empty_unwind() -> tuple[str, str]:
        got = p.q("UNWIND $rows AS row MERGE (n:ProbeEmpty {k: row.k}) RETURN count(n) AS c", rows=[])
        return ("PASS", "UNWIND [] is a no-op") if got == [{"c": 0}] else ("FAIL", repr(got))

    p.run("types", "parameter round trip (RETURN $v)", roundtrip)
    p.run("types", "property round trip (SET n.v = $v)", stored)
    p.run("types", "list[dict] parameter", list_of_dicts)
    p.run("types", "UNWIND of an empty list", empty_unwind)


def probe_transactions(p: Probes) -> None:
    d, db = p.driver, p.db

    def managed() -> tuple[str, str]:
        with d.session(database=db) as s:
            created = s.execute_write(lambda tx: tx.run("CREATE (n:ProbeTx {k: 'w'}) RETURN n.k AS k").single()["k"])
            read = s.execute_read(lambda tx: tx.run("MATCH (n:ProbeTx {k: 'w'}) RETURN count(n) AS c").single()["c"])
        return (
            ("PASS", "execute_write result returned, visible to execute_read")
            if (created, read) == ("w", 1)
            else ("FAIL", f"{created!r}, {read!r}")
        )

    def managed_failure() -> tuple[str, str]:
        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run("CREATE (:ProbeTx {k: 'fail'})").consume()
            raise RuntimeError("application error")

        with d.session(database=db) as s, contextlib.suppress(RuntimeError):
            s.execute_write(work)
        left = p.count("(n:ProbeTx {k: 'fail'})")
        return ("PASS", "exception in the work function rolls back") if left == 0 else ("FAIL", f"{left} left")

    def rollback() -> tuple[str, str]:
        with d.session(database=db) as s:
            tx = s.begin_transaction()
            tx.run("CREATE (:ProbeTx {k: 'rb'})").consume()
            own = tx.run("MATCH (n:ProbeTx {k: 'rb'}) RETURN count(n) AS c").single()["c"]
            other = p.count("(n:ProbeTx {k: 'rb'})")
            tx.rollback()
        after = p.count("(n:ProbeTx {k: 'rb'})")
        if (own, other, after) == (1, 0, 0):
            return "PASS", "own write visible inside, invisible outside, gone after rollback"
        return "FAIL", f"inside={own} outside={other} after rollback={after}"

    def commit_and_close() -> tuple[str, str]:
        with d.session(database=db) as s:
            with s.begin_transaction() as tx:
                tx.run("CREATE (:ProbeTx {k: 'ctx'})").consume()
                tx.commit()
            try:
                with s.begin_transaction() as tx:  # left by an exception -> rolled back
                    tx.run("CREATE (:ProbeTx {k: 'noctx'})").consume()
                    raise KeyError("leave the block")
            except KeyError:
                pass
        got = (p.count("(n:ProbeTx {k: 'ctx'})"), p.count("(n:ProbeTx {k: 'noctx'})"))
        return (
            ("PASS", "commit() persists; a block left by an exception rolls back")
            if got == (1, 0)
            else ("FAIL", f"committed={got[0]} uncommitted={got[1]}")
        )

    def error_in_explicit_tx() -> tuple[str, str]:
        with d.session(database=db) as s:
            tx = s.begin_transaction()
            tx.run("CREATE (:ProbeTx {k: 'errtx'})").consume()
            with contextlib.suppress(ClientError):
                tx.run("RETURN 1/0").consume()
            closed = tx.closed()
            with contextlib.suppress(Exception):  # the failed transaction may already be closed
                tx.rollback()
        left = p.count("(n:ProbeTx {k: 'errtx'})")
        return (
            ("PASS", "failed statement poisons the transaction; nothing persisted")
            if left == 0
            else ("FAIL", f"{left} left (tx closed by driver: {closed})")
        )

    def autocommit() -> tuple[str, str]:
        with d.session(database=db) as s:
            s.run("CREATE (:ProbeTx {k: 'auto'})").consume()
            c = s.run("MATCH (n:ProbeTx {k: 'auto'}) RETURN count(n) AS c").single()["c"]
        return (
            ("PASS", "session.run commits") if c == 1 and p.count("(n:ProbeTx {k: 'auto'})") == 1 else ("FAIL", f"{c}")
        )

    def autocommit_atomic() -> tuple[str, str]:
        # One statement that writes, then fails in a later clause.  Neo4j: nothing persists.
        stmts = {
            "AutoA": "CREATE (n:AutoA) WITH n RETURN 1/0 AS x",
            "AutoB": "UNWIND [1, 2, 0] AS i MERGE (n:AutoB {i: i}) SET n.v = 10 / i",
            "AutoC": "UNWIND [{k: 1, p: {a: 1}}, {k: 2, p: {m: {x: 1}}}] AS row "
            "MERGE (n:AutoC {k: row.k}) SET n += row.p",
        }
        leaked = {}
        for label, text in stmts.items():
            with d.session(database=db) as s, contextlib.suppress(Neo4jError):
                s.run(text).consume()
            left = p.count(f"(n:{label})")
            # the same statement in a managed transaction, for comparison
            with contextlib.suppress(Neo4jError):
                d.execute_query(text.replace(label, label + "M"), database_=db)
            left_managed = p.count(f"(n:{label}M)")
            if left or left_managed:
                leaked[label] = (left, left_managed)
        if not leaked:
            return "PASS", "a failing auto-commit statement leaves nothing behind"
        managed_ok = all(m == 0 for _, m in leaked.values())
        return "FAIL", (
            "session.run statement that fails after its write clause is NOT rolled back: "
            + ", ".join(f"{k} left {a} node(s)" for k, (a, _) in leaked.items())
            + ("; same statements in execute_write/execute_query: rolled back" if managed_ok else "")
        )

    def isolation() -> tuple[str, str]:
        with d.session(database=db) as s1:
            tx = s1.begin_transaction()
            tx.run("MERGE (n:ProbeIso {k: 1}) SET n.v = 'uncommitted'").consume()
            with d.session(database=db) as s2:
                seen = s2.run("MATCH (n:ProbeIso {k: 1}) RETURN n.v AS v").data()
            tx.commit()
        after = p.q("MATCH (n:ProbeIso {k: 1}) RETURN n.v AS v")
        if seen == [] and after == [{"v": "uncommitted"}]:
            return "PASS", "no dirty reads; committed write visible afterwards"
        return "FAIL", f"other session saw {seen}; after commit {after}"

    def bookmarks() -> tuple[str, str]:
        with d.session(database=db) as s:
            s.execute_write(lambda tx: tx.run("CREATE (:ProbeBm)").consume())
            bm = s.last_bookmarks()
        with d.session(database=db, bookmarks=bm) as s:
            c = s.execute_read(lambda tx: tx.run("MATCH (n:ProbeBm) RETURN count(n) AS c").single()["c"])
        if c != 1:
            return "FAIL", f"read after bookmark saw {c}"
        return (
            ("PASS", "bookmarks returned and accepted")
            if bm.raw_values
            else ("DIFF", "no bookmarks returned (empty set); reads still see committed writes")
        )

    def read_mode_session() -> tuple[str, str]:
        outcomes = []
        with d.session(database=db, default_access_mode=READ_ACCESS) as s:
            for how, fn in (
                ("session.run", lambda: s.run("CREATE (:ProbeRead {how: 'run'})").consume()),
                (
                    "execute_read",
                    lambda: s.execute_read(lambda tx: tx.run("CREATE (:ProbeRead {how: 'tx'})").consume()),
                ),
            ):
                try:
                    fn()
                    outcomes.append(f"{how}: accepted")
                except Neo4jError as exc:
                    outcomes.append(f"{how}: {type(exc).__name__} {exc.code}")
        try:
            d.execute_query("CREATE (:ProbeRead {how: 'eq'})", routing_=neo4j.RoutingControl.READ, database_=db)
            outcomes.append("execute_query(routing_=READ): accepted")
        except Neo4jError as exc:
            outcomes.append(f"execute_query(routing_=READ): {type(exc).__name__} {exc.code}")
        written = p.count("(n:ProbeRead)")
        if written == 0 and not any("accepted" in o for o in outcomes):
            return "PASS", "writes refused: " + "; ".join(outcomes)
        return (
            "DIFF",
            f"{written} write(s) in READ mode persisted (Neo4j refuses with Neo.ClientError.Statement.AccessMode): "
            + "; ".join(outcomes),
        )

    def write_mode_default() -> tuple[str, str]:
        with d.session(database=db, default_access_mode=WRITE_ACCESS) as s:
            c = s.run("RETURN 1 AS c").single()["c"]
        return "PASS", f"WRITE session reads fine ({c})"

    p.run("tx", "execute_write / execute_read", managed)
    p.run("tx", "exception inside execute_write rolls back", managed_failure)
    p.run("tx", "explicit transaction rollback", rollback)
    p.run("tx", "explicit transaction commit / exception exit", commit_and_close)
    p.run("tx", "error inside explicit transaction", error_in_explicit_tx)
    p.run("tx", "session.run auto-commit", autocommit)
    p.run("tx", "auto-commit statement atomic on error", autocommit_atomic)
    p.run("tx", "isolation (no dirty read)", isolation)
    p.run("tx", "bookmarks (causal chaining)", bookmarks)
    p.run("tx", "write in READ access mode refused", read_mode_session)
    p.run("tx", "WRITE access mode", write_mode_default)


def probe_timeout(p: Probes) -> None:
    runaway = "UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b RETURN count(*) AS c"

    def timed(fn: Callable[[], Any]) -> tuple[float, str]:
        started = time.monotonic()
        try:
            fn()
            outcome = "completed"
        except Neo4jError as exc:
            outcome = f"{type(exc).__name__} {exc.code}"
        return time.monotonic() - started, outcome

    def baseline() -> float:
        started = time.monotonic()
        with p.driver.session(database=p.db) as s:
            s.run(runaway).consume()
        return time.monotonic() - started

    def query_timeout() -> tuple[str, str]:
        full = baseline()
        with p.driver.session(database=p.db) as s:
            took, outcome = timed(lambda: s.run(Query(runaway, timeout=0.2)).consume())
        detail = f"Query(timeout=0.2) on a {full:.1f}s query: {outcome} after {took:.1f}s"
        if outcome == "completed":
            return "FAIL", detail + " (timeout ignored)"
        return "PASS", detail

    def tx_timeout() -> tuple[str, str]:
        work = neo4j.unit_of_work(timeout=0.2)(lambda tx: tx.run(runaway).consume())
        with p.driver.session(database=p.db) as s:
            took, outcome = timed(lambda: s.execute_read(work))
        with p.driver.session(database=p.db) as s:
            took2, outcome2 = timed(lambda: s.begin_transaction(timeout=0.2).run(runaway).consume())
        detail = (f"unit_of_work(timeout=0.2): {outcome} after {took:.1f}s; "
                  f"begin_transaction(timeout=0.2): {outcome2} after {took2:.1f}s")
        if outcome == "completed" and outcome2 == "completed":
            return "FAIL", detail + " (timeout ignored)"
        return "PASS", detail

    p.run("timeout", "Query(text, timeout=...) stops a runaway", query_timeout)
    p.run("timeout", "transaction timeout stops a runaway", tx_timeout)


def probe_errors(p: Probes) -> None:
    def expect(text: str, cls: type[Exception], code: str | None = None, **params: Any) -> tuple[str, str]:
        try:
            p.q(text, **params)
        except Exception as exc:
            got = f"{type(exc).__name__} {getattr(exc, 'code', '')}".strip()
            if isinstance(exc, cls) and (code is None or getattr(exc, "code", None) == code):
                return "PASS", got
            if isinstance(exc, Neo4jError):  # an error, but not the one Neo4j raises
                return "DIFF", f"{got} (Neo4j: {cls.__name__} {code or ''})".rstrip()
            return "FAIL", f"{got} (Neo4j: {cls.__name__} {code or ''})"
        return "FAIL", f"no error (Neo4j: {cls.__name__})"

    p.run(
        "errors",
        "syntax error",
        lambda: expect("MATCH (n RETURN n", CypherSyntaxError, "Neo.ClientError.Statement.SyntaxError"),
    )
    p.run(
        "errors",
        "unique constraint violation",
        lambda: expect(
            f"CREATE (n:{ORG} {{iri: $i}})",
            ConstraintError,
            "Neo.ClientError.Schema.ConstraintValidationFailed",
            i=f"{BASE}org/0",
        ),
    )
    p.run(
        "errors",
        "missing parameter",
        lambda: expect("RETURN $nope AS x", ClientError, "Neo.ClientError.Statement.ParameterMissing"),
    )
    p.run(
        "errors",
        "division by zero",
        lambda: expect("RETURN 1/0 AS x", ClientError, "Neo.ClientError.Statement.ArithmeticError"),
    )
    p.run(
        "errors",
        "undefined variable",
        lambda: expect("RETURN nope AS x", CypherSyntaxError, "Neo.ClientError.Statement.SyntaxError"),
    )
    p.run(
        "errors",
        "unknown function",
        lambda: expect("RETURN nope.fn(1) AS x", ClientError, "Neo.ClientError.Statement.SyntaxError"),
    )
    p.run("errors", "type error (toInteger of a list)", lambda: expect("RETURN toInteger([1]) AS x", ClientError))

    def wrong_password() -> tuple[str, str]:
        with GraphDatabase.driver(p.driver_uri, auth=("root", "wrong-password")) as bad:
            try:
                bad.verify_connectivity()
            except AuthError as exc:
                return "PASS", f"AuthError {exc.code}"
            except Exception as exc:
                return "FAIL", f"{type(exc).__name__}: {_short(exc, 80)}"
        return "FAIL", "connected with a wrong password"

    def unknown_db() -> tuple[str, str]:
        try:
            p.driver.execute_query("RETURN 1", database_="no_such_db")
        except ClientError as exc:
            ok = exc.code == "Neo.ClientError.Database.DatabaseNotFound"
            return ("PASS" if ok else "DIFF"), f"{type(exc).__name__} {exc.code}"
        return "FAIL", "no error"

    p.run("errors", "wrong password", wrong_password)
    p.run("errors", "unknown database", unknown_db)


def probe_queries(p: Probes) -> None:
    # chain r0 -> r1 -> r2 -> r3 -> r4, plus shortcut r0 -> r2 and a branch r1 -> x
    iris = ["r0", "r1", "r2", "r3", "r4", "x"]
    p.q(
        "UNWIND $rows AS row MERGE (n:Probe {iri: row.iri}) SET n += row.props",
        rows=[
            {
                "iri": i,
                "props": {
                    "name": i.upper(),
                    "founded": f"20{10 + k}-0{1 + k}-15",
                    "aliases": [i, i + "-alt"] if k % 2 else [],
                },
            }
            for k, i in enumerate(iris)
        ],
    )
    edges = [("r0", "r1"), ("r1", "r2"), ("r2", "r3"), ("r3", "r4"), ("r0", "r2"), ("r1", "x")]
    p.q(
        "UNWIND $rows AS row MATCH (a:Probe {iri: row.from}) MATCH (b:Probe {iri: row.to}) "
        "MERGE (a)-[r:SUB_ORGANISATION_OF {iri: row.from + '>' + row.to}]->(b) SET r.w = row.w",
        rows=[{"from": a, "to": b, "w": k + 0.5} for k, (a, b) in enumerate(edges)],
    )

    def check(
        text: str,
        want: Any,
        params: dict[str, Any] | None = None,
        post: Callable[[list[dict[str, Any]]], Any] = lambda r: r,
    ) -> Callable[[], tuple[str, str]]:
        def fn() -> tuple[str, str]:
            got = post(p.q(text, **(params or {})))
            if got == want:
                return "PASS", _clip(repr(want))
            return "FAIL", f"got {_clip(repr(got))}, want {_clip(repr(want))}"

        return fn

    varlen = sorted(
        ("r0", t)
        for t in ["r1", "r2", "r3", "x", "r2", "r3", "r4"]  # paths of 1..3 hops from r0
    )
    cases: list[tuple[str, str, Any, dict[str, Any] | None, Callable]] = [
        (
            "variable-length *1..3 (paths, not nodes)",
            "MATCH p=(a:Probe {iri: 'r0'})-[:SUB_ORGANISATION_OF*1..3]->(b:Probe) RETURN a.iri AS a, b.iri AS b",
            varlen,
            None,
            lambda r: sorted((x["a"], x["b"]) for x in r),
        ),
        (
            "nodes(p) / relationships(p) / length(p)",
            "MATCH p=(:Probe {iri: 'r0'})-[:SUB_ORGANISATION_OF*3]->(:Probe {iri: 'r3'}) "
            "RETURN [n IN nodes(p) | n.iri] AS ns, [r IN relationships(p) | r.iri] AS rs, length(p) AS len",
            [{"ns": ["r0", "r1", "r2", "r3"], "rs": ["r0>r1", "r1>r2", "r2>r3"], "len": 3}],
            None,
            lambda r: r,
        ),
        (
            "shortestPath",
            "MATCH (a:Probe {iri: 'r0'}), (b:Probe {iri: 'r4'}) "
            "MATCH p = shortestPath((a)-[:SUB_ORGANISATION_OF*..10]->(b)) RETURN [n IN nodes(p) | n.iri] AS ns",
            [{"ns": ["r0", "r2", "r3", "r4"]}],
            None,
            lambda r: r,
        ),
        (
            "allShortestPaths",
            "MATCH (a:Probe {iri: 'r0'}), (b:Probe {iri: 'r3'}) "
            "MATCH p = allShortestPaths((a)-[:SUB_ORGANISATION_OF*]->(b)) RETURN length(p) AS len, count(*) AS c",
            [{"len": 2, "c": 1}],
            None,
            lambda r: r,
        ),
        (
            "undirected variable-length with a trail (no reused rel)",
            "MATCH (a:Probe {iri: 'r4'})-[:SUB_ORGANISATION_OF*]-(b:Probe {iri: 'x'}) RETURN count(*) AS c",
            [{"c": 2}],
            None,
            lambda r: r,
        ),
        (
            "type(r), startNode/endNode",
            "MATCH (a:Probe {iri: 'r0'})-[r]->(b:Probe {iri: 'r1'}) "
            "RETURN type(r) AS t, startNode(r).iri AS s, endNode(r).iri AS e",
            [{"t": "SUB_ORGANISATION_OF", "s": "r0", "e": "r1"}],
            None,
            lambda r: r,
        ),
        (
            "list comprehension with filter",
            "RETURN [x IN range(1, 10) WHERE x % 3 = 0 | x * 2] AS l",
            [{"l": [6, 12, 18]}],
            None,
            lambda r: r,
        ),
        (
            "pattern comprehension",
            "MATCH (a:Probe {iri: 'r1'}) RETURN [(a)-[:SUB_ORGANISATION_OF]->(b) | b.iri] AS l",
            [["r2", "x"]],
            None,
            lambda r: [sorted(x["l"]) for x in r],
        ),
        (
            "coalesce / null handling",
            "MATCH (n:Probe {iri: 'r0'}) RETURN coalesce(n.missing, n.name, 'z') AS c, n.missing IS NULL AS isnull",
            [{"c": "R0", "isnull": True}],
            None,
            lambda r: r,
        ),
        (
            "date() from string, comparison, year",
            "MATCH (n:Probe) WHERE date(n.founded) >= date('2012-01-01') "
            "RETURN n.iri AS iri, date(n.founded).year AS y ORDER BY iri",
            [{"iri": "r2", "y": 2012}, {"iri": "r3", "y": 2013}, {"iri": "r4", "y": 2014}, {"iri": "x", "y": 2015}],
            None,
            lambda r: r,
        ),
        (
            "string dates compared as strings",
            "MATCH (n:Probe) WHERE n.founded < '2012' RETURN collect(n.iri) AS l",
            [["r0", "r1"]],
            None,
            lambda r: [sorted(x["l"]) for x in r],
        ),
        (
            "date() type and duration arithmetic",
            "RETURN date('2024-02-28') + duration('P1D') AS d, toString(date('2024-03-01')) AS s",
            [{"d": "2024-02-29", "s": "2024-03-01"}],
            None,
            lambda r: [{"d": str(x["d"]), "s": x["s"]} for x in r],
        ),
        (
            "collect + ORDER BY + LIMIT",
            "MATCH (n:Probe) WITH n ORDER BY n.iri DESC LIMIT 3 RETURN collect(n.iri) AS l",
            [{"l": ["x", "r4", "r3"]}],
            None,
            lambda r: r,
        ),
        (
            "ORDER BY ... SKIP ... LIMIT $n",
            "MATCH (n:Probe) RETURN n.iri AS iri ORDER BY n.iri SKIP $s LIMIT $l",
            ["r1", "r2"],
            {"s": 1, "l": 2},
            lambda r: [x["iri"] for x in r],
        ),
        (
            "count DISTINCT, size, aggregation grouping",
            "MATCH (a:Probe)-[:SUB_ORGANISATION_OF]->(b:Probe) "
            "RETURN a.iri AS a, count(DISTINCT b) AS n, size(collect(b.iri)) AS s ORDER BY a",
            [
                {"a": "r0", "n": 2, "s": 2},
                {"a": "r1", "n": 2, "s": 2},
                {"a": "r2", "n": 1, "s": 1},
                {"a": "r3", "n": 1, "s": 1},
            ],
            None,
            lambda r: r,
        ),
        (
            "OPTIONAL MATCH",
            "MATCH (n:Probe {iri: 'r4'}) OPTIONAL MATCH (n)-[:SUB_ORGANISATION_OF]->(m) RETURN n.iri AS n, m AS m",
            [{"n": "r4", "m": None}],
            None,
            lambda r: r,
        ),
        (
            "map projection",
            "MATCH (n:Probe {iri: 'r1'}) RETURN n {.iri, .name, k: 1} AS m",
            [{"m": {"iri": "r1", "name": "R1", "k": 1}}],
            None,
            lambda r: r,
        ),
        (
            "properties(n) / keys(n) / labels(n)",
            "MATCH (n:Probe {iri: 'r1'}) RETURN labels(n) AS l, keys(n) AS k, properties(n).aliases AS a",
            [{"l": ["Probe"], "k": ["aliases", "founded", "iri", "name"], "a": ["r1", "r1-alt"]}],
            None,
            lambda r: [{"l": x["l"], "k": sorted(x["k"]), "a": x["a"]} for x in r],
        ),
        (
            "multiple labels: SET n:Extra, MATCH (n:A:B)",
            "MATCH (n:Probe {iri: 'r2'}) SET n:Sanctioned WITH n MATCH (m:Probe:Sanctioned) RETURN collect(m.iri) AS l",
            [{"l": ["r2"]}],
            None,
            lambda r: r,
        ),
        (
            "CALL { } subquery",
            "MATCH (n:Probe) CALL { WITH n MATCH (n)-[:SUB_ORGANISATION_OF]->(m) RETURN count(m) AS c } "
            "RETURN n.iri AS iri, c ORDER BY iri",
            [("r0", 2), ("r1", 2), ("r2", 1), ("r3", 1), ("r4", 0), ("x", 0)],
            None,
            lambda r: [(x["iri"], x["c"]) for x in r],
        ),
        (
            "EXISTS { } / COUNT { }",
            "MATCH (n:Probe) WHERE EXISTS { (n)-[:SUB_ORGANISATION_OF]->(:Probe {iri: 'r2'}) } "
            "RETURN n.iri AS iri, COUNT { (n)-->() } AS c ORDER BY iri",
            [{"iri": "r0", "c": 2}, {"iri": "r1", "c": 2}],
            None,
            lambda r: r,
        ),
        (
            "string functions, STARTS WITH, =~",
            "MATCH (n:Probe) WHERE n.iri =~ 'r[0-2]' AND toLower(n.name) STARTS WITH 'r' "
            "RETURN collect(substring(n.name, 1)) AS l",
            [["0", "1", "2"]],
            None,
            lambda r: [sorted(x["l"]) for x in r],
        ),
        (
            "list indexing is 0-based, slicing",
            "WITH ['a', 'b', 'c'] AS l RETURN l[0] AS first, l[-1] AS last, l[1..] AS rest",
            [{"first": "a", "last": "c", "rest": ["b", "c"]}],
            None,
            lambda r: r,
        ),
        (
            "MERGE ... ON CREATE SET / ON MATCH SET",
            "UNWIND [1, 1] AS i MERGE (n:ProbeOn {k: i}) ON CREATE SET n.c = 1 ON MATCH SET n.c = n.c + 1 "
            "WITH n RETURN DISTINCT n.c AS c",
            [2],
            None,
            lambda r: [x["c"] for x in r][-1:],
        ),
        (
            "REMOVE property / DETACH DELETE",
            "MERGE (n:ProbeDel {k: 1}) SET n.a = 1 REMOVE n.a WITH n RETURN n.a AS a",
            [{"a": None}],
            None,
            lambda r: r,
        ),
        (
            "UNWIND + CASE + toString/toInteger/toFloat",
            "UNWIND [1, 2.5, '3'] AS v RETURN CASE WHEN v = 1 THEN 'one' ELSE toString(v) END AS s, "
            "toInteger('42') AS i, toFloat('1.5') AS f",
            [{"s": "one", "i": 42, "f": 1.5}, {"s": "2.5", "i": 42, "f": 1.5}, {"s": "3", "i": 42, "f": 1.5}],
            None,
            lambda r: r,
        ),
        ("reduce()", "RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS s", [{"s": 6}], None, lambda r: r),
        (
            "elementId(n) is a string, usable in WHERE",
            "MATCH (n:Probe {iri: 'r0'}) WITH elementId(n) AS id MATCH (m) WHERE elementId(m) = id RETURN m.iri AS iri",
            [{"iri": "r0"}],
            None,
            lambda r: r,
        ),
    ]
    for name, text, want, params, post in cases:
        p.run("cypher", name, check(text, want, params, post))

    def returned_entities() -> tuple[str, str]:
        with p.driver.session(database=p.db) as s:
            rec = s.run(
                "MATCH p=(a:Probe {iri: 'r0'})-[r:SUB_ORGANISATION_OF]->(b:Probe {iri: 'r1'}) RETURN a, r, p"
            ).single()
        a, r, path = rec["a"], rec["r"], rec["p"]
        problems = []
        if not isinstance(a, neo4j.graph.Node) or a["iri"] != "r0" or "Probe" not in a.labels:
            problems.append(f"node {a!r}")
        if not isinstance(r, neo4j.graph.Relationship) or r.type != REL or r.start_node.element_id != a.element_id:
            problems.append(f"relationship {r!r}")
        if not isinstance(path, neo4j.graph.Path) or [n["iri"] for n in path.nodes] != ["r0", "r1"]:
            problems.append(f"path {path!r}")
        return (
            ("FAIL", "; ".join(problems))
            if problems
            else ("PASS", f"Node/Relationship/Path hydrated (element_id like {a.element_id!r})")
        )

    p.run("cypher", "Node / Relationship / Path results", returned_entities)

    def query_type() -> tuple[str, str]:
        # read_cypher's read-only guard can run the analyst query in a transaction that is always
        # rolled back and refuse it when the summary says it wrote
        got = {}
        for kind, text in (
            ("read", "MATCH (n:Probe) RETURN n.iri LIMIT 1"),
            ("write", "MATCH (n:Probe {iri: 'r0'}) SET n.qt = 1"),
        ):
            with p.driver.session(database=p.db) as s:
                tx = s.begin_transaction()
                summary = tx.run(text).consume()
                tx.rollback()
            got[kind] = (summary.query_type, summary.counters.contains_updates)
        persisted = p.q("MATCH (n:Probe {iri: 'r0'}) RETURN n.qt AS qt")[0]["qt"]
        with p.driver.session(database=p.db) as s:
            explain_read = s.run("EXPLAIN MATCH (n:Probe) RETURN n").consume().query_type
        want = {"read": ("r", False), "write": ("w", True)}
        if got != want or persisted is not None:
            return "FAIL", f"{got} persisted={persisted}"
        if explain_read != "r":
            return "DIFF", (
                f"after execution query_type/contains_updates right {got}; but EXPLAIN of a read "
                f"reports query_type {explain_read!r} (Neo4j 'r'): classify by running + rolling back"
            )
        return "PASS", f"{got}; EXPLAIN read -> {explain_read!r}"

    p.run("cypher", "summary.query_type (read-only guard)", query_type)

    def explain() -> tuple[str, str]:
        p.q("EXPLAIN MATCH (n:Organisation {iri: 'x'}) RETURN n")
        return "PASS", "EXPLAIN accepted"

    p.run("cypher", "EXPLAIN", explain)


def probe_concurrency(p: Probes, n: int, rounds: int) -> None:
    """Two writer sessions upserting the SAME n nodes at once, in different orders.

    Three ways of running each 250-row batch, each from an empty label:
      raw      explicit transaction, no retry: how often does a batch fail, and with what?
      managed  session.execute_write: the driver retries TransientError (DeadlockDetected) only
      retry    execute_write plus up to 5 application-level retries on ConstraintError
    """
    label = "ProbeConc"
    text = f"UNWIND $rows AS row MERGE (n:{label} {{iri: row.iri}}) SET n += row.props"
    p.q(f"CREATE CONSTRAINT conc_iri IF NOT EXISTS FOR (n:{label}) REQUIRE n.iri IS UNIQUE")
    batches_per_writer = math.ceil(n / 250)

    def run_mode(mode: str, k: int) -> dict[str, Any]:
        p.wipe(label)
        stats: dict[str, Any] = {"attempts": 0, "ok": 0, "errors": [], "app_retries": 0}
        lock = threading.Lock()

        def writer(name: str) -> None:
            rows = [{"iri": f"c{i}", "props": {"writer": name, "value": f"{name}-{i}", "n": i}} for i in range(n)]
            random.Random(f"{name}{k}{mode}").shuffle(rows)
            with p.driver.session(database=p.db) as s:
                for i in range(0, n, 250):
                    chunk = rows[i : i + 250]

                    def work(tx: neo4j.ManagedTransaction, c: list = chunk) -> None:
                        with lock:
                            stats["attempts"] += 1
                        tx.run(text, rows=c).consume()

                    try:
                        if mode == "raw":
                            with lock:
                                stats["attempts"] += 1
                            with s.begin_transaction() as tx:
                                tx.run(text, rows=chunk).consume()
                        elif mode == "managed":
                            s.execute_write(work)
                        else:
                            for attempt in range(6):
                                try:
                                    s.execute_write(work)
                                    break
                                except ConstraintError:
                                    if attempt == 5:
                                        raise
                                    with lock:
                                        stats["app_retries"] += 1
                        with lock:
                            stats["ok"] += 1
                    except Neo4jError as exc:
                        with lock:
                            stats["errors"].append(f"{type(exc).__name__} {exc.code}")

        threads = [threading.Thread(target=writer, args=(w,)) for w in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rows = p.q(f"MATCH (n:{label}) RETURN properties(n) AS p")
        torn = [
            r["p"]
            for r in rows
            if r["p"].get("value") != f"{r['p'].get('writer')}-{r['p'].get('n')}"
            or r["p"]["iri"] != f"c{r['p'].get('n')}"
        ]
        return {**stats, "nodes": len(rows), "torn": torn}

    def one_round(k: int) -> tuple[str, str]:
        total = 2 * batches_per_writer
        parts, status = [], "PASS"
        for mode in ("raw", "managed", "retry"):
            r = run_mode(mode, k)
            kinds = sorted({e.split()[1].rsplit(".", 1)[-1] for e in r["errors"]})
            retries = r["attempts"] - r["ok"] - len(r["errors"]) if mode != "raw" else 0
            if mode == "retry":
                retries = f"{retries} (of them {r['app_retries']} on ConstraintError)"
            parts.append(
                f"{mode}: {len(r['errors'])}/{total} failed{' ' + ','.join(kinds) if kinds else ''}"
                + (f", {retries} retried" if mode != "raw" else "")
                + f", {r['nodes']}/{n} nodes"
                + (f", {len(r['torn'])} torn" if r["torn"] else "")
            )
            if r["torn"] or (r["nodes"] != n and not r["errors"]):
                status = "FAIL"  # integrity: a node mixing two writers' rows, or lost rows without an error
            elif mode == "managed" and r["errors"] and status == "PASS":
                status = "DIFF"  # Neo4j: concurrent MERGE on a unique key waits, it does not fail
            elif mode == "retry" and r["errors"]:
                status = "FAIL"
        return status, "; ".join(parts)

    for k in range(rounds):
        p.run("concurrency", f"2 writers MERGE same {n} nodes, round {k + 1}", lambda k=k: one_round(k))

    def disjoint_rels() -> tuple[str, str]:
        # two writers adding relationships between the same hub nodes (lock contention on hubs)
        p.wipe("ProbeHub")
        p.q("UNWIND range(0, 9) AS i CREATE (:ProbeHub {iri: 'h' + toString(i)})")
        errors: list[str] = []
        attempts = {"n": 0}

        def writer(w: str) -> None:
            rows = [{"iri": f"{w}{j}", "from": f"h{j % 10}", "to": f"h{(j * 7 + 1) % 10}"} for j in range(2000)]
            with p.driver.session(database=p.db) as s:
                for i in range(0, len(rows), 200):

                    def work(tx: neo4j.ManagedTransaction, c: list = rows[i : i + 200]) -> None:
                        attempts["n"] += 1
                        tx.run(
                            "UNWIND $rows AS row MATCH (a:ProbeHub {iri: row.from}) MATCH (b:ProbeHub {iri: row.to}) "
                            "MERGE (a)-[r:PROBE_LINK {iri: row.iri}]->(b)",
                            rows=c,
                        ).consume()

                    try:
                        s.execute_write(work)
                    except Neo4jError as exc:
                        errors.append(f"{type(exc).__name__} {exc.code}")

        threads = [threading.Thread(target=writer, args=(w,)) for w in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        c = p.count("(:ProbeHub)-[r:PROBE_LINK]->(:ProbeHub)")
        detail = f"{c}/4000 relationships, {attempts['n'] - 20} retries, errors: {sorted(set(errors)) or 'none'}"
        return ("PASS" if c == 4000 and not errors else "FAIL"), detail

    p.run("concurrency", "2 writers, relationships on shared hub nodes", disjoint_rels)


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_table(rows: list[Row]) -> None:
    widths = [max(len(r.area) for r in rows), max(len(r.probe) for r in rows)]
    print()
    print(f"{'area':{widths[0]}}  {'probe':{widths[1]}}  result  detail")
    print(f"{'-' * widths[0]}  {'-' * widths[1]}  ------  ------")
    for r in rows:
        print(f"{r.area:{widths[0]}}  {r.probe:{widths[1]}}  {r.status:6}  {r.detail}")
    totals = {s: sum(r.status == s for r in rows) for s in ("PASS", "DIFF", "FAIL")}
    print(f"\n{totals['PASS']} PASS, {totals['DIFF']} DIFF, {totals['FAIL']} FAIL of {len(rows)} probes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--uri", help="probe this server instead of starting one")
    parser.add_argument("--user", default="root")
    parser.add_argument("--password")
    parser.add_argument("--database", default="neo4j")
    parser.add_argument("--quick", action="store_true", help="1k nodes / 5k relationships")
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--rels", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3, help="concurrency rounds")
    parser.add_argument("--batch", type=int, default=1000, help="rows per UNWIND transaction")
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--json", help="write the result rows to this file")
    parser.add_argument("--verbose", action="store_true", help="print tracebacks")
    args = parser.parse_args(argv)
    if args.quick:
        args.nodes, args.rels = 1000, 5000

    server = None
    if args.uri is None:
        import bolt_server

        server = bolt_server.start_bolt_server()
        uri, auth, database = server.uri, server.auth, server.database
        print(f"started ArcadeDB pid {server.pid} at {uri} in {server.startup_seconds:.1f}s ({server.root})")
    else:
        import bolt_server

        uri, auth, database = args.uri, (args.user, args.password or bolt_server.DEFAULT_PASSWORD), args.database
    try:
        with GraphDatabase.driver(uri, auth=auth) as driver:
            info = driver.get_server_info()
            print(
                f"server agent: {info.agent}; Bolt {'.'.join(map(str, info.protocol_version))}; "
                f"neo4j driver {neo4j.__version__}"
            )
            p = Probes(driver, database, 1.0)
            p.driver_uri = uri  # type: ignore[attr-defined]
            p.batch = args.batch
            rng = random.Random(args.seed)
            probe_schema(p)
            probe_bulk(p, args.nodes, args.rels, rng)
            probe_labels(p, min(args.nodes, 5000))
            probe_params(p)
            probe_transactions(p)
            probe_timeout(p)
            probe_errors(p)
            probe_queries(p)
            probe_concurrency(p, 2000, args.rounds)
    finally:
        if server is not None:
            import bolt_server

            rss = _rss_kib(server.pid)
            bolt_server.stop_bolt_server(server)
            if rss:
                print(f"server RSS at the end: {rss / 1024:.0f} MiB")
    print_table(p.rows)
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in p.rows], indent=2, default=str) + "\n")
    return 1 if any(r.status == "FAIL" for r in p.rows) else 0


def _rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


if __name__ == "__main__":
    sys.exit(main())
