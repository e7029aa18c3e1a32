"""`rskg ingest team` on the embedded engine: the example team loads as persons with affiliations, funding and
in-kind support; counts reconcile; re-runs change nothing; rows that cannot load are quarantined with their
reason (and the candidates); the CLI prints them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.ladybug import LadybugStore
from ingest.people.team_source import person_iri, team_source
from ingest.pipeline import RunReport, run_ingest
from queries.resolver import ResolverIndex
from queries.stats import content_checksum
from rskg.cli import main
from rskg.settings import get_settings

HEADER = "researcher,relation,organisation,role,start,end\n"
HEU = "https://ror.org/03x80pn82"
NWPU = "https://ror.org/01y0j0j86"


def _ingest(store: LadybugStore, index: ResolverIndex, path: Path, tmp_path: Path,
            workers: int = 1) -> RunReport:
    return run_ingest(team_source(index, as_of="2024-06-01"), [path], store, tmp_path / "quarantine",
                      workers=workers, progress=False)


def _facts(store: LadybugStore, rtype: str) -> list[dict[str, Any]]:
    kind = ", r.kind AS kind" if rtype == "FUNDED_BY" else ", r.role AS role"
    columns, rows, _ = store.read_cypher(
        f"MATCH (p:Person)-[r:{rtype}]->(o:Organisation) RETURN p.iri AS person, p.name AS name, "
        "o.iri AS org, r.start_date AS start_date, r.end_date AS end_date, r.source AS source, "
        f"r.release AS release{kind} "
        "ORDER BY person, org", timeout_s=10, row_cap=1000)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _quarantine(report: RunReport) -> list[dict[str, Any]]:
    assert report.quarantine_file is not None
    lines = Path(report.quarantine_file).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_example_team_loads_reconciles_and_rerun_changes_nothing(
        store: LadybugStore, ror_index: ResolverIndex, example_team: Path, tmp_path: Path) -> None:
    first = _ingest(store, ror_index, example_team, tmp_path, workers=2)
    assert first.reconciles
    assert first.quarantine_file is None
    assert (first.records_read, first.records_loaded) == (10, 10)
    assert (first.relations_read, first.relations_loaded) == (7, 7)
    assert first.release == "2024-06-01"
    assert store.count("Person") == 3
    assert (store.count_rels("AFFILIATED_WITH"), store.count_rels("FUNDED_BY")) == (5, 2)

    a = person_iri("example_team", "Researcher A")
    assert a == "https://w3id.org/rskg/id/team/example-team%2Fresearcher-a"
    heu = next(f for f in _facts(store, "AFFILIATED_WITH") if f["org"] == HEU)
    assert heu == {"person": a, "name": "Researcher A", "org": HEU, "start_date": "2021-09-01",
                   "end_date": None, "source": "team", "release": "2024-06-01", "role": "Adjunct Professor"}
    funding = {(f["org"], f["kind"], f["end_date"]) for f in _facts(store, "FUNDED_BY")}
    assert funding == {("https://ror.org/01h0zpd94", "money", "2022-08-31"), (NWPU, "in_kind", None)}

    checksum = content_checksum(store)
    second = _ingest(store, ror_index, example_team, tmp_path)
    assert (second.records_loaded, second.relations_loaded) == (10, 7)
    assert store.count("Person") == 3
    assert store.count_rels("AFFILIATED_WITH") == 5
    assert content_checksum(store) == checksum


def test_ended_team_file_gives_its_own_persons_with_the_end_date(
        store: LadybugStore, ror_index: ResolverIndex, example_team: Path, example_team_ended: Path,
        tmp_path: Path) -> None:
    _ingest(store, ror_index, example_team, tmp_path)
    _ingest(store, ror_index, example_team_ended, tmp_path)
    assert store.count("Person") == 6
    ends = {f["person"]: f["end_date"] for f in _facts(store, "AFFILIATED_WITH") if f["org"] == HEU}
    assert ends == {person_iri("example_team", "Researcher A"): None,
                    person_iri("example_team_ended", "Researcher A"): "2023-12-31"}


def test_adding_an_end_date_and_reloading_updates_the_same_fact(
        store: LadybugStore, ror_index: ResolverIndex, tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    row = "Researcher A,affiliation,Harbin Engineering University,Adjunct,2021,"
    path.write_text(HEADER + row + "\n", "utf-8")
    _ingest(store, ror_index, path, tmp_path)
    path.write_text(HEADER + row + "2023-12-31\n", "utf-8")
    _ingest(store, ror_index, path, tmp_path)
    assert [f["end_date"] for f in _facts(store, "AFFILIATED_WITH")] == ["2023-12-31"]


def test_rows_that_cannot_load_are_quarantined_with_reason_and_candidates(
        store: LadybugStore, ror_index: ResolverIndex, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER
                    + "Researcher D,affiliation,University of Victoria,Professor,2019,\n"      # loads
                    + "Researcher D,affiliation,Harbin University,Visiting scholar,2020,\n"    # candidates
                    + "Researcher D,funding,Acme Quantum Labs,,2020,\n"                        # none
                    + "Researcher D,grant,University of Victoria,,2020,\n"                     # bad relation
                    + "Researcher D,affiliation,Univ. of Victoria,Professor,2019,\n"           # repeats row 2
                    + "Researcher E,in_kind,https://ror.org/01y0j0j86,,2024-01,2023-12\n",     # end < start
                    "utf-8")
    report = _ingest(store, ror_index, path, tmp_path)
    assert report.reconciles
    # records: persons D and E + rows 2..7 = 8; loaded: D, E, row 2
    assert (report.records_read, report.records_loaded, report.records_quarantined) == (8, 3, 5)
    entries = {entry["record"]: entry for entry in _quarantine(report)}
    assert set(entries) == {f"mixed.csv: row {n}" for n in (3, 4, 5, 6, 7)}
    vague = entries["mixed.csv: row 3"]
    assert vague["reasons"][0].startswith("column organisation: 'Harbin University' did not resolve")
    assert "Harbin Medical University <https://ror.org/05jscf583>" in vague["reasons"][0]
    raw = json.loads(vague["raw"])
    assert raw["resolution"]["decision"] == "candidates"
    assert len(raw["resolution"]["candidates"]) >= 3
    assert "decision: none; candidates: no candidates" in entries["mixed.csv: row 4"]["reasons"][0]
    assert entries["mixed.csv: row 5"]["reasons"] == [
        "column relation: unknown relation 'grant': use one of affiliation, funding, in_kind"]
    assert entries["mixed.csv: row 6"]["reasons"] == [
        "repeats row 2 (same researcher, relation, organisation, role and start)"]
    assert entries["mixed.csv: row 7"]["reasons"] == ["column end: end 2023-12 is before start 2024-01"]
    assert [f["org"] for f in _facts(store, "AFFILIATED_WITH")] == ["https://ror.org/04s5mat29"]
    assert store.count_rels("FUNDED_BY") == 0


@pytest.fixture
def data_dir(tmp_path: Path, use_data_dir: Callable[[Path], Path], ror_index: ResolverIndex) -> Path:
    use_data_dir(tmp_path)
    ror_index.save(get_settings().index_dir)
    return tmp_path


def test_cli_loads_the_team_and_prints_each_quarantined_row(data_dir: Path) -> None:
    path = data_dir / "team.csv"
    path.write_text(HEADER + "Researcher A,affiliation,Harbin Engineering University,,2021,\n"
                    + "Researcher A,affiliation,Harbin University,,2020,\n", "utf-8")
    result = CliRunner().invoke(main, ["ingest", "team", str(path), "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert "team: records read 3 = loaded 2 + quarantined 1" in result.output
    assert "team.csv: row 3: column organisation: 'Harbin University' did not resolve" in result.output
    bad_date = CliRunner().invoke(main, ["ingest", "team", str(path), "--as-of", "June 2024"])
    assert bad_date.exit_code != 0
    assert "is not a date" in bad_date.output


def test_cli_without_resolver_index_says_what_to_run(tmp_path: Path, use_data_dir: Callable[[Path], Path],
                                                     example_team: Path) -> None:
    use_data_dir(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "team", str(example_team)])
    assert result.exit_code != 0
    assert "rskg ingest ror" in result.output
