"""Resolution behaviour over the committed ROR sample (a few hundred records)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from queries.resolver import Label, NameRecord, ResolverIndex
from rskg.errors import NotFoundError

HIT = "https://ror.org/01yqg2h08"
BUAA = "https://ror.org/00wk2mp56"
NJU = "https://ror.org/01rxvg760"
NUAA = "https://ror.org/01scyh794"
DRUM_TOWER = "https://ror.org/026axqv54"


def _match(index: ResolverIndex, text: str, **kw: str) -> list[str]:
    res = index.resolve(text, **kw)  # type: ignore[arg-type]
    return [m.iri for m in res.matches] if res.decision == "match" else []


def test_harbin_institute_of_technology_in_every_form(sample_index: ResolverIndex) -> None:
    for text in (
        "Harbin Institute of Technology",
        "Harbin Inst. of Tech.",
        "哈尔滨工业大学",
        "HIT, Harbin",
        "Department of Physics, Harbin Institute of Technology, Harbin 150001, China",
    ):
        assert _match(sample_index, text) == [HIT], text


def test_beihang_by_acronym_and_former_name(sample_index: ResolverIndex) -> None:
    assert _match(sample_index, "BUAA") == [BUAA]
    assert _match(sample_index, "Beijing University of Aeronautics and Astronautics") == [BUAA]
    assert _match(sample_index, "北京航空航天大学") == [BUAA]


def test_similar_names_are_kept_apart(sample_index: ResolverIndex) -> None:
    assert _match(sample_index, "Nanjing University") == [NJU]
    assert _match(sample_index, "Nanjing University of Aeronautics and Astronautics") == [NUAA]
    assert _match(
        sample_index,
        "College of Astronautics, Nanjing University of Aeronautics and Astronautics, Nanjing 210016, China",
    ) == [NUAA]
    assert _match(sample_index, "Nanjing Drum Tower Hospital") == [DRUM_TOWER]
    assert _match(sample_index, "Harbin Engineering University") not in ([HIT], [])


def test_bare_ambiguous_acronym_gives_candidates_not_a_match(sample_index: ResolverIndex) -> None:
    res = sample_index.resolve("HIT")
    assert res.decision == "candidates"
    assert res.matches == []
    assert HIT in {c.iri for c in res.candidates}
    assert len({c.iri for c in res.candidates}) >= 2


def test_country_context_picks_among_namesakes(sample_index: ResolverIndex) -> None:
    res = sample_index.resolve("HIT", country="Zimbabwe")
    assert res.decision == "match"
    assert res.matches[0].name == "Harare Institute of Technology"
    assert res.matches[0].features["country"] == "agree"


def test_nonsense_gives_no_match(sample_index: ResolverIndex) -> None:
    for text in ("", "Optomechatronics Group", "Key Research and Development Program", "12345"):
        assert sample_index.resolve(text).decision != "match", text


def test_every_candidate_is_explained(sample_index: ResolverIndex) -> None:
    res = sample_index.resolve("Harbin Inst. of Tech.")
    top = res.matches[0]
    assert 0.0 <= top.score <= 1.0
    assert top.method
    assert top.features["matched_name"] == "Harbin Institute of Technology"
    assert "similarity" in top.features
    payload = json.loads(res.to_json())
    assert payload["input"] == "Harbin Inst. of Tech."
    assert payload["decision"] == "match"
    assert payload["matches"][0]["iri"] == HIT
    assert payload["candidates"][0]["features"]


def test_withdrawn_record_resolves_to_its_successor(sample_index: ResolverIndex) -> None:
    res = sample_index.resolve("Yale School of Medicine")
    assert res.decision == "match"
    assert res.matches[0].name == "Yale University"
    assert res.matches[0].features["successor_of"] == "https://ror.org/03pnmqc26"


def test_multi_reports_every_confident_organisation(sample_index: ResolverIndex) -> None:
    text = "Department of Surgery, Nanjing Drum Tower Hospital, Nanjing University, Nanjing, China"
    single = sample_index.resolve(text)
    both = sample_index.resolve(text, multi=True)
    assert len(single.matches) == 1
    assert {m.iri for m in both.matches} == {NJU, DRUM_TOWER}
    also = [c for c in single.candidates if c.features.get("also_named") == "yes"]
    assert {c.iri for c in also} | {single.matches[0].iri} == {NJU, DRUM_TOWER}


def test_resolve_many_keeps_order(sample_index: ResolverIndex) -> None:
    texts = ["BUAA", "nothing at all here", "Nanjing University"]
    out = sample_index.resolve_many(texts)
    assert [r.text for r in out] == texts
    assert [r.decision for r in out] == ["match", "none", "match"]


def test_save_and_load_give_the_same_answers(sample_index: ResolverIndex, tmp_path: Path) -> None:
    sample_index.save(tmp_path)
    loaded = ResolverIndex.load(tmp_path)
    for text in ("HIT, Harbin", "哈尔滨工业大学", "HIT", "Nanjing University"):
        assert loaded.resolve(text).to_dict() == sample_index.resolve(text).to_dict()


def test_list_entries_are_resolvable_too() -> None:
    records = [
        NameRecord(
            iri="https://w3id.org/rskg/id/aspi/x1",
            name="Example Defence Academy",
            alt_names=("Old Example Academy",),
            acronyms=("EDA",),
            labels=(Label("示例国防学院", "zh"),),
            countries=("CN",),
            kinds=("military",),
            source="aspi",
            registry=False,
        ),
        NameRecord(iri="https://ror.org/0example1", name="Example University", countries=("GB",)),
    ]
    index = ResolverIndex.build(records)
    assert _match(index, "Old Example Academy") == ["https://w3id.org/rskg/id/aspi/x1"]
    assert _match(index, "示例国防学院") == ["https://w3id.org/rskg/id/aspi/x1"]
    assert _match(index, "EDA") == []  # three letters, no context: not enough
    assert _match(index, "EDA", country="China") == ["https://w3id.org/rskg/id/aspi/x1"]


def _family() -> ResolverIndex:
    """A company with national subsidiaries, a laboratory with its sites, and namesakes (shaped like the
    registry's Lockheed Martin, EMBL and National Institutes of Health records)."""
    parent = "https://ror.org/0example0"
    return ResolverIndex.build(
        [
            NameRecord(iri=parent, name="Acme Aerospace (United States)", countries=("US",), kinds=("company",)),
            NameRecord(iri="https://ror.org/0example1", name="Acme Aerospace (Canada)", countries=("CA",),
                       kinds=("company",), parents=(parent,)),
            NameRecord(iri="https://ror.org/0example2", name="Riverside Marine Laboratory", countries=("DE",),
                       links=40),
            NameRecord(iri="https://ror.org/0example3", name="Riverside Marine Laboratory", countries=("BR",),
                       links=2),
            NameRecord(iri="https://ror.org/0example4", name="Lakeside Marine Laboratory", countries=("DE",),
                       links=6),
            NameRecord(iri="https://ror.org/0example5", name="Lakeside Marine Laboratory", countries=("BR",),
                       links=3),
        ]
    )


def test_namesakes_go_to_their_parent_or_to_the_far_more_connected_one() -> None:
    index = _family()
    res = index.resolve("Acme Aerospace")
    assert [m.iri for m in res.matches] == ["https://ror.org/0example0"]
    assert res.matches[0].method == "exact-name+parent"
    res = index.resolve("Riverside Marine Laboratory")
    assert [m.iri for m in res.matches] == ["https://ror.org/0example2"]
    assert "prominence" in res.matches[0].features
    # six relations against three is no reason: both stay candidates
    assert _match(index, "Lakeside Marine Laboratory") == []
    # a country named still decides against the prior
    assert _match(index, "Riverside Marine Laboratory, Brazil") == ["https://ror.org/0example3"]


def test_a_name_written_without_its_town() -> None:
    """"Philipps University" is Philipps University of Marburg: the only organisation whose name, without the
    town it ends in, reads so. Not when several share it, nor when the text names another town."""
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example1", name="Philipps University of Marburg", countries=("DE",),
                       cities=("Marburg",)),
            NameRecord(iri="https://ror.org/0example2", name="Lakeshore State University Northfield",
                       countries=("US",), cities=("Northfield",)),
            NameRecord(iri="https://ror.org/0example3", name="Lakeshore State University Southport",
                       countries=("US",), cities=("Southport",)),
            NameRecord(iri="https://ror.org/0example4", name="Brightwater Institute of Science Eastham",
                       countries=("GB",), cities=("Eastham",)),
            NameRecord(iri="https://ror.org/0example5", name="Westham Council", countries=("GB",),
                       cities=("Westham",)),
        ]
    )
    res = index.resolve("Department of Chemistry, Philipps University")
    assert [m.iri for m in res.matches] == ["https://ror.org/0example1"]
    assert res.matches[0].features["name_type"] == "short"
    assert _match(index, "Lakeshore State University") == []  # two campuses
    assert _match(index, "Brightwater Institute of Science") == ["https://ror.org/0example4"]
    assert _match(index, "Brightwater Institute of Science, Westham") == []  # another town named
    assert _match(index, "Philipps Universität") == ["https://ror.org/0example1"]  # in translation too …
    assert _match(index, "Philipps Universität, Westham") == []  # … and there too another town says no


def test_a_name_without_its_town_is_not_made_ambiguous_by_its_own_units() -> None:
    """Shaped like the registry's Washington University in St. Louis: a child and two units whose names
    extend the university's do not make "Riverbend University" ambiguous; "University of Riverbend" is
    another organisation, met only by reordering the words."""
    uni = "https://ror.org/0example1"
    index = ResolverIndex.build(
        [
            NameRecord(iri=uni, name="Riverbend University in Easton", countries=("US",), cities=("Easton",)),
            NameRecord(iri="https://ror.org/0example2", name="Riverbend University Physicians", countries=("US",),
                       parents=(uni,)),
            NameRecord(iri="https://ror.org/0example3", name="Riverbend University in Easton School of Medicine",
                       countries=("US",)),
            NameRecord(iri="https://ror.org/0example4", name="Sports Center, Riverbend University in Easton",
                       alt_names=("Riverbend University Sports Center",), countries=("US",)),
            NameRecord(iri="https://ror.org/0example5", name="University of Riverbend School of Medicine",
                       countries=("US",)),
            NameRecord(iri="https://ror.org/0example7", name="Lakeshore University in Westport", countries=("US",),
                       cities=("Westport",)),
            NameRecord(iri="https://ror.org/0example8", name="Lakeshore University Hospital", countries=("US",)),
        ]
    )
    # the name as written before one of its schools, not another name's words reordered
    assert _match(index, "Department of Medicine, Riverbend University School of Medicine") == [uni]
    # an organisation that is not its unit still makes the short name ambiguous
    assert _match(index, "Lakeshore University") == []


def test_words_joined_by_and_are_not_a_name_without_it() -> None:
    """Name keys leave out "and", yet "Nuclear and Energy Research Institute" is not the "Nuclear Energy
    Research Institute": a name matches a text that joins its words by "and" only if it joins words too."""
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example1", name="Nuclear Energy Research Institute", countries=("TR",)),
            NameRecord(iri="https://ror.org/0example2", name="Institute of Science & Technology", countries=("AT",)),
            NameRecord(iri="https://ror.org/0example3", name="Universität für Physik und Chemie", countries=("DE",)),
        ]
    )
    assert _match(index, "Nuclear Energy Research Institute") == ["https://ror.org/0example1"]
    assert _match(index, "Nuclear and Energy Research Institute, Sao Paulo") == []
    assert _match(index, "Institute of Science and Technology") == ["https://ror.org/0example2"]  # "&" is "and"
    assert _match(index, "Universität für Physik & Chemie") == ["https://ror.org/0example3"]  # "und" joins too


def test_an_index_of_an_older_format_loads_with_a_warning_and_an_unknown_one_does_not(
    sample_index: ResolverIndex, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sample_index.save(tmp_path)
    path = tmp_path / "resolver.pkl"
    with path.open("rb") as handle:
        _, state = pickle.load(handle)  # noqa: S301 - the file the test just wrote
    for version, loads in ((6, True), (99, False)):
        with path.open("wb") as handle:
            pickle.dump((version, state), handle)
        caplog.clear()
        if loads:
            assert ResolverIndex.load(tmp_path).resolve("BUAA").matches[0].iri == BUAA
            assert "rebuild it" in caplog.text
        else:
            with pytest.raises(NotFoundError, match="format 99"):
                ResolverIndex.load(tmp_path)


NUDT = "https://ror.org/05d2yfz11"


def test_chinese_names_as_typed(sample_index: ResolverIndex) -> None:
    """The registry writes the PLA's name before its universities' Chinese names and spells out 科学技术;
    screeners type them without the one and with 科技."""
    typed = ("国防科技大学", "中国人民解放军国防科技大学", "國防科技大學", "国防科技大学计算机学院", "国防科学技术大学")
    for text in typed:
        assert _match(sample_index, text) == [NUDT], text


def _cjk_records() -> list[NameRecord]:
    def org(key: str, name: str, label: str, country: str, kinds: tuple[str, ...]) -> NameRecord:
        return NameRecord(iri=f"https://ror.org/0cjk{key}", name=name, labels=(Label(label),),
                          countries=(country,), kinds=kinds)

    return [
        org("ustc", "University of Science and Technology of China", "中国科学技术大学", "CN", ("education",)),
        org("cut", "China University of Technology", "中國科技大學", "TW", ("education",)),
        org("ieu", "PLA Information Engineering University", "中国人民解放军信息工程大学", "CN", ("education",)),
        org("nuist", "Nanjing University of Information Science and Technology", "南京信息工程学院", "CN",
            ("education",)),
        org("hitachi", "Hitachi (Japan)", "株式会社日立製作所", "JP", ("company",)),
        org("jfcr", "Japanese Foundation For Cancer Research", "公益財団法人がん研究会", "JP", ("nonprofit",)),
    ]


def test_cjk_names_without_their_legal_form_or_prefix() -> None:
    index = ResolverIndex.build(_cjk_records())
    assert _match(index, "日立製作所") == ["https://ror.org/0cjkhitachi"]
    assert _match(index, "がん研究会有明病院") == ["https://ror.org/0cjkjfcr"]
    assert _match(index, "信息工程大学") == ["https://ror.org/0cjkieu"]
    # a shortened name that is another organisation's registered name (read alike) is left to it
    assert _match(index, "中国科技大学") == ["https://ror.org/0cjkcut"]
    assert _match(index, "中国科学技术大学") == ["https://ror.org/0cjkustc"]
    # a name shortened by its prefix is not met as the end of a longer word
    assert _match(index, "南京信息工程大学") != ["https://ror.org/0cjkieu"]


def test_cjk_characters_before_a_name_make_another_organisation() -> None:
    """"桂林电子科技大学" (Guilin University of Electronic Technology) ends with "电子科技大学", the University of
    Electronic Science and Technology of China's name: a town before a name makes another one, in CJK as in Latin
    script."""
    uestc = NameRecord(iri="https://ror.org/0cjkuestc", name="University of Electronic Science and Technology of China",
                       labels=(Label("电子科技大学"),), countries=("CN",), cities=("Chengdu",), kinds=("education",))
    index = ResolverIndex.build([uestc, *_cjk_records()])
    guilin = index.resolve("桂林电子科技大学")
    assert guilin.decision == "candidates"
    assert guilin.candidates[0].features["preceded_by"] == "桂林"
    assert _match(index, "电子科技大学") == [uestc.iri]
    assert _match(index, "电子科技大学计算机学院") == [uestc.iri]  # a unit after it: still the university


def test_engineering_abbreviated_as_in_indian_affiliations(sample_index: ResolverIndex) -> None:
    assert _match(sample_index, "Harbin Engg. Univ.") == ["https://ror.org/03x80pn82"]


def test_numbered_institutes_are_told_apart_by_their_numbers() -> None:
    def org(key: str, name: str, country: str) -> NameRecord:
        return NameRecord(iri=f"https://w3id.org/rskg/id/x/{key}", name=name, countries=(country,), registry=False)

    index = ResolverIndex.build([
        org("14", "14th Research Institute of CETC", "CN"), org("15", "15th Research Institute of CETC", "CN"),
        org("308", "Open Joint Stock Company 308 Aviation Repair Plant", "RU"),
        org("322", "Open Joint Stock Company 322 Aviation Repair Plant", "RU"),
    ])
    assert _match(index, "15th Research Institute of CETC") == ["https://w3id.org/rskg/id/x/15"]
    assert _match(index, "CETC 14TH RESEARCH INSTITUTE") == ["https://w3id.org/rskg/id/x/14"]
    assert _match(index, "OPEN JOINT STOCK COMPANY 308 AVIATION REPAIR PLANT, Russia") == [
        "https://w3id.org/rskg/id/x/308"]


def test_a_town_named_by_list_entries_in_many_countries_is_no_descriptor() -> None:
    """Lists of concern place "Shanghai …" trading companies in Hong Kong, Dubai and further; that does not make
    "Shanghai" a word like "Institute", and "Shanghai University" is still the university."""
    university = NameRecord(iri="https://ror.org/006teas31", name="Shanghai University", countries=("CN",),
                            cities=("Shanghai",), kinds=("education",))
    traders = [
        NameRecord(iri=f"https://w3id.org/rskg/id/x/{code}", name=f"Shanghai {word} Trading Limited",
                   countries=(code,), registry=False, source="x")
        for code, word in zip(("HK", "AE", "SG", "MY", "TR", "IR", "RU", "GB", "PA"),
                              ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota"),
                              strict=True)
    ]
    index = ResolverIndex.build([university, *traders])
    assert "shanghai" not in index.generic
    assert _match(index, "Shanghai University") == ["https://ror.org/006teas31"]


def test_a_company_name_before_its_country_in_the_countrys_language() -> None:
    def ibm(code: str, country: str) -> NameRecord:
        return NameRecord(iri=f"https://ror.org/0ibm{code.lower()}", name=f"IBM ({country})", alt_names=("IBM",),
                          countries=(code,), kinds=("company",))

    index = ResolverIndex.build([ibm("DE", "Germany"), ibm("CA", "Canada"),
                                 NameRecord(iri="https://ror.org/0nju", name="Nanjing University",
                                            countries=("CN",), cities=("Nanjing",), kinds=("education",))])
    assert _match(index, "IBM Deutschland GmbH, Ehningen") == ["https://ror.org/0ibmde"]
    assert _match(index, "IBM Canada Ltd.") == ["https://ror.org/0ibmca"]
    sweden = index.resolve("IBM Sverige AB")  # no Swedish IBM registered: its namesakes, not a match
    assert sweden.decision == "candidates"
    assert {c.iri for c in sweden.candidates} >= {"https://ror.org/0ibmde", "https://ror.org/0ibmca"}
    assert index.resolve("Nanjing China").decision == "none"  # a town and its country: a place


def test_a_chinese_name_in_brackets_after_the_latin_one() -> None:
    """Lists write "Naval Command College (中国人民解放军海军指挥学院)": the Chinese part is a name of its own (also
    typed without the PLA's name), and the Latin part does not lengthen every CJK look-up."""
    college = NameRecord(iri="https://w3id.org/rskg/id/aspi/ncc",
                         name="Naval Command College (中国人民解放军海军指挥学院)", countries=("CN",), registry=False,
                         source="aspi")
    index = ResolverIndex.build([college])
    assert _match(index, "中国人民解放军海军指挥学院") == [college.iri]
    assert _match(index, "海军指挥学院") == [college.iri]
    assert index.max_cjk == len("中国人民解放军海军指挥学院")


def test_a_name_typed_without_the_legal_form_its_list_writes_out() -> None:
    plant = NameRecord(iri="https://w3id.org/rskg/id/eu/308", name="Open Joint Stock Company 308 Aviation Repair Plant",
                       countries=("RU",), registry=False)
    foundation = NameRecord(iri="https://ror.org/0fundvod", name="Fundación Vodafone España", countries=("ES",))
    index = ResolverIndex.build([plant, foundation])
    assert _match(index, "308 Aviation Repair Plant") == [plant.iri]
    assert _match(index, "OJSC 308 Aviation Repair Plant") == [plant.iri]
    assert _match(index, "Vodafone España") == []  # the foundation is not the company


def test_a_persons_initials_and_name_before_a_name_are_its_eponym() -> None:
    """Russian names often open with the person they are named after ("A.A. Kharkevich Institute …", "N. I.
    Lobachevsky State University …"), where the registry may hold the name without it."""
    institute = NameRecord(iri="https://ror.org/0iitp", name="Institute for Information Transmission Problems",
                           countries=("RU",), kinds=("facility",))
    index = ResolverIndex.build([institute])
    assert _match(index, "A.A. Kharkevich Institute for Information Transmission Problems") == [institute.iri]
    assert _match(index, "A. A. Kharkevich Institute for Information Transmission Problems") == [institute.iri]
    # words that are no person's initials still make a longer name
    assert _match(index, "Moscow Institute for Information Transmission Problems") == []


def test_a_towns_name_is_no_misspelling_of_another_towns() -> None:
    """Canada's list gives "Changsha Institute of Technology" as a former name of the NUDT; the registry's
    "Changshu Institute of Technology" is one letter away, in another town."""
    changshu = NameRecord(iri="https://ror.org/0cslg", name="Changshu Institute of Technology", countries=("CN",),
                          cities=("Changshu",), kinds=("education",))
    hunan = NameRecord(iri="https://ror.org/0hnu", name="Hunan University", countries=("CN",),
                       cities=("Changsha",), kinds=("education",))
    index = ResolverIndex.build([changshu, hunan])
    res = index.resolve("Changsha Institute of Technology", country="CN")
    assert res.decision == "candidates"
    assert [c.iri for c in res.candidates] == [changshu.iri]
    assert _match(index, "Changshu Institue of Technology") == [changshu.iri]  # a typo in another word


def test_a_name_that_adds_an_academy_is_not_the_organisation_typed() -> None:
    """ASPI names the "PLA Navy" as a supervising body; the registry's Naval Research Academy has the alias
    "PLA Navy Equipment Academy", which holds every word typed and adds an academy."""
    academy = NameRecord(iri="https://ror.org/0nra", name="Naval Research Academy",
                         alt_names=("PLA Navy Equipment Academy",), countries=("CN",), kinds=("education",))
    # "equipment" and "academy" are descriptors, as in a registry: words of varied names in many countries
    towns = ["Arlo", "Bexa", "Cruz", "Dova", "Eski", "Fano", "Gora", "Hilo", "Ishi"]
    others = [NameRecord(iri=f"https://ror.org/0eq{i}", name=f"{t} Equipment Academy", countries=(c,))
              for i, (t, c) in enumerate(zip(towns, ["FR", "DE", "IT", "ES", "PL", "JP", "BR", "IN", "KE"],
                                             strict=True))]
    index = ResolverIndex.build([academy, *others])
    assert {"equipment", "academy"} <= index.generic
    res = index.resolve("PLA Navy", country="CN")
    assert res.decision != "match"


def test_a_companys_name_without_the_registrys_country_is_its_own_name() -> None:
    """ROR names companies "CoStar Group (United States)", with "CoStar Group" as a label; the 1260H list and
    OFAC name China's "COSTAR GROUP CO., LTD.". Typed alone, the name is either's: candidates, not the list's
    entry because its name outranked a label. Placed, it is the one of that country."""
    us = NameRecord(iri="https://ror.org/0costar", name="CoStar Group (United States)",
                    labels=(Label("CoStar Group", "en"),), countries=("US",), kinds=("company",))
    cn = NameRecord(iri="https://w3id.org/rskg/id/ofac/32107", name="COSTAR GROUP CO., LTD.", countries=("CN",),
                    registry=False, source="ofac")
    index = ResolverIndex.build([us, cn])
    res = index.resolve("CoStar Group")
    assert res.decision == "candidates"
    assert {c.iri for c in res.candidates} == {us.iri, cn.iri}
    assert _match(index, "CoStar Group", country="US") == [us.iri]
    assert _match(index, "Costar Group Co., Ltd.", country="CN") == [cn.iri]


def _companies_and_acronyms() -> ResolverIndex:
    """Organisations whose acronyms are also legal forms or a country's name (as the registry's Département
    Santé Animale "SA", Saint Louis University "SLU", Institut de Chimie "INC", University of South Alabama
    "USA", in Mobile), a university abbreviated "S&T", a parent company with a namesake subsidiary."""
    parent = "https://ror.org/0example0"
    return ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example1", name="Département Santé Animale", acronyms=("SA",),
                       countries=("FR",)),
            NameRecord(iri="https://ror.org/0example2", name="Saint Louis University", acronyms=("SLU",),
                       countries=("US",)),
            NameRecord(iri="https://ror.org/0example3", name="Institut de Chimie", acronyms=("INC",),
                       countries=("FR",)),
            NameRecord(iri="https://ror.org/0example4", name="University of South Alabama", acronyms=("USA",),
                       countries=("US",), cities=("Mobile",)),
            NameRecord(iri="https://ror.org/0example5", name="Huazhong University of Science and Technology",
                       countries=("CN",)),
            NameRecord(iri="https://ror.org/0example6", name="Texas A&M University", countries=("US",)),
            NameRecord(iri=parent, name="Huawei Technologies (China)", countries=("CN",), kinds=("company",)),
            NameRecord(iri="https://ror.org/0example7", name="Huawei Technologies (Poland)", countries=("PL",),
                       kinds=("company",), parents=(parent,)),
        ]
    )


def test_a_legal_form_or_a_country_in_capitals_is_no_acronym() -> None:
    """Company names end in legal forms and countries typed in capitals: "S.A." is no Département Santé
    Animale, "USA" after "Mobile" no University of South Alabama."""
    index = _companies_and_acronyms()
    for text, country in (
        ("InPACT S.A.", "FR"),
        ("Merit Automotive Electronics Systems S.L.U", ""),
        ("QUICKSILVER MANUFACTURING, INC.", ""),
        ("China Mobile International USA Inc.", ""),
        ("Zorbex Mobile USA", ""),
    ):
        res = index.resolve(text, country=country or None)
        assert res.decision == "none", text
        assert not res.candidates, text
    # typed as acronyms, they still are
    assert _match(index, "Department of Biology, SLU") == ["https://ror.org/0example2"]
    assert [c.iri for c in index.resolve("INC").candidates] == ["https://ror.org/0example3"]


def test_s_and_t_is_science_and_technology_and_company_a_legal_form() -> None:
    index = _companies_and_acronyms()
    assert _match(index, "Huazhong University of S&T") == ["https://ror.org/0example5"]
    assert _match(index, "Texas A&M University") == ["https://ror.org/0example6"]  # a name, not "A and M"
    res = index.resolve("Huawei Technologies Company")  # as the FCC Covered List writes it
    assert [m.iri for m in res.matches] == ["https://ror.org/0example0"]
    assert res.matches[0].method == "exact-name+parent"


def test_a_name_without_its_country_is_a_namesake_of_those_abroad() -> None:
    """ROR registers China's ministries with the country's name ("Ministry of Science and Technology of the
    People's Republic of China") and India's and Taiwan's without: written without it, the name is theirs
    too, and the country named decides; with no country named, it names none of them."""
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example1",
                       name="Ministry of Science and Technology of the People's Republic of China",
                       countries=("CN",), kinds=("government",)),
            NameRecord(iri="https://ror.org/0example2", name="Ministry of Science and Technology",
                       countries=("IN",), kinds=("government",)),
            NameRecord(iri="https://ror.org/0example3", name="Ministry of Science and Technology",
                       countries=("TW",), kinds=("government",)),
        ]
    )
    assert _match(index, "Ministry of Science and Technology", country="CN") == ["https://ror.org/0example1"]
    assert _match(index, "Ministry of Science and Technology, China") == ["https://ror.org/0example1"]
    assert _match(index, "Ministry of Science and Technology", country="IN") == ["https://ror.org/0example2"]
    res = index.resolve("Ministry of Science and Technology")
    assert res.decision != "match"
    assert "https://ror.org/0example1" not in {c.iri for c in res.candidates}


def test_a_department_before_a_university_is_the_university_s_unit() -> None:
    """The registry holds government departments named like a university's ("Department of Biological Sciences",
    shaped like ror.org/038rjvd86); an affiliation naming a university after it names the university's unit."""
    ministry = "https://ror.org/0example8"
    index = ResolverIndex.build(
        [
            NameRecord(iri="https://ror.org/0example7", name="Department of Marine Sciences", countries=("ZA",),
                       kinds=("government",), parents=(ministry,)),
            NameRecord(iri=ministry, name="Ministry of Oceans", countries=("ZA",), kinds=("government",)),
            NameRecord(iri="https://ror.org/0example9", name="Example Coast University", countries=("TW",)),
        ]
    )
    assert _match(index, "Department of Marine Sciences") == ["https://ror.org/0example7"]
    assert _match(index, "Department of Marine Sciences, Pretoria") == ["https://ror.org/0example7"]
    assert _match(index, "Department of Marine Sciences, Example Coast University") == ["https://ror.org/0example9"]
    assert _match(index, "Department of Marine Sciences, Hilltop Medical University") == []
    assert _match(index, "Division of Marine Sciences, Harbour General Hospital, Taipei") == []
    assert _match(index, "Department of Marine Sciences, Universidad Costera") == []  # in any language
    # named with its parent, it stays a candidate, its parent named as the feature that explains it
    res = index.resolve("Department of Marine Sciences, Ministry of Oceans, University Road")
    assert [c.features.get("hierarchy") for c in res.candidates if c.iri.endswith("7")] == [ministry]
