"""Team file parsing: the example reads cleanly; every kind of bad row is reported with its row and column
while the good rows are still read; a file that is not a team file is refused as a whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.people import TeamFact, parse_team, parse_team_text
from rskg.errors import InputError

HEADER = "researcher,relation,organisation,role,start,end"


def _parse(*rows: str) -> tuple[list[TeamFact], list[str]]:
    team = parse_team_text("\n".join([HEADER, *rows]) + "\n")
    return team.facts, [str(e) for e in team.errors]


def test_example_team_reads_every_row(example_team: Path) -> None:
    team = parse_team(example_team)
    assert team.ok
    assert len(team.facts) == 7
    assert team.researchers == ["Researcher A", "Researcher B", "Researcher C"]
    heu = next(f for f in team.facts if "Harbin Engineering" in f.organisation)
    assert (heu.researcher, heu.relation, heu.role, heu.start, heu.end, heu.row) == (
        "Researcher A", "affiliation", "Adjunct Professor", "2021-09-01", None, 3)
    assert heu.current
    kinds = {(f.researcher, f.relation) for f in team.facts if f.relation != "affiliation"}
    assert kinds == {("Researcher B", "funding"), ("Researcher C", "in_kind")}


def test_ended_example_differs_only_in_the_end_of_a_harbin_engineering_affiliation(
        example_team: Path, example_team_ended: Path) -> None:
    current, ended = parse_team(example_team).facts, parse_team(example_team_ended).facts
    changed = [(a, b) for a, b in zip(current, ended, strict=True) if a != b]
    assert len(changed) == 1
    before, after = changed[0]
    assert "Harbin Engineering" in after.organisation
    assert before.end is None
    assert after.end == "2023-12-31"


def test_excel_bom_crlf_header_case_and_spelling_variants(tmp_path: Path) -> None:
    text = ("\ufeffResearcher , Relation,Organization,ROLE,Start,End\r\n"
            "Researcher Z,In-kind,\"Harbin Engineering University, Harbin\","
            "\"lab access,\r\nand samples\",2021,\r\n"
            "\r\n"
            " Researcher  Z ,FUNDING,03x80pn82,,2020-05,2021-01-31\r\n")
    path = tmp_path / "team.csv"
    path.write_bytes(text.encode("utf-8"))
    team = parse_team(path)
    assert team.ok, team.errors
    first, second = team.facts
    assert (first.relation, first.organisation, first.role, first.row) == (
        "in_kind", "Harbin Engineering University, Harbin", "lab access, and samples", 2)
    assert (second.researcher, second.relation, second.start, second.end, second.row) == (
        "Researcher Z", "funding", "2020-05", "2021-01-31", 4)


@pytest.mark.parametrize(("row", "column", "message"), [
    ("Researcher A,grant,University of Victoria,,2020,", "relation", "unknown relation 'grant'"),
    ("Researcher A,,University of Victoria,,2020,", "relation", "relation is empty"),
    (",affiliation,University of Victoria,,2020,", "researcher", "researcher is empty"),
    ("Researcher A,affiliation,  ,,2020,", "organisation", "organisation is empty"),
    ("Researcher A,affiliation,University of Victoria,,2023/12/31,", "start", "'2023/12/31' is not a date"),
    ("Researcher A,affiliation,University of Victoria,,2020,2023-02-30", "end", "'2023-02-30' is not a date"),
    ("Researcher A,affiliation,University of Victoria,,20,", "start", "'20' is not a date"),
    ("Researcher A,affiliation,University of Victoria,,2020-13,", "start", "'2020-13' is not a date"),
    ("Researcher A,affiliation,University of Victoria,,2022-05-01,2021", "end",
     "end 2021 is before start 2022-05-01"),
    ("Researcher A,funding,University of Victoria,,2021-03,2021-02-28", "end", "is before start"),
])
def test_bad_row_names_row_and_column_and_good_rows_still_read(row: str, column: str, message: str) -> None:
    good = "Researcher B,affiliation,University of Amsterdam,,2022,"
    facts, errors = _parse(good, row, good.replace("2022", "2023"))
    assert [f.row for f in facts] == [2, 4]
    assert len(errors) == 1
    assert errors[0].startswith(f"row 3, column {column}: ")
    assert message in errors[0]


def test_wrong_number_of_cells_is_a_row_error() -> None:
    facts, errors = _parse("Researcher A,affiliation,University of Victoria,,2020",
                           "Researcher A,affiliation,University of Victoria,,2020,,extra")
    assert facts == []
    assert errors == ["row 2: expected 6 cells (researcher,relation,organisation,role,start,end), found 5",
                      "row 3: expected 6 cells (researcher,relation,organisation,role,start,end), found 7"]


def test_every_problem_of_a_row_is_reported() -> None:
    _, errors = _parse(",in kind,,,soon,later")
    assert [e.split(":")[0] for e in errors] == ["row 2, column researcher", "row 2, column organisation",
                                                  "row 2, column start", "row 2, column end"]


def test_end_in_the_same_year_as_a_precise_start_is_not_before_it() -> None:
    facts, errors = _parse("Researcher A,affiliation,University of Victoria,,2022-05-01,2022")
    assert errors == []
    assert facts[0].end == "2022"


@pytest.mark.parametrize(("text", "expected"), [
    ("", "the team file is empty"),
    ("Researcher A,affiliation,University of Victoria,,2020,\n", "must be the header"),
    ("researcher,relation,organisation,start,end\n", "missing column(s) role"),
    (HEADER + ",notes\n", "unknown column(s) 'notes'"),
    ("researcher,relation,organisation,organization,role,start,end\n", "repeated column(s) organisation"),
])
def test_a_file_without_the_header_is_refused(text: str, expected: str) -> None:
    with pytest.raises(InputError, match=r"team file|header") as info:
        parse_team_text(text)
    assert expected in info.value.detail


def test_not_utf8_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.csv"
    text = HEADER + "\nRésearcher A,affiliation,Université de Montréal,,2020,\n"
    latin.write_bytes(text.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        parse_team(latin)
    utf16 = tmp_path / "unicode_text.csv"  # Excel's "Unicode Text": UTF-16 with its byte-order mark
    utf16.write_bytes(text.encode("utf-16"))
    assert [f.organisation for f in parse_team(utf16).facts] == ["Université de Montréal"]
    with pytest.raises(InputError, match="no such team file"):
        parse_team(tmp_path / "missing.csv")


def test_active_on_reads_partial_dates_generously() -> None:
    fact = TeamFact("R", "affiliation", "X", None, "2021-09", "2023", 2)
    assert not fact.active_on(date(2021, 8, 31))
    assert fact.active_on(date(2021, 9, 1))
    assert fact.active_on(date(2023, 12, 31))
    assert not fact.active_on(date(2024, 1, 1))
    assert TeamFact("R", "affiliation", "X", None, None, None, 2).active_on(date(1990, 1, 1))
