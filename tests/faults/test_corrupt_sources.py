"""Corrupted source files, ingested into a graph that already holds the ROR sample: a file that cannot be read
at all is refused with a message naming it, and the graph's content checksum does not change; a file with bad
records quarantines them with the reason (records read = loaded + quarantined) and loads the rest."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Baseline
from faults_support import LIST_SAMPLES, ROR_SAMPLES, copy_graph, rskg

from graph import GraphStore
from graph.ladybug import LadybugStore
from ingest.lists.registry import list_sources
from ingest.pipeline import RunReport
from ingest.run import ingest
from ingest.source import Source
from ingest.sources.ror import SOURCE as ROR
from queries.stats import content_checksum
from rskg.errors import SourceError
from rskg.settings import Settings

SECTION_1286 = LIST_SAMPLES / "us_dod_section1286" / "section_1286.csv"
UN_XML = LIST_SAMPLES / "un_sc_consolidated_list" / "UN_consolidated_2026-02-27.xml"


@pytest.fixture
def loaded(tmp_path: Path, ror_baseline: Baseline) -> Iterator[tuple[GraphStore, Settings]]:
    """A graph holding the ROR sample (a copy of the session baseline), open for writing."""
    settings = Settings(data_dir=copy_graph(ror_baseline.data_dir, tmp_path / "data"), workers=2)
    with LadybugStore(settings.db_path) as store:
        yield store, settings


def _refused(loaded: tuple[GraphStore, Settings], source: Source, path: Path) -> str:
    """Ingest ``path``: it must be refused and leave the graph as it was; returns the message."""
    store, settings = loaded
    before = content_checksum(store)
    with pytest.raises(SourceError) as refused:
        ingest(source, store, settings, [path], progress=False)
    assert content_checksum(store) == before
    assert not settings.quarantine_dir.exists()
    return refused.value.detail


def _quarantined(report: RunReport) -> list[dict[str, object]]:
    assert report.reconciles
    assert report.records_read == report.records_loaded + report.records_quarantined
    assert report.quarantine_file is not None
    lines = Path(report.quarantine_file).read_text(encoding="utf-8").splitlines()
    assert len(lines) == report.records_quarantined
    return [json.loads(line) for line in lines]


def test_truncated_gzip_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    data = ROR_SAMPLES[1].read_bytes()
    path = tmp_path / "ror_cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    message = _refused(loaded, ROR, path)
    assert "ror_cut.jsonl.gz is damaged or truncated" in message
    assert "nothing was loaded" in message


def test_a_zip_that_is_not_a_zip_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    path = tmp_path / "v1.58-2024-12-11-ror-data.zip"
    path.write_bytes(gzip.decompress(ROR_SAMPLES[1].read_bytes())[:5000])  # JSON lines named .zip
    assert "v1.58-2024-12-11-ror-data.zip is damaged or truncated (File is not a zip file)" in _refused(
        loaded, ROR, path
    )


@pytest.mark.parametrize("name", ["empty.jsonl.gz", "empty.jsonl", "blank.jsonl"])
def test_an_empty_ror_file_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings], name: str) -> None:
    """Loading nothing would still overwrite the dataset's release (with none): refused instead."""
    path = tmp_path / name
    path.write_bytes(b"\n \n" if name.startswith("blank") else b"")
    assert _refused(loaded, ROR, path) == f"{name} is empty; nothing was loaded"


def test_latin1_lines_are_quarantined_and_the_rest_loaded(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    lines = gzip.decompress(ROR_SAMPLES[1].read_bytes()).splitlines(keepends=True)[:60]
    damaged = {7, 23, 41}  # 1-based line numbers re-encoded as latin-1, with a non-ASCII name
    out = []
    for number, line in enumerate(lines, start=1):
        if number in damaged:
            record = json.loads(line)
            record["name"] = "Université de Zürich " + str(record["name"])
            line = json.dumps(record, ensure_ascii=False).encode("latin-1", "replace") + b"\n"
        out.append(line)
    path = tmp_path / "ror_latin1.jsonl"
    path.write_bytes(b"".join(out))
    store, settings = loaded
    report = ingest(ROR, store, settings, [path], progress=False)
    assert (report.records_read, report.records_loaded, report.records_quarantined) == (60, 57, 3)
    entries = _quarantined(report)
    assert {str(e["record"]) for e in entries} == {f"line {n}" for n in damaged}
    for entry in entries:
        reasons = entry["reasons"]
        assert isinstance(reasons, list)
        assert reasons[0].startswith("not UTF-8 [invalid")
        assert "Universit" in str(entry["raw"])  # the raw line is kept for a person to repair


def test_csv_with_a_shifted_column_quarantines_those_rows(tmp_path: Path, ror_baseline: Baseline) -> None:
    """Through the CLI (validation in worker processes): the rows with an extra field are quarantined with
    the reason; the others load."""
    rows = SECTION_1286.read_text(encoding="utf-8").splitlines(keepends=True)
    shifted = {3, 6}  # file lines (the header is line 1)
    for number in shifted:
        rows[number - 1] = rows[number - 1].replace("Company,", "Company,Debarment,", 1)
    path = tmp_path / "section_1286.csv"
    path.write_text("".join(rows), encoding="utf-8")
    data_dir = copy_graph(ror_baseline.data_dir, tmp_path / "data")
    done = rskg(
        ["ingest", "lists", "us_dod_section1286", "--path", str(path), "--no-derive", "--no-progress"], data_dir
    )
    assert done.returncode == 0, done.stderr
    counts = re.search(r"records read (\d+) = loaded (\d+) \+ quarantined (\d+)", done.stdout)
    assert counts is not None, done.stdout
    read, loaded, quarantined = map(int, counts.groups())  # records are institutions: rows of all editions
    assert (quarantined, loaded) == (2, read - 2)
    assert loaded > 0
    [quarantine] = (data_dir / "quarantine").glob("us_dod_section1286-*.jsonl")
    entries = [json.loads(line) for line in quarantine.read_text(encoding="utf-8").splitlines()]
    assert {e["record"] for e in entries} == {f"us_dod_1286 section_1286.csv line {n}" for n in shifted}
    assert {reason for e in entries for reason in e["reasons"]} == {"wrong number of fields: 14, header has 13"}


def test_csv_with_a_wrong_header_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    rows = SECTION_1286.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "section_1286.csv"
    path.write_text(rows[0].replace("report-date", "report date") + "".join(rows[1:]), encoding="utf-8")
    message = _refused(loaded, list_sources()["us_dod_section1286"], path)
    assert message.startswith("section_1286.csv: not the expected format: missing column(s) report-date")


def test_an_empty_csv_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    path = tmp_path / "section_1286.csv"
    path.write_bytes(b"")
    assert _refused(loaded, list_sources()["us_dod_section1286"], path) == "section_1286.csv: file is empty"


def test_un_xml_cut_in_half_is_refused(tmp_path: Path, loaded: tuple[GraphStore, Settings]) -> None:
    """Refused before the list's own declarations (list, edition) are loaded: the graph is unchanged."""
    data = UN_XML.read_bytes()
    path = tmp_path / "UN_consolidated_2026-02-27.xml"
    path.write_bytes(data[: len(data) // 2])
    message = _refused(loaded, list_sources()["un_sc_consolidated_list"], path)
    assert message.startswith("UN_consolidated_2026-02-27.xml: not well-formed XML (cut short?)")
