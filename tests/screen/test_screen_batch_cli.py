"""``rskg screen-batch``: one row per partner, in input order, as CSV for a spreadsheet or as JSON lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from rskg.cli import main


@pytest.fixture
def cli_data_dir(sample_data_dir: Path, use_data_dir: Callable[[Path], Path]) -> Path:
    return use_data_dir(sample_data_dir)


def test_a_csv_of_partners_screened_row_by_row(cli_data_dir: Path, tmp_path: Path) -> None:
    partners = tmp_path / "partners.csv"
    partners.write_text("name,country\nHarbin Engineering University,CN\n=1+2,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["screen-batch", str(partners)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["decision"] for r in rows] == ["match", "none"]
    assert "us_bis_entity_list" in rows[0]["direct_lists"]
    assert rows[1]["input"] == "'=1+2"  # a spreadsheet shows it as text, not as a formula

    result = CliRunner().invoke(main, ["screen-batch", str(partners), "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["input"] for line in lines] == ["Harbin Engineering University", "=1+2"]  # JSON keeps it as typed


def test_a_partner_file_not_in_utf8_is_a_clear_error(cli_data_dir: Path, tmp_path: Path) -> None:
    partners = tmp_path / "partners.csv"
    partners.write_bytes("name\nUniversité de Lyon\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["screen-batch", str(partners)])
    assert result.exit_code != 0
    assert "partners.csv is not UTF-8" in result.output
    assert "save it as CSV UTF-8" in result.output
