"""The bulk path (rows straight from records, COPY into a fresh database) yields the same graph as the validated
path (RDF, SHACL, upserts) on the committed ROR sample, with the same counts; a second bulk load into the now
non-empty database falls back to upserts and changes nothing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from graph.ladybug import LadybugStore
from ingest.bulk import run_bulk
from ingest.pipeline import run_ingest
from ingest.sources.ror import SOURCE
from queries.stats import content_checksum

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [REPO / "samples" / "ror" / "ror_sample_v2.jsonl.gz", REPO / "samples" / "ror" / "ror_sample_v1.jsonl.gz"]
SUBSET = 1200  # records from each sample file: keeps the validated run short on a busy 2-core machine


def _subset(tmp: Path) -> list[Path]:
    """The first records of each committed sample (v2 and v1), relations to records outside kept as references."""
    out = []
    for path in SAMPLES:
        target = tmp / path.name
        with gzip.open(path, "rt", encoding="utf-8") as handle, gzip.open(target, "wt", encoding="utf-8") as sink:
            for number, line in enumerate(handle):
                if number >= SUBSET:
                    break
                sink.write(line)
        out.append(target)
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("bulk")
    files = _subset(tmp)
    out: dict[str, object] = {}
    with LadybugStore(tmp / "validated.lbdb") as store:
        store.ensure_schema()
        out["validated"] = run_ingest(SOURCE, files, store, tmp / "qv", workers=2, progress=False)
        out["validated_sum"] = content_checksum(store)
        out["validated_orgs"] = store.count("Organisation")
    with LadybugStore(tmp / "bulk.lbdb") as store:
        store.ensure_schema()
        out["bulk"] = run_bulk(SOURCE, files, store, tmp / "qb", progress=False)
        out["bulk_sum"] = content_checksum(store)
        out["again"] = run_bulk(SOURCE, files, store, tmp / "qb2", progress=False)
        out["again_sum"] = content_checksum(store)
    return out


def test_same_graph(loaded: dict[str, object]) -> None:
    assert isinstance(loaded["validated_orgs"], int)
    assert loaded["validated_orgs"] > 2 * SUBSET  # records and the references they make
    assert loaded["bulk_sum"] == loaded["validated_sum"]


def test_same_counts(loaded: dict[str, object]) -> None:
    validated, bulk = loaded["validated"], loaded["bulk"]
    for name in ("records_read", "records_loaded", "records_quarantined", "relations_read", "relations_loaded",
                 "relations_quarantined", "release"):
        assert getattr(bulk, name) == getattr(validated, name), name
    assert bulk.reconciles  # type: ignore[attr-defined]


def test_reload_is_idempotent(loaded: dict[str, object]) -> None:
    """COPY only fills empty tables; a load into a non-empty database goes through the upserts."""
    assert loaded["again_sum"] == loaded["bulk_sum"]


def test_bad_records_quarantined_like_validated(tmp_path: Path) -> None:
    """Records that fail the shapes are rejected by both paths with the same reasons; a self-relation only
    loses that relation."""
    with gzip.open(SAMPLES[0], "rt", encoding="utf-8") as handle:
        good = json.loads(handle.readline())
    bad_country = json.loads(json.dumps(good))
    bad_country["id"] = "https://ror.org/0synbad01"
    bad_country["locations"][0]["geonames_details"]["country_code"] = "XX"
    selfish = json.loads(json.dumps(good))
    selfish["id"] = "https://ror.org/0synself1"
    selfish["relationships"] = [{"type": "related", "id": selfish["id"], "label": "me"}]
    bad_kind = json.loads(json.dumps(good))
    bad_kind["id"] = "https://ror.org/0synkind1"
    bad_kind["types"] = ["spaceship"]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (good, bad_country, selfish, bad_kind)) + "\n{broken\n")
    reports = []
    sums = []
    for name, runner in (("v", "validated"), ("b", "bulk")):
        with LadybugStore(tmp_path / f"{name}.lbdb") as store:
            store.ensure_schema()
            if runner == "validated":
                report = run_ingest(SOURCE, [path], store, tmp_path / f"q{name}", workers=1, progress=False)
            else:
                report = run_bulk(SOURCE, [path], store, tmp_path / f"q{name}", progress=False)
            reports.append(report)
            sums.append(content_checksum(store))
    validated, bulk = reports
    assert sums[0] == sums[1]
    assert (bulk.records_read, bulk.records_loaded, bulk.records_quarantined) == (5, 2, 3)
    assert (bulk.relations_read, bulk.relations_loaded, bulk.relations_quarantined) == (
        validated.relations_read, validated.relations_loaded, validated.relations_quarantined)
    assert bulk.reasons == validated.reasons
