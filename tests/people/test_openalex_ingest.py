"""OpenAlex authors and works on the embedded engine: persons with ORCID, affiliations dated from the years
OpenAlex saw them, co-authorship with the other authors' institutions, funding from a work's funders; every
accepted file layout gives the same graph; other records and damaged lines are quarantined; re-runs change
nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.ladybug import LadybugStore
from ingest.people.openalex import SOURCE, affiliation_dates
from ingest.pipeline import RunReport, run_ingest
from queries.stats import content_checksum
from rskg.cli import main
from rskg.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "openalex"
AUTHOR = FIXTURES / "A5023888391.json"
WORK = FIXTURES / "W2741809807.json"
PRIEM = "https://openalex.org/A5023888391"
WORK_IRI = "https://openalex.org/W2741809807"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _ingest(store: LadybugStore, tmp_path: Path, *paths: Path, workers: int = 1) -> RunReport:
    return run_ingest(SOURCE, list(paths), store, tmp_path / "quarantine", workers=workers, progress=False)


def _rows(store: LadybugStore, text: str) -> list[dict[str, Any]]:
    columns, rows, _ = store.read_cypher(text, timeout_s=10, row_cap=1000)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _counts(store: LadybugStore) -> tuple[int, int, int, int, int]:
    return (store.count("Person"), store.count("Organisation"), store.count_rels("AFFILIATED_WITH"),
            store.count_rels("COAUTHORED_WITH"), store.count_rels("FUNDED_BY"))


def test_author_and_work_load_reconcile_and_rerun_changes_nothing(store: LadybugStore,
                                                                  tmp_path: Path) -> None:
    first = _ingest(store, tmp_path, AUTHOR, WORK, workers=2)
    assert first.reconciles
    assert first.quarantine_file is None
    # 8 affiliations of the author; 9 authors × the other authors' institutions (7 or 8 each) = 69
    assert (first.records_read, first.records_loaded) == (2, 2)
    assert (first.relations_read, first.relations_loaded) == (77, 77)
    assert _counts(store) == (9, 15, 8, 69, 0)
    assert first.release == "2025-06-11"
    checksum = content_checksum(store)
    second = _ingest(store, tmp_path, WORK, AUTHOR)
    assert second.relations_loaded == 77
    assert _counts(store) == (9, 15, 8, 69, 0)
    assert content_checksum(store) == checksum


def test_person_keeps_orcid_and_author_record_names_whatever_the_file_order(
        store: LadybugStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, AUTHOR, WORK)
    person = _rows(store, f"MATCH (p:Person) WHERE p.iri = '{PRIEM}' RETURN p.orcid AS orcid, "
                          "p.alt_names AS alt, p.source AS source, p.record AS record")
    assert person == [{"orcid": ["0000-0001-6187-6610"], "alt": ["Priem Jason"], "source": "openalex",
                       "record": "A5023888391"}]


def test_affiliations_follow_the_dating_rule(store: LadybugStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, AUTHOR)
    dated = {r["org"]: (r["s"], r["e"]) for r in _rows(
        store, "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation) RETURN o.iri AS org, "
               "r.start_date AS s, r.end_date AS e")}
    assert dated["https://ror.org/02nr0ka47"] == ("2019", None)      # OurResearch: last known, current
    assert dated["https://ror.org/0130frc33"] == ("2010", "2014")    # UNC Chapel Hill: 2010..2014
    assert dated["https://ror.org/05ppvf150"] == ("2013", "2018")
    assert dated["https://ror.org/00za53h95"] == ("2020", "2020")    # Johns Hopkins: one year
    assert len(dated) == 8


def test_affiliation_dates_rule() -> None:
    assert affiliation_dates([2019, 2023, 2021], 2023, False) == ("2019", None)   # latest activity → current
    assert affiliation_dates([2010, 2014], 2023, False) == ("2010", "2014")
    assert affiliation_dates([2015], 2023, True) == ("2015", None)                # last known → current


def test_coauthorship_links_each_author_to_the_other_authors_institutions(
        store: LadybugStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, WORK)
    rows = _rows(store, f"MATCH (p:Person)-[r:COAUTHORED_WITH]->(o:Organisation) WHERE p.iri = '{PRIEM}' "
                        "RETURN o.iri AS org, r.works AS works, r.start_date AS s, r.end_date AS e")
    assert len(rows) == 8
    assert {(tuple(r["works"]), r["s"], r["e"]) for r in rows} == {((WORK_IRI,), "2018", "2018")}
    montreal = "https://ror.org/0161xgx34"  # Université de Montréal: Larivière's own institution
    larivière = _rows(store, "MATCH (p:Person)-[r:COAUTHORED_WITH]->(o:Organisation) WHERE p.iri = "
                             "'https://openalex.org/A5068542997' RETURN o.iri AS org")
    assert montreal not in {r["org"] for r in larivière}
    assert len(larivière) == 7


def test_work_funders_fund_every_author(store: LadybugStore, tmp_path: Path) -> None:
    work = _load(WORK)
    work["funders"] = [{"id": "https://openalex.org/F4320332161",
                        "display_name": "National Institutes of Health", "ror": "https://ror.org/01cwqze88"}]
    work["grants"] = [{"funder": "https://openalex.org/F4320306076", "funder_display_name":
                       "National Science Foundation", "award_id": "1234567"},
                      {"funder": "https://openalex.org/F4320332161", "funder_display_name": "NIH",
                       "award_id": "R01"}]
    path = tmp_path / "funded.json"
    path.write_text(json.dumps(work), encoding="utf-8")
    report = _ingest(store, tmp_path, path)
    assert report.reconciles
    assert report.relations_loaded == 69 + 9 * 2
    funders = _rows(store, "MATCH (p:Person)-[r:FUNDED_BY]->(o:Organisation) RETURN DISTINCT "
                           "o.iri AS org, o.name AS name, o.kinds AS kinds, r.kind AS kind, "
                           "r.start_date AS s, r.end_date AS e")
    assert sorted(funders, key=lambda r: r["org"]) == [
        {"org": "https://openalex.org/F4320306076", "name": "National Science Foundation",
         "kinds": ["funder"], "kind": "money", "s": "2018", "e": "2018"},
        {"org": "https://ror.org/01cwqze88", "name": None, "kinds": None, "kind": "money",
         "s": "2018", "e": "2018"},
    ]


def test_institution_without_ror_becomes_an_openalex_organisation(store: LadybugStore,
                                                                  tmp_path: Path) -> None:
    author = _load(AUTHOR)
    author["affiliations"] = [{"institution": {"id": "https://openalex.org/I999", "ror": None,
                                               "display_name": "Example Lab", "country_code": "CA"},
                               "years": [2015, 2016]}, *author["affiliations"]]
    path = tmp_path / "author.json"
    path.write_text(json.dumps(author), encoding="utf-8")
    _ingest(store, tmp_path, path)
    org = _rows(store, "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation) WHERE o.iri = "
                       "'https://openalex.org/I999' RETURN o.name AS name, o.countries AS c, "
                       "o.source AS source, r.start_date AS s, r.end_date AS e")
    assert org == [{"name": "Example Lab", "c": ["CA"], "source": "openalex", "s": "2015", "e": "2016"}]


@pytest.mark.parametrize("layout", ["array", "jsonl", "page"])
def test_every_file_layout_gives_the_same_graph(layout: str, store: LadybugStore, tmp_path: Path) -> None:
    records = [_load(AUTHOR), _load(WORK)]
    path = tmp_path / f"records.{layout}"
    if layout == "array":
        path.write_text(json.dumps(records), encoding="utf-8")
    elif layout == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    else:
        path.write_text(json.dumps({"meta": {"count": 2}, "results": records}), encoding="utf-8")
    report = _ingest(store, tmp_path, path)
    assert (report.records_read, report.records_loaded, report.relations_loaded) == (2, 2, 77)
    assert _counts(store) == (9, 15, 8, 69, 0)


def test_other_records_and_damaged_lines_are_quarantined(store: LadybugStore, tmp_path: Path) -> None:
    institution = {"id": "https://openalex.org/I27837315", "display_name": "University of Michigan"}
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(_load(AUTHOR)), json.dumps(institution), json.dumps(_load(WORK))[:300],
             json.dumps({"no": "id"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = _ingest(store, tmp_path, path)
    assert report.reconciles
    assert (report.records_read, report.records_loaded) == (4, 1)
    assert report.quarantine_file is not None
    entries = [json.loads(line) for line in Path(report.quarantine_file).read_text("utf-8").splitlines()]
    reasons = {e["record"]: e["reasons"][0] for e in entries}
    assert reasons["mixed.jsonl: line 2"].startswith(
        "not an OpenAlex author or work record (id 'https://openalex.org/I27837315')")
    assert reasons["mixed.jsonl: line 3"].startswith("invalid JSON, truncated or damaged line")
    assert reasons["mixed.jsonl: line 4"].startswith("not an OpenAlex author or work record (id None)")


def test_a_file_that_is_not_json_is_refused_before_anything_loads(store: LadybugStore,
                                                                  tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("researcher,relation\nA,affiliation\n", encoding="utf-8")
    with pytest.raises(SourceError, match="neither JSON nor JSON lines"):
        _ingest(store, tmp_path, AUTHOR, bad)
    assert store.count("Person") == 0


def test_cli_ingest_openalex(tmp_path: Path, use_data_dir: Callable[[Path], Path]) -> None:
    use_data_dir(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "openalex", "--no-progress", str(AUTHOR), str(WORK)])
    assert result.exit_code == 0, result.output
    assert "openalex: records read 2 = loaded 2 + quarantined 0" in result.output
    assert "relations read 77 = loaded 77 + quarantined 0" in result.output
