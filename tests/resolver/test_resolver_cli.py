"""`rskg resolve`: one string, --json, --file (lines or a CSV column), and the error without an index."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from queries.resolver import ResolverIndex
from rskg.cli import main
from rskg.settings import get_settings


@pytest.fixture
def data_dir(tmp_path: Path, use_data_dir: Callable[[Path], Path]) -> Path:
    return use_data_dir(tmp_path)


@pytest.fixture
def with_index(data_dir: Path, sample_index: ResolverIndex) -> Path:
    sample_index.save(get_settings().index_dir)
    return data_dir


def test_no_index_is_a_clear_error(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["resolve", "BUAA"])
    assert result.exit_code != 0
    assert "rskg ingest ror" in result.output


def test_one_string_human_and_json(with_index: Path) -> None:
    result = CliRunner().invoke(main, ["resolve", "Harbin Inst. of Tech."])
    assert result.exit_code == 0, result.output
    assert "decision: match" in result.output
    assert "Harbin Institute of Technology" in result.output
    assert "matched_name=" in result.output

    result = CliRunner().invoke(main, ["resolve", "HIT", "--json"])
    payload = json.loads(result.output)
    assert payload["input"] == "HIT"
    assert payload["decision"] == "candidates"
    assert len(payload["candidates"]) >= 2


def test_file_of_lines_gives_one_json_line_each_in_order(with_index: Path, tmp_path: Path) -> None:
    names = ["BUAA", "no such organisation anywhere", "哈尔滨工业大学"]
    path = tmp_path / "names.txt"
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["resolve", "--file", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == names
    assert [line["decision"] for line in lines] == ["match", "none", "match"]
    assert lines[2]["matches"][0]["name"] == "Harbin Institute of Technology"
    assert result.stderr.strip() == "3 inputs: 2 match, 0 candidates, 1 none"  # counts, no names

    out = tmp_path / "resolved.jsonl"  # to a file, with a progress bar on standard error
    result = CliRunner().invoke(main, ["resolve", "--file", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == lines
    assert "3 inputs: 2 match" in result.stderr
    result = CliRunner().invoke(main, ["resolve", "BUAA", "-o", str(out)])
    assert result.exit_code != 0
    assert "--output need --file" in result.output


def test_csv_column_to_csv(with_index: Path, tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(
        '\ufeffid,partner\n1,Nanjing University\n2,"Nanjing Drum Tower Hospital, Nanjing"\n3,=1+2\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["resolve", "--file", str(path), "--column", "partner", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["match_names"] for r in rows] == ["Nanjing University", "Nanjing Drum Tower Hospital", ""]
    assert rows[2]["input"] == "'=1+2"  # a spreadsheet shows it as text, not as a formula

    result = CliRunner().invoke(main, ["resolve", "--file", str(path), "--column", "nope"])
    assert result.exit_code != 0
    assert "nope" in result.output


def test_a_file_in_another_encoding(with_index: Path, tmp_path: Path) -> None:
    names = ["Nanjing University", "Université de Lyon"]
    utf16 = tmp_path / "unicode_text.txt"  # Excel's "Unicode Text": UTF-16 with its byte-order mark
    utf16.write_bytes("\n".join(names).encode("utf-16"))
    result = CliRunner().invoke(main, ["resolve", "--file", str(utf16)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["input"] for line in result.stdout.splitlines()] == names

    latin = tmp_path / "latin1.csv"  # a Windows export: refused with the line, not guessed
    latin.write_bytes("name\nNanjing University\nUniversité de Lyon\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["resolve", "--file", str(latin), "--column", "name"])
    assert result.exit_code != 0
    assert "latin1.csv is not UTF-8" in result.output
    assert "line 3" in result.output
    assert "Traceback" not in result.output
