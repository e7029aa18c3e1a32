"""ROR end to end on the embedded engine: counts reconcile, bad records and relations are quarantined with a
clear reason while the rest loads, re-runs change nothing, v1 and the Zenodo zip map to the same model."""

from __future__ import annotations

import gzip
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug import LadybugStore
from ingest.pipeline import RunReport, run_ingest
from ingest.sources.ror import SOURCE
from queries.org import lookup
from queries.stats import content_checksum
from rskg.errors import SourceError

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "ror"
HIT = "https://ror.org/01yqg2h08"
SAMPLE_PATHS = [SAMPLES / "ror_sample_v2.jsonl.gz", SAMPLES / "ror_sample_v1.jsonl.gz"]


def _records(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in gzip.open(SAMPLES / name, "rt", encoding="utf-8")]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    with LadybugStore(tmp_path / "graph.lbdb") as opened:
        opened.ensure_schema()
        yield opened


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LadybugStore, RunReport, Path]]:
    """The committed ROR sample (v2 + v1), ingested once for the tests that only read it."""
    tmp = tmp_path_factory.mktemp("sample")
    with LadybugStore(tmp / "graph.lbdb") as opened:
        opened.ensure_schema()
        report = run_ingest(SOURCE, SAMPLE_PATHS, opened, tmp / "quarantine", workers=2, progress=False)
        yield opened, report, tmp


def _ingest(store: LadybugStore, tmp_path: Path, *paths: Path) -> RunReport:
    return run_ingest(SOURCE, list(paths), store, tmp_path / "quarantine", workers=1, progress=False)


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quarantine(report: RunReport) -> list[dict[str, object]]:
    assert report.quarantine_file is not None
    return [json.loads(line) for line in Path(report.quarantine_file).read_text(encoding="utf-8").splitlines()]


def test_sample_loads_reconciles_and_rerun_changes_nothing(
    sample: tuple[LadybugStore, RunReport, Path],
) -> None:
    store, first, tmp_path = sample
    assert first.reconciles
    assert first.records_read == 4400
    assert first.records_quarantined == 0
    assert first.relations_read > 4000
    orgs, checksum = store.count("Organisation"), content_checksum(store)
    second = _ingest(store, tmp_path, *SAMPLE_PATHS)
    assert (second.records_read, second.records_loaded) == (first.records_read, first.records_loaded)
    assert store.count("Organisation") == orgs
    assert content_checksum(store) == checksum
    assert [run["id"] for run in store.runs(2)] == [second.id, first.id]


def test_org_lookup_by_label_id_acronym_and_child(sample: tuple[LadybugStore, RunReport, Path]) -> None:
    store = sample[0]
    by_label = lookup(store, "哈尔滨工业大学")
    assert by_label.detail is not None
    assert by_label.detail.iri == HIT
    assert any(n.value == "哈尔滨工业大学" and n.lang == "zh" for n in by_label.detail.names)
    by_id = lookup(store, "01yqg2h08")
    assert by_id.detail is not None
    assert by_id.detail.name == "Harbin Institute of Technology"
    children = {c.name for c in by_id.detail.children}
    assert "State Key Laboratory of Robotics and Systems" in children
    acronym = lookup(store, "HIT")
    assert acronym.detail is None
    assert HIT in {m.iri for m in acronym.matches}
    assert len(acronym.matches) >= 3
    lab = lookup(store, "State Key Laboratory of Robotics and Systems")
    assert lab.detail is not None
    assert [[a.iri for a in chain] for chain in lab.detail.ancestors] == [[HIT]]


def test_bad_records_are_quarantined_with_reasons_and_the_rest_loads(store: LadybugStore, tmp_path: Path) -> None:
    good = _records("ror_sample_v2.jsonl.gz")[:5]
    bad_country = dict(good[1], locations=[{"geonames_id": 1, "geonames_details": {"country_code": "QQ"}}])
    no_name = dict(good[2], names=[{"value": "NN", "types": ["acronym"], "lang": None}])
    lines = [
        json.dumps(good[0]),
        json.dumps(good[3])[:150],
        json.dumps(bad_country),
        json.dumps(no_name),
        json.dumps(good[4]),
    ]
    report = _ingest(store, tmp_path, _write_jsonl(tmp_path / "bad.jsonl", lines))
    assert report.reconciles
    assert (report.records_read, report.records_loaded, report.records_quarantined) == (5, 2, 3)
    reasons = {next(iter(entry["reasons"])).split(" [")[0] for entry in _quarantine(report)}
    assert reasons == {
        "invalid JSON, truncated or damaged line",
        "country is not an ISO 3166-1 alpha-2 code (or XK)",
        "needs exactly one non-empty preferred (display) name",
    }
    assert store.count("Organisation") >= 2


def test_self_relation_is_quarantined_alone(store: LadybugStore, tmp_path: Path) -> None:
    record = next(r for r in _records("ror_sample_v2.jsonl.gz") if r.get("relationships"))
    relationships = list(record["relationships"])  # type: ignore[call-overload]
    record["relationships"] = [
        *relationships,
        {"type": "child", "id": record["id"], "label": "itself"},
        {"type": "predecessor", "id": record["id"], "label": "itself"},
    ]
    report = _ingest(store, tmp_path, _write_jsonl(tmp_path / "self.jsonl", [json.dumps(record)]))
    assert report.reconciles
    assert report.records_loaded == 1
    assert (report.relations_read, report.relations_quarantined) == (len(relationships) + 2, 2)
    units = {(e["unit"], e["relation"]) for e in _quarantine(report)}
    assert units == {("relation", "hasSubOrganisation"), ("relation", "predecessor")}
    assert store.query("org_links_out", {"iri": record["id"], "limit": 100}) or relationships


def test_dangling_relation_targets_are_kept_as_references(store: LadybugStore, tmp_path: Path) -> None:
    record = dict(_records("ror_sample_v2.jsonl.gz")[0])
    record["relationships"] = [{"type": "parent", "id": "https://ror.org/0000dangl", "label": "elsewhere"}]
    report = _ingest(store, tmp_path, _write_jsonl(tmp_path / "d.jsonl", [json.dumps(record)]))
    assert report.relations_loaded == 1
    detail = lookup(store, str(record["id"])).detail
    assert detail is not None
    assert [[a.iri for a in c] for c in detail.ancestors] == [["https://ror.org/0000dangl"]]


def test_zenodo_zip_and_v1_schema_map_to_the_same_model(store: LadybugStore, tmp_path: Path) -> None:
    v2 = _records("ror_sample_v2.jsonl.gz")[:50]
    archive = tmp_path / "v9.9-2026-06-23-ror-data.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("v9.9-2026-06-23-ror-data_schema_v2.json", json.dumps(v2))
        handle.writestr("v9.9-2026-06-23-ror-data.csv", "id,name\n")
    report = _ingest(store, tmp_path, archive)
    assert (report.records_read, report.records_loaded) == (50, 50)
    v1 = _records("ror_sample_v1.jsonl.gz")[:20]
    report = _ingest(store, tmp_path, _write_jsonl(tmp_path / "v1.jsonl", [json.dumps(r) for r in v1]))
    assert report.records_loaded == 20
    detail = lookup(store, str(v1[0]["id"])).detail
    assert detail is not None
    assert detail.name == v1[0]["name"]
    assert detail.countries


def test_damaged_gzip_is_refused_before_anything_loads(store: LadybugStore, tmp_path: Path) -> None:
    data = (SAMPLES / "ror_sample_v2.jsonl.gz").read_bytes()
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="damaged or truncated"):
        _ingest(store, tmp_path, truncated)
    assert store.count("Organisation") == 0


@pytest.mark.shared_data
def test_full_registry_counts(full_graph_built: Any) -> None:
    """The whole shared registry (built once per session in tests/conftest.py): 35,990 v2 and 15,380 v1
    records, every one accounted for, records and relations alike."""
    v2, v1 = full_graph_built.reports["ror_v2"], full_graph_built.reports["ror_v1"]
    assert v2.reconciles
    assert v2.records_read == 35_990
    assert v1.reconciles
    assert v1.records_read == 15_380
    assert v2.records_loaded + v1.records_loaded + v2.records_quarantined + v1.records_quarantined == 51_370
    detail = lookup(full_graph_built.store, "01yqg2h08").detail
    assert detail is not None
    assert "State Key Laboratory of Robotics and Systems" in {c.name for c in detail.children}


def test_a_bad_optional_value_is_quarantined_alone(store: LadybugStore, tmp_path: Path) -> None:
    record = dict(_records("ror_sample_v2.jsonl.gz")[0])
    record["external_ids"] = [{"type": "grid", "all": ["https://www.grid.ac/institutes/grid.445690.a"],
                               "preferred": None}]
    report = _ingest(store, tmp_path, _write_jsonl(tmp_path / "grid.jsonl", [json.dumps(record)]))
    assert (report.records_loaded, report.records_quarantined) == (1, 0)
    [entry] = _quarantine(report)
    assert (entry["unit"], entry["property"]) == ("value", "grid")
    assert entry["reasons"][0].startswith("GRID id must look like grid.1234.5")
    detail = lookup(store, str(record["id"])).detail
    assert detail is not None
    assert "grid" not in detail.identifiers
