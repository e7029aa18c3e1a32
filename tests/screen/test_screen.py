"""Screening a partner on the bundled samples: direct listings with their legal effect and edition, exposure
inherited through the hierarchy with its path, connections kept apart, time (as_of), coverage, verdicts."""

from __future__ import annotations

import datetime as dt

from graph.ladybug import LadybugStore
from queries.org import lookup
from queries.resolver import ResolverIndex
from queries.screen.render import render
from queries.screen.report import screen

TODAY = dt.date(2026, 11, 21)
Graph = tuple[LadybugStore, ResolverIndex]


def test_defence_university_direct_listings_areas_and_verdicts(sample_graph: Graph) -> None:
    store, index = sample_graph
    report = screen(store, index, "Harbin Engineering University", as_of=TODAY)
    assert report.subject is not None
    assert report.subject.iri == "https://ror.org/03x80pn82"
    by_list = {li.list.key: li for li in report.listings}
    assert {"us_bis_entity_list", "ca_nro", "aspi_cdut", "us_dod_1286"} <= set(by_list)
    assert by_list["us_bis_entity_list"].list.legal_effect == "binding_restriction"
    assert by_list["ca_nro"].list.legal_effect == "policy_exclusion"
    assert by_list["aspi_cdut"].list.legal_effect == "advisory"
    editions = {li.edition.key for li in report.listings if li.list.key == "us_dod_1286"}
    assert {"fy2022", "fy2025"} <= editions
    assert all(li.link_method for li in report.listings)  # every entry → organisation link says how
    assert any(a.is_end_use and a.source == "aspi_china_defence_universities" for a in report.areas)
    topics = {a.label for a in report.areas if a.source == "aspi_china_defence_universities" and a.basis
              and a.basis.startswith("ASPI topic")}
    assert "Military end-use" in topics  # labels come from the concept schemes loaded into the graph
    assert {"Advanced Energy Technology", "Advanced Sensing and Surveillance"} & topics
    verdicts = {v.profile: v.verdict for v in report.verdicts}
    assert verdicts["binding_sanctions"] == "restricted"
    assert report.strongest == "restricted"
    text = render(report)
    assert "Named Research Organizations" in text
    assert "Checked (" in text


def test_laboratory_inherits_exposure_from_its_parent_with_the_path(sample_graph: Graph) -> None:
    store, index = sample_graph
    report = screen(store, index, "State Key Laboratory of Robotics and Systems", as_of=TODAY)
    assert report.listings == []
    inherited = {li.list.key: e for e in report.inherited for li in e.listings if li.in_force}
    assert {"us_bis_entity_list", "ca_nro", "us_dod_1286"} <= set(inherited)
    path = inherited["ca_nro"].path
    assert path[0].relation == "SUB_ORGANISATION_OF"
    assert path[0].to_name == "Harbin Institute of Technology"
    assert path[0].source == "ror"
    assert report.strongest != "clear"


def test_unlisted_university_is_clear_with_what_was_checked(sample_graph: Graph) -> None:
    store, index = sample_graph
    report = screen(store, index, "University of Amsterdam", as_of=TODAY)
    assert report.subject is not None
    assert report.listings == []
    assert report.inherited == []
    assert {v.verdict for v in report.verdicts} == {"clear"}
    assert len(report.coverage) >= 10
    assert all(rule.checked for v in report.verdicts for rule in v.rules)


def test_connections_never_turn_clear_into_a_flag(sample_graph: Graph) -> None:
    store, index = sample_graph
    report = screen(store, index, "Ministry of Industry and Information Technology", as_of=TODAY)
    if report.subject is None or not report.connections:  # the sample may not hold this ministry
        report = screen(store, index, "State Key Laboratory of Robotics and Systems", as_of=TODAY)
    assert report.connections
    for connection in report.connections:
        assert connection.channel == "connection"
        assert connection.path


def test_as_of_selects_the_editions_in_force(sample_graph: Graph) -> None:
    store, index = sample_graph
    now = screen(store, index, "Shanghai Jiao Tong University", as_of=TODAY)
    listed_now = [li for li in now.listings if li.list.key == "us_dod_1286" and li.in_force]
    assert [li.edition.key for li in listed_now] == ["fy2025"]
    before = screen(store, index, "Shanghai Jiao Tong University", as_of=dt.date(2023, 6, 1))
    assert not [li for li in before.listings if li.list.key == "us_dod_1286" and li.in_force]
    assert all("not yet listed" in li.time_note for li in before.listings if li.list.key == "us_dod_1286")


def test_no_confident_match_screens_nothing(sample_graph: Graph) -> None:
    store, index = sample_graph
    report = screen(store, index, "HIT", as_of=TODAY)
    assert report.resolution.decision != "match"
    assert report.subject is None
    assert report.verdicts == []
    assert report.resolution.candidates


def test_one_organisation_named_alike_by_several_lists_is_screened_as_one(sample_graph: Graph) -> None:
    """Hytera is on the FCC Covered List and named in the US special legislation, and not in the ROR sample:
    each list's entry was an organisation of its own, so the name met two equal candidates and nothing was
    screened. The second entry is now linked to the first by the same name."""
    store, index = sample_graph
    report = screen(store, index, "Hytera Communications Corporation", as_of=TODAY)
    assert report.subject is not None
    assert len(report.identity) == 2
    methods = {li.list.key: li.link_method for li in report.listings}
    assert set(methods) == {"us_fcc_covered_list", "us_ndaa_889"}
    assert methods["us_ndaa_889"] == "same-name"  # the evidence says how the two entries were joined
    # no policy profile counts the FCC list or §889: the verdict is clear, and the report says why it is no
    # "not listed"
    assert report.strongest == "clear"
    overall = render(report).splitlines()[1:3]
    assert overall[0] == "Overall: CLEAR"
    assert "2 direct listing(s) in force (1 binding) are on lists no policy profile here counts" in overall[1]


def test_looking_up_a_name_shared_by_linked_list_entries_shows_the_organisation(sample_graph: Graph) -> None:
    """`rskg org "Harbin Engineering University"` named the ROR organisation and each list's entry, all
    briefly; the entries are linked to it, so it is shown in full, the entries among its relations."""
    store, _ = sample_graph
    found = lookup(store, "Harbin Engineering University")
    assert len(found.matches) > 1
    assert found.detail is not None
    assert found.detail.iri == "https://ror.org/03x80pn82"
    same_as = {link.iri for link in found.detail.links if link.type == "SAME_AS" and link.direction == "in"}
    assert same_as >= {m.iri for m in found.matches} - {found.detail.iri}
    assert lookup(store, "HIT").detail is None  # an acronym of several organisations: every one, briefly


def test_a_company_named_with_company_written_out_is_linked_to_the_registry(sample_graph: Graph) -> None:
    """The FCC Covered List and NDAA s. 889 name "Huawei Technologies Company": "Company" written out, no
    country. The entries stayed organisations of their own, so screening Huawei showed neither listing."""
    store, index = sample_graph
    report = screen(store, index, "Huawei Technologies", as_of=TODAY)
    assert report.subject is not None
    assert report.subject.iri == "https://ror.org/00cmhce21"
    methods = {li.list.key: li.link_method for li in report.listings}
    assert {"us_fcc_covered_list", "us_ndaa_889"} <= set(methods)
    assert "Huawei Technologies Company" in methods["us_fcc_covered_list"]
