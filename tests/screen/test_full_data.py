"""The screening acceptance examples on the whole registry and every list (``../shared/data``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from queries.screen.report import screen

pytestmark = pytest.mark.shared_data
TODAY = dt.date(2026, 11, 21)


def test_laboratory_inherits_entity_list_1286_and_nro_from_hit(full_graph: tuple[Any, Any]) -> None:
    store, index = full_graph
    report = screen(store, index, "State Key Laboratory of Robotics and Systems", as_of=TODAY)
    inherited = {li.list.key: e for e in report.inherited for li in e.listings if li.in_force}
    assert {"us_bis_entity_list", "us_dod_1286", "ca_nro"} <= set(inherited)
    assert inherited["ca_nro"].path[0].to_name == "Harbin Institute of Technology"


def test_heu_editions_entity_list_nro_aspi_and_defence_areas(full_graph: tuple[Any, Any]) -> None:
    store, index = full_graph
    report = screen(store, index, "Harbin Engineering University", as_of=TODAY)
    keys = {li.list.key for li in report.listings}
    assert {"us_bis_entity_list", "us_dod_1286", "ca_nro", "aspi_cdut"} <= keys
    assert {li.edition.key for li in report.listings if li.list.key == "us_dod_1286"} >= {"fy2022", "fy2025"}
    assert any(a.is_end_use for a in report.areas)
    assert any(not a.is_end_use and a.source == "aspi_china_defence_universities" for a in report.areas)


def test_university_of_amsterdam_is_clear(full_graph: tuple[Any, Any]) -> None:
    store, index = full_graph
    report = screen(store, index, "University of Amsterdam", as_of=TODAY)
    assert report.subject is not None
    assert report.listings == []
    assert [e for e in report.inherited if e.current] == []
    assert {v.verdict for v in report.verdicts} == {"clear"}
    assert len(report.coverage) >= 20


def test_sjtu_first_listed_in_fy2025(full_graph: tuple[Any, Any]) -> None:
    store, index = full_graph
    now = screen(store, index, "Shanghai Jiao Tong University", as_of=TODAY)
    assert [li.edition.key for li in now.listings if li.list.key == "us_dod_1286" and li.in_force] == ["fy2025"]
    before = screen(store, index, "Shanghai Jiao Tong University", as_of=dt.date(2023, 6, 1))
    assert not [li for li in before.listings if li.list.key == "us_dod_1286" and li.in_force]
