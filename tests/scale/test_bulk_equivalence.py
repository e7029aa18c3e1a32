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
from ingest.pipeline import RunReport, run_ingest
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


def _both_paths(files: list[Path], tmp: Path, workers: int = 1) -> tuple[RunReport, RunReport]:
    """Load ``files`` by the validated path and by the bulk path, each into a fresh database; the two graphs
    must have the same content checksum. Returns (validated, bulk) reports."""
    reports, sums = [], []
    for name in ("validated", "bulk"):
        with LadybugStore(tmp / f"{name}.lbdb") as store:
            store.ensure_schema()
            if name == "validated":
                reports.append(run_ingest(SOURCE, files, store, tmp / f"q{name}", workers=workers, progress=False))
            else:
                reports.append(run_bulk(SOURCE, files, store, tmp / f"q{name}", progress=False))
            sums.append(content_checksum(store))
    assert sums[0] == sums[1]
    return reports[0], reports[1]


def _same_counts(validated: RunReport, bulk: RunReport) -> None:
    for name in ("records_read", "records_loaded", "records_quarantined", "relations_read", "relations_loaded",
                 "relations_quarantined", "release"):
        assert getattr(bulk, name) == getattr(validated, name), name
    assert bulk.reasons == validated.reasons


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
    validated, bulk = _both_paths([path], tmp_path)
    _same_counts(validated, bulk)
    assert (bulk.records_read, bulk.records_loaded, bulk.records_quarantined) == (5, 2, 3)


def _odd_file(tmp: Path, repeats: bool = False) -> Path:
    """Ordinary records with, between them, everything the columnar reader hands to the exact path: padded
    names, an upper-case language tag, a self-relation, a string year, a byte-order mark, blank lines, broken
    JSON, two objects on a line; with ``repeats``, records read again later (a later loaded one wins, a later
    quarantined one does not)."""
    with gzip.open(SAMPLES[0], "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(300), handle, strict=False)]
    first, second = json.loads(json.dumps(records[0])), json.loads(json.dumps(records[1]))
    first["status"] = "inactive"
    first["names"].append({"value": "A Later Alias", "types": ["alias"], "lang": None})
    second["locations"][0]["geonames_details"]["country_code"] = "XX"
    padded, upper, selfish, year = (json.loads(json.dumps(records[i])) for i in (2, 3, 4, 5))
    padded["id"], upper["id"], selfish["id"], year["id"] = (f"https://ror.org/0synodd{i}0" for i in range(4))
    padded["names"][0]["value"] = "  " + padded["names"][0]["value"] + "\u3000"
    upper["names"][0]["lang"] = "EN"
    selfish["relationships"] = [{"type": "parent", "id": selfish["id"]}, {"type": "child", "id": records[9]["id"]}]
    year["established"] = "1999"
    lines = [json.dumps(r) for r in records[:150]]
    lines += ["", "   ", json.dumps(padded), "\ufeff" + json.dumps(upper), "{broken", json.dumps(selfish),
              json.dumps(year) + json.dumps(year)]
    lines += [json.dumps(r) for r in records[150:]]
    if repeats:
        lines += [json.dumps(first), json.dumps(year), json.dumps(upper), json.dumps(second)]
    path = tmp / ("repeats.jsonl.gz" if repeats else "odd.jsonl.gz")
    with gzip.open(path, "wt", encoding="utf-8") as sink:
        sink.write("\n".join(lines) + "\n")
    return path


def test_odd_records_across_blocks_like_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small blocks, so that repeats fall in other blocks than the first occurrence (already copied) and a bad
    line makes the reader split its block: still the validated path's graph, counts and reasons."""
    import ingest.bulk
    import ingest.bulk_read

    monkeypatch.setattr(ingest.bulk_read, "BLOCK_BYTES", 40_000)
    monkeypatch.setattr(ingest.bulk, "_LEAF", 8)
    path = _odd_file(tmp_path)
    validated, bulk = _both_paths([path], tmp_path)
    _same_counts(validated, bulk)
    assert bulk.records_quarantined == 3  # broken JSON, two objects on a line, a byte-order mark
    assert bulk.relations_quarantined == 1  # the self-relation; its record stays


def test_repeated_records_last_loaded_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records read again in a later block (their first occurrence already copied): the last loaded occurrence
    wins, a later quarantined one changes nothing — as the record-by-record path does. (The validated path is
    not the reference here: it merges repeats that fall in one validation batch.)"""
    import ingest.bulk
    import ingest.bulk_read

    monkeypatch.setattr(ingest.bulk_read, "BLOCK_BYTES", 40_000)
    path = _odd_file(tmp_path, repeats=True)
    sums, reports = [], []
    for name, columnar in (("columnar", True), ("exact", False)):
        if not columnar:
            monkeypatch.setattr(ingest.bulk, "is_v2_lines", lambda path: False)
        with LadybugStore(tmp_path / f"{name}.lbdb") as store:
            store.ensure_schema()
            reports.append(run_bulk(SOURCE, [path], store, tmp_path / f"q{name}", progress=False))
            sums.append(content_checksum(store))
            if columnar:
                _, rows, _ = store.read_cypher(
                    "MATCH (n:Organisation) WHERE list_contains(n.alt_names, 'A Later Alias') RETURN n.status",
                    timeout_s=30, row_cap=10)
                assert rows == [["inactive"]]
    assert sums[0] == sums[1]
    assert reports[0].as_row() | {"id": 0, "started": 0, "finished": 0, "seconds": 0, "quarantine_file": 0} == (
        reports[1].as_row() | {"id": 0, "started": 0, "finished": 0, "seconds": 0, "quarantine_file": 0})


def test_truncated_file_loads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gzip cut short is found while reading, after some blocks were copied: the run is refused, the copied
    nodes are removed and no quarantine file is left."""
    import ingest.bulk_read
    from rskg.errors import SourceError

    monkeypatch.setattr(ingest.bulk_read, "BLOCK_BYTES", 40_000)
    data = _odd_file(tmp_path).read_bytes()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    with LadybugStore(tmp_path / "cut.lbdb") as store:
        store.ensure_schema()
        with pytest.raises(SourceError, match=r"cut\.jsonl\.gz is damaged or truncated"):
            run_bulk(SOURCE, [path], store, tmp_path / "q", progress=False)
        assert store.count("Organisation") == 0
    assert not (tmp_path / "q").exists() or not any((tmp_path / "q").iterdir())


@pytest.mark.shared_data
def test_full_registry_same_graph(tmp_path: Path, shared_data: Path) -> None:
    """The whole real registry (v2 then v1 records, as loaded in production): bulk and validated give the same
    graph and the same counts."""
    files = [shared_data / "ror" / "ror_records_latest_v2.jsonl.gz",
             shared_data / "ror" / "ror_records_latest_v1schema.jsonl.gz"]
    validated, bulk = _both_paths(files, tmp_path, workers=2)
    _same_counts(validated, bulk)
