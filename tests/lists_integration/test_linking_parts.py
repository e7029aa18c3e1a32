"""A list entry is linked (same-as) to a registry organisation only when the match is the whole of its name:
the resolver answers "Lockheed Martin" for "Lockheed Martin Missiles and Fire Control" (the unit's owner, what a
screener wants to see), but the unit is not the same organisation as its owner."""

from __future__ import annotations

from ingest.lists.linking import Link, links_for, same_name_links
from queries.resolver import Label, NameRecord, ResolverIndex

PARENT = "https://ror.org/0example0"
ARMED_POLICE = "https://ror.org/0example9"
BRAND = "https://ror.org/0example8"


def _index() -> ResolverIndex:
    return ResolverIndex.build(
        [
            NameRecord(iri=PARENT, name="Acme Aerospace (United States)", countries=("US",), kinds=("company",)),
            NameRecord(iri="https://ror.org/0example1", name="Acme Aerospace (Canada)", countries=("CA",),
                       kinds=("company",), parents=(PARENT,)),
            NameRecord(iri=ARMED_POLICE, name="People's Armed Police Force", countries=("CN",),
                       kinds=("government",)),
            NameRecord(iri=BRAND, name="Zentrix (Turkey)", alt_names=("Zentrix",), countries=("TR",),
                       kinds=("company",)),
        ]
    )


def _entry(name: str, country: str) -> NameRecord:
    return NameRecord(iri="https://w3id.org/rskg/id/x/1", name=name, countries=(country,), registry=False,
                      source="x")


def test_the_whole_name_links() -> None:
    index = _index()
    assert [lk.target for lk in links_for(index, _entry("Acme Aerospace Corporation", "US"))] == [PARENT]
    assert [lk.target for lk in links_for(index, _entry("People's Armed Police Force", "CN"))] == [ARMED_POLICE]
    # a legal form written out in words, before the name or after it
    for name in ("Public Joint Stock Company Acme Aerospace", "Acme Aerospace Limited Liability Company",
                 "Otkrytoe Aktsionernoe Obshchestvo Acme Aerospace"):
        assert [lk.target for lk in links_for(index, _entry(name, "US"))] == [PARENT], name


def test_a_unit_of_an_organisation_is_not_linked_as_the_organisation() -> None:
    index = _index()
    unit = _entry("Acme Aerospace Missiles and Fire Control", "US")
    assert [m.iri for m in index.resolve(unit.name, country="US").matches] == [PARENT]  # the resolver's answer
    assert links_for(index, unit) == ()
    school = _entry("Logistics University of the People's Armed Police Force", "CN")
    assert [m.iri for m in index.resolve(school.name, country="CN").matches] == [ARMED_POLICE]
    assert links_for(index, school) == ()


def test_a_branch_named_beside_its_owner_is_not_linked_as_the_owner() -> None:
    # EU Regulation 833/2014 Annex IV gives MiG's plants an alias naming the branch and the corporation
    index = _index()
    assert [lk.target for lk in links_for(index, _entry("Acme Aerospace Holdings plc", "US"))] == [PARENT]
    branch = NameRecord(
        iri="https://w3id.org/rskg/id/x/2", name="Kalyazin Machine Building Plant", countries=("US",),
        alt_names=("Filial (Acme Aerospace) - Kalyazinskiy Mashinostroitelnyy Zavod",), registry=False, source="x",
    )
    assert links_for(index, branch) == ()


def test_a_name_spelt_alike_is_not_linked_as_the_same_name() -> None:
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example5", name="Changchun University of Science and Technology",
                       countries=("CN",), kinds=("education",)),
            NameRecord(iri="https://ror.org/0example6", name="Obedinennaya Aviastroitelnaya Korporatsiya",
                       countries=("RU",), kinds=("company",)),
        ]
    )
    # a misspelling on a list links (US DoD §1286 writes "Changchung")
    typo = _entry("Changchung University of Science and Technology", "CN")
    assert [lk.target for lk in links_for(index, typo)] == ["https://ror.org/0example5"]
    # the United Engine Corporation (OFAC) is not the United Aircraft Corporation: engine-, not aircraft-building
    other = _entry("Obedinennaya Dvigatelestroitelnaya Korporatsiya OAO", "RU")
    res = index.resolve(other.name, country="RU")
    assert res.decision == "candidates"  # the resolver's fuzzy hit is no match: its words do not agree
    assert [c.iri for c in res.candidates] == ["https://ror.org/0example6"]
    assert links_for(index, other) == ()


def test_proper_words_reordered_and_misspelt_name_someone_else() -> None:
    """OFAC's SDN list names "RUNNING BROOK, LLC" (a narcotics-programme entry); the registry has Brooks Sports
    under the alias "Brooks Running". Sorted, the words are one letter apart; in order they are another name.
    Descriptors may move ("State Economic University" is the "State University of Economics")."""
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example7", name="Brooks Sports, Inc.", alt_names=("Brooks Running",),
                       countries=("US",), kinds=("company",)),
            NameRecord(iri="https://ror.org/0example8", name="Azerbaijan State University of Economics",
                       countries=("AZ",), kinds=("education",)),
            NameRecord(iri="https://ror.org/0example9", name="Baku Engineering University",
                       countries=("AZ",), kinds=("education",)),
        ]
    )
    entry = _entry("RUNNING BROOK, LLC", "US")
    res = index.resolve(entry.name, country="US")
    assert res.decision == "candidates"  # shown to a screener, not taken as the company
    assert [c.iri for c in res.candidates] == ["https://ror.org/0example7"]
    assert links_for(index, entry) == ()
    assert [m.iri for m in index.resolve("Brooks Runing").matches] == ["https://ror.org/0example7"]  # a typo
    economics = index.resolve("Azerbaijan State Economic University", country="AZ")
    assert [m.iri for m in economics.matches] == ["https://ror.org/0example8"]


def test_a_unit_named_after_a_companys_name() -> None:
    """The resolver answers the company for its laboratory ("DENSO IT Laboratory", "China Shipbuilding
    Industry Corporation 722nd Research Institute"); the list entry of the laboratory is not the company."""
    index = _index()
    institute = _entry("Acme Aerospace 722nd Research Institute", "US")
    res = index.resolve(institute.name)
    assert [m.iri for m in res.matches] == [PARENT]
    assert res.matches[0].features["unit_named_after"] == "722nd research institute"  # its number kept
    assert links_for(index, institute) == ()
    lab = _entry("Zentrix Unmanned Systems Research Institute", "TR")
    res = index.resolve(lab.name)
    assert [m.iri for m in res.matches] == [BRAND]
    assert res.matches[0].features["unit_named_after"] == "unmanned systems research institute"
    assert links_for(index, lab) == ()
    assert [lk.target for lk in links_for(index, _entry("Zentrix", "TR"))] == [BRAND]
    # one longer name ("Epigenomics and Mechanisms Branch"), or an organisation of its own, is not the company
    assert index.resolve("Zentrix and Mechanisms Branch").matches == []
    assert index.resolve("Zentrix Research Hospital").matches == []


def _listed(iri: str, name: str, source: str, *countries: str) -> NameRecord:
    return NameRecord(iri=iri, name=name, countries=countries, registry=False, source=source)


def test_one_lists_entries_of_one_name_become_one_organisation() -> None:
    """The EU names "OPK Oboronprom" in three annexes, the PRC list "Cubic Corporation" once per measure."""
    measures = [_listed(f"https://w3id.org/rskg/id/cn/{i}", "Cubic Corporation", "cn", *c)
                for i, c in enumerate([("US",), (), ("US",)])]
    assert same_name_links(measures, {}) == {
        measures[1].iri: (Link(measures[0].iri, 1.0, "same-name"),),
        measures[2].iri: (Link(measures[0].iri, 1.0, "same-name"),),
    }


def test_entries_of_several_lists_with_one_name_become_one_organisation() -> None:
    aspi = _listed("https://w3id.org/rskg/id/aspi/1", "Naval Command College", "aspi", "CN")
    nro = _listed("https://w3id.org/rskg/id/nro/1", "NAVAL COMMAND COLLEGE", "nro", "CN")
    dod = _listed("https://w3id.org/rskg/id/dod/1", "Naval Command College", "dod")  # no country: joins them
    found = same_name_links([aspi, nro, dod], {})
    assert found == {
        nro.iri: (Link(aspi.iri, 1.0, "same-name"),),
        dod.iri: (Link(aspi.iri, 1.0, "same-name"),),
    }


def test_entries_sharing_a_country_are_one_place() -> None:
    """OFAC places SMIC in China and the Cayman Islands, the 1260H list in China; the special-legislation list
    gives no country. One organisation, not two places with the unplaced entry left between them. Namesakes
    in countries apart stay apart."""
    ofac = _listed("https://w3id.org/rskg/id/ofac/1", "SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION",
                   "ofac", "CN", "KY")
    dod = _listed("https://w3id.org/rskg/id/dod/2", "Semiconductor Manufacturing International Corporation",
                  "dod", "CN")
    law = _listed("https://w3id.org/rskg/id/law/1", "Semiconductor Manufacturing International Corporation", "law")
    found = same_name_links([dod, law, ofac], {})
    assert found == {ofac.iri: (Link(dod.iri, 1.0, "same-name"),), law.iri: (Link(dod.iri, 1.0, "same-name"),)}
    apart = [_listed(f"https://w3id.org/rskg/id/x/{c}", "Al-Aqsa Foundation", "x", c) for c in ("DK", "NL")]
    assert same_name_links([*apart, law], {}) == {}


def test_a_town_in_brackets_that_is_not_the_organisations_is_another_organisation() -> None:
    """ASPI names the PLA's "International Relations Institute (Nanjing, Jiangsu Province)"; the registry's
    University of International Relations, alias "Institute of International Relations", is in Beijing."""
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0uir", name="University of International Relations",
                       alt_names=("Institute of International Relations",), countries=("CN",), cities=("Beijing",),
                       kinds=("education",)),
            NameRecord(iri="https://ror.org/0nju", name="Nanjing University", countries=("CN",),
                       cities=("Nanjing",), kinds=("education",)),
        ]
    )
    nanjing = _entry("International Relations Institute (Nanjing, Jiangsu Province)", "CN")
    assert links_for(index, nanjing) == ()
    beijing = _entry("International Relations Institute (Beijing)", "CN")
    assert [lk.target for lk in links_for(index, beijing)] == ["https://ror.org/0uir"]


def test_an_entry_joins_the_registry_organisation_its_namesake_is_linked_to() -> None:
    linked = _listed("https://w3id.org/rskg/id/bis/1", "Army Engineering University", "bis", "CN")
    other = _listed("https://w3id.org/rskg/id/nro/2", "Army Engineering University", "nro", "CN")
    found = {linked.iri: (Link("https://ror.org/05mgp8x93", 0.95, "exact-name; name: …"),)}
    assert same_name_links([linked, other], found) == {
        other.iri: (Link("https://ror.org/05mgp8x93", 0.95, f"same-name; as {linked.iri}"),)
    }


def test_a_name_written_in_one_word_or_two_is_one_name() -> None:
    """Canada lists "Airforce Command College", the ASPI tracker "Air Force Command College"."""
    aspi = _listed("https://w3id.org/rskg/id/aspi/2", "Air Force Command College", "aspi", "CN")
    nro = _listed("https://w3id.org/rskg/id/nro/3", "Airforce Command College", "nro", "CN")
    assert same_name_links([aspi, nro], {}) == {nro.iri: (Link(aspi.iri, 1.0, "same-name"),)}


def test_namesakes_that_may_be_different_organisations_stay_apart() -> None:
    countries = [_listed("https://w3id.org/rskg/id/a/1", "Army Research Institute", "a", "CN"),
                 _listed("https://w3id.org/rskg/id/b/1", "Army Research Institute", "b", "US")]
    assert same_name_links(countries, {}) == {}
    unplaced = [_listed("https://w3id.org/rskg/id/c/2", "Army Research Institute", "c")]
    assert same_name_links([*countries, *unplaced], {}) == {}  # which of the two would it be?
    apart = [_listed("https://w3id.org/rskg/id/a/4", "Acme", "a", "US"),
             _listed("https://w3id.org/rskg/id/b/4", "Acme", "b", "US"),
             _listed("https://w3id.org/rskg/id/c/4", "Acme", "c", "US")]
    found = {apart[0].iri: (Link("https://ror.org/0example0", 1.0, "x"),),
             apart[1].iri: (Link("https://ror.org/0example1", 1.0, "x"),)}
    assert same_name_links(apart, found) == {}  # linked to different organisations: not ours to choose


def test_a_legal_form_written_out_does_not_make_another_name() -> None:
    """The EU lists "Russian Railways", OFAC "OPEN JOINT STOCK COMPANY RUSSIAN RAILWAYS"."""
    eu = _listed("https://w3id.org/rskg/id/eu/1", "Russian Railways", "eu")
    ofac = _listed("https://w3id.org/rskg/id/ofac/1", "OPEN JOINT STOCK COMPANY RUSSIAN RAILWAYS", "ofac", "RU")
    assert same_name_links([eu, ofac], {}) == {ofac.iri: (Link(eu.iri, 1.0, "same-name"),)}
    foundation = _listed("https://w3id.org/rskg/id/x/9", "Fundación Russian Railways", "x", "RU")
    assert foundation.iri not in same_name_links([eu, foundation], {})  # a foundation is one of its own


def _entity(name: str, country: str, *aliases: str, acronyms: tuple[str, ...] = ()) -> NameRecord:
    return NameRecord(iri="https://w3id.org/rskg/id/x/3", name=name, alt_names=aliases, acronyms=acronyms,
                      countries=(country,), registry=False, source="x")


def test_an_arm_named_after_a_country_or_region_is_not_the_organisation() -> None:
    """The FCC lists "China Telecom (Americas) Corp."; the registry holds China Telecom."""
    index = _index()
    assert links_for(index, _entry("Acme Aerospace (Americas) Corp.", "US")) == ()
    assert links_for(index, _entry("Acme Aerospace (Germany) GmbH", "DE")) == ()
    # its own country said so is no arm
    assert [lk.target for lk in links_for(index, _entry("Acme Aerospace Corporation (USA)", "US"))] == [PARENT]


def test_a_company_a_university_owns_and_a_units_acronym_are_not_the_organisation() -> None:
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example2", name="Widgetford University", countries=("CN",),
                       kinds=("education",)),
            NameRecord(iri="https://ror.org/0example3", name="Kurchatovskiy Institute", countries=("RU",),
                       kinds=("facility",)),
            NameRecord(iri="https://ror.org/0example4", name="Institute for Information Transmission Problems",
                       alt_names=("A.A. Kharkevich Institute for Information Transmission Problems",),
                       countries=("RU",), kinds=("facility",)),
        ]
    )
    # "Xi'an Jiaotong University Holding Co., Ltd." (ASPI)
    assert links_for(index, _entry("Widgetford University Holding Co., Ltd.", "CN")) == ()
    # §1286's "Institute of High Energy Physics", alias "Kurchatovskiy Institute ITEF": a unit's acronym typed
    # after the name
    ihep = _entity("Institute of High Energy Physics", "RU", "Kurchatovskiy Institute ITEF")
    assert links_for(index, ihep) == ()
    # the organisation's own acronym typed so is not a unit's (Canada's list)
    iitp = _entry("A.A. Kharkevich Institute for Information Transmission Problems, IITP, Russian Academy of "
                  "Sciences", "RU")
    assert [lk.target for lk in links_for(index, iitp)] == ["https://ror.org/0example4"]


def test_aliases_of_a_list_that_gives_units_as_aliases_do_not_link() -> None:
    """ASPI gives the China Aerospace Science and Technology Corporation its academies as aliases ("5th Academy
    of CASC", "China Academy of Space Technology (CAST)"): an alias that alone matches may name a unit."""
    index = _index()
    group = _entity("Zentrix Group Corporation", "TR", "5th Academy of ZGC", "Zentrix", acronyms=("ZGC",))
    assert links_for(index, group) == ()
    plain = _entity("Zentrix Group Corporation", "TR", "Zentrix")
    assert [lk.target for lk in links_for(index, plain)] == [BRAND]
    # a longer name without a unit's word is an alias ("Malek Ashtar University [of Technology]")
    longer = _entity("Zentrix Group Corporation", "TR", "Zentrix", "Zentrix Group Corporation of Technology")
    assert [lk.target for lk in links_for(index, longer)] == [BRAND]


def test_a_cjk_name_that_goes_on_is_a_unit_not_the_organisation() -> None:
    """ASPI writes the PLA's colleges "中国人民解放军海军指挥学院": the PLA's name and the college's."""
    index = ResolverIndex.build(
        [NameRecord(iri=ARMED_POLICE, name="People's Armed Police Force", countries=("CN",),
                    labels=(Label("中国人民武装警察部队", "zh"),), kinds=("government",))]
    )
    college = _entity("Logistics College", "CN", "中国人民武装警察部队后勤学院")
    assert links_for(index, college) == ()
    assert [lk.target for lk in links_for(index, _entity("PAP", "CN", "中国人民武装警察部队"))] == [ARMED_POLICE]


def test_a_parent_matched_with_its_child_named_links_the_child() -> None:
    """"Chinese Academy of Sciences Institute of Computing Technology" (Canada, BIS) is the institute."""
    parent, child = "https://ror.org/0example7", "https://ror.org/0example6"
    index = ResolverIndex.build(
        [
            NameRecord(iri=parent, name="Academy of Gadgetry", countries=("CN",), kinds=("facility",)),
            NameRecord(iri=child, name="Institute of Sprocket Technology", countries=("CN",), kinds=("facility",),
                       parents=(parent,)),
        ]
    )
    entry = _entry("Academy of Gadgetry Institute of Sprocket Technology", "CN")
    assert [lk.target for lk in links_for(index, entry)] == [child]


def test_entries_are_linked_against_the_registry_alone() -> None:
    """In an index that holds the list entries too, §1286's "Army Engineering University" outbid the registry's
    "PLA Army Engineering University" it names (the entry counts as a namesake, though only registry
    organisations may be linked): the "resolver" step builds the registry's index for linking."""
    registry = NameRecord(iri="https://ror.org/0example8", name="PLA Army Engineering University",
                          countries=("CN",), kinds=("education",))
    entry = _entity("Army Engineering University", "CN")
    assert links_for(ResolverIndex.build([registry, entry]), entry) == ()  # why the step builds it apart
    assert [lk.target for lk in links_for(ResolverIndex.build([registry]), entry)] == [registry.iri]


def test_company_written_out_after_a_name_is_its_legal_form() -> None:
    """OFAC lists "HESONG TRADING CORPORATION", the UN "HESONG TRADING COMPANY"; the US special legislation
    "EVE Energy Company, Limited", the 1260H list "EVE Energy Co., Ltd."."""
    ofac = _listed("https://w3id.org/rskg/id/ofac/2", "HESONG TRADING CORPORATION", "ofac", "KP")
    un = _listed("https://w3id.org/rskg/id/un/1", "HESONG TRADING COMPANY", "un", "KP")
    assert same_name_links([ofac, un], {}) == {un.iri: (Link(ofac.iri, 1.0, "same-name"),)}
    dod = _listed("https://w3id.org/rskg/id/dod/5", "EVE Energy Co., Ltd.", "dod", "CN")
    law = _listed("https://w3id.org/rskg/id/law/5", "EVE Energy Company, Limited", "law")
    assert same_name_links([dod, law], {}) == {law.iri: (Link(dod.iri, 1.0, "same-name"),)}
    # a name of one word and "Company" is a name of two: "Trading Company" is no "Trading Corporation"
    one = _listed("https://w3id.org/rskg/id/x/7", "Trading Company", "x", "KP")
    other = _listed("https://w3id.org/rskg/id/y/7", "Trading Corporation", "y", "KP")
    assert same_name_links([one, other], {}) == {}
