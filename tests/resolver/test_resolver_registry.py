"""Acceptance over the whole registry (ROR v2 + v1 files, 51k organisations)."""

from __future__ import annotations

import pytest

from queries.resolver import ResolverIndex
from queries.resolver.segment import country_named_last

pytestmark = pytest.mark.shared_data

HIT = "https://ror.org/01yqg2h08"
BUAA = "https://ror.org/00wk2mp56"
NJU = "https://ror.org/01rxvg760"
NUAA = "https://ror.org/01scyh794"
DRUM_TOWER = "https://ror.org/026axqv54"


def _matches(index: ResolverIndex, text: str) -> list[str]:
    res = index.resolve(text)
    return [m.iri for m in res.matches] if res.decision == "match" else []


@pytest.mark.parametrize(
    "text",
    [
        "HIT, Harbin",
        "哈尔滨工业大学",
        "Harbin Inst. of Tech.",
        "School of Astronautics, Harbin Institute of Technology, Harbin 150001, China",
    ],
)
def test_harbin_institute_of_technology(full_index: ResolverIndex, text: str) -> None:
    assert _matches(full_index, text) == [HIT]


@pytest.mark.parametrize(
    "text", ["BUAA", "Beijing University of Aeronautics and Astronautics", "Beihang Univ."]
)
def test_beihang(full_index: ResolverIndex, text: str) -> None:
    assert _matches(full_index, text) == [BUAA]


def test_nanjing_namesakes_kept_apart(full_index: ResolverIndex) -> None:
    assert _matches(full_index, "Nanjing University") == [NJU]
    assert _matches(full_index, "Nanjing University of Aeronautics and Astronautics") == [NUAA]
    assert _matches(full_index, "Nanjing Drum Tower Hospital") == [DRUM_TOWER]
    assert _matches(full_index, "Department of Chemistry, Nanjing University, Nanjing 210023, China") == [NJU]
    both = full_index.resolve("Nanjing Drum Tower Hospital, Nanjing University Medical School", multi=True)
    assert DRUM_TOWER in {m.iri for m in both.matches}
    assert NUAA not in {m.iri for m in both.matches}


def test_bare_ambiguous_acronym(full_index: ResolverIndex) -> None:
    res = full_index.resolve("HIT")
    assert res.decision == "candidates"
    assert HIT in {c.iri for c in res.candidates}


def test_resolve_is_fast(full_index: ResolverIndex) -> None:
    import time

    texts = [
        "Department of Physics, Harbin Institute of Technology, Harbin 150001, China",
        "BUAA",
        "Institute of Biochemistry, ETH Zurich, Zurich, Switzerland",
        "哈尔滨工业大学",
    ] * 25
    started = time.perf_counter()
    full_index.resolve_many(texts)
    assert (time.perf_counter() - started) / len(texts) < 0.02


UFJF = "https://ror.org/04yqw9c44"


def test_acronym_placed_by_its_city(full_index: ResolverIndex) -> None:
    """An acronym inside a longer piece matches when the string names its place and it has one owner there;
    not when it starts a longer name or lists a unit's parents beside another acronym."""
    assert _matches(full_index, "Federal University of Juiz de Fora  UFJF") == [UFJF]
    assert _matches(full_index, "Synthetic Biology Group, MRC London Institute of Medical Sciences") == []
    assert _matches(full_index, "Instituto de Física Rosario  CONICET UNR") == []


EMBL = "https://ror.org/03mstc592"
LOCKHEED_US = "https://ror.org/026er9r08"
HAME_UAS = "https://ror.org/01eg9n443"
KYUSHU = "https://ror.org/00p4k0j84"
LMU = "https://ror.org/05591te55"
URBINO = "https://ror.org/04q4kt073"


def test_namesakes_parent_and_sites(full_index: ResolverIndex) -> None:
    """EMBL Heidelberg is the parent of the other sites called "European Molecular Biology Laboratory";
    Lockheed Martin (United States) of Lockheed Martin (Canada)."""
    assert _matches(full_index, "Cell Biology and Biophysics Unit, European Molecular Biology Laboratory") == [EMBL]
    assert _matches(full_index, "Lockheed Martin") == [LOCKHEED_US]


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("Häme Polytechnic, Hämeenlinna, Finland", HAME_UAS),  # the name it went by in English
        ("Kyushu University 3 1 1 Maidashi", KYUSHU),  # an address after the name
        ("Universitätsbibliothek der Ludwig-Maximilians-Universität München", LMU),  # a unit of it
        ("Nanjing University Tongding Joint Laboratory for Large Scale Photonics", NJU),  # a named unit
        ("University of Urbino Carlo Bo", URBINO),  # a proper name after the registered one
        ("Current addressKhalifa University of Science and Technology", "https://ror.org/05hffr360"),
        ("Yale School of Engineering & Applied Sciences", "https://ror.org/03v76x132"),  # a school of it
        ("Duke School of Medicine", "https://ror.org/00py81415"),
    ],
)
def test_names_inside_longer_text(full_index: ResolverIndex, text: str, iri: str) -> None:
    assert _matches(full_index, text) == [iri]


@pytest.mark.parametrize(
    "text",
    [
        "Department of Infectious Diseases, Third Affiliated Hospital of Sun Yat-sen University",  # a hospital
        "Shanghai Jiaotong University Affiliated Sixth People's Hospital",
        "Wenzhou-Kean University",  # a city before the name: another university
        "Queens University of Charlotte",  # "… of Charlotte" continues the name
        "Cologne Business School",  # a town's school, not the University of Cologne's
        "Mississippi College",  # not the University of Mississippi
    ],
)
def test_longer_names_of_other_organisations_are_not_matched(full_index: ResolverIndex, text: str) -> None:
    assert _matches(full_index, text) == []


def test_a_name_as_written_beats_one_met_only_in_translation(full_index: ResolverIndex) -> None:
    # Colombia's Universidad de Los Andes, not Venezuela's "University of the Andes"
    text = "Systems and Computing Engineering Department, Universidad de los Andes"
    assert _matches(full_index, text) == ["https://ror.org/02mhbdp94"]


def test_names_side_by_side_and_a_name_that_says_its_country(full_index: ResolverIndex) -> None:
    res = full_index.resolve("Zhejiang University Westlake University Joint Training")
    assert [m.iri for m in res.matches] == ["https://ror.org/00a2xv884"]  # not "Zhejiang University Westlake …"
    assert "https://ror.org/05hfa4n20" in {c.iri for c in res.candidates}
    assert _matches(full_index, "National Research Council of Italy") == ["https://ror.org/04zaypm56"]


def test_names_written_without_their_town(full_index: ResolverIndex) -> None:
    assert _matches(full_index, "Department of Psychology, Justus-Liebig University") == [
        "https://ror.org/033eqas34"
    ]
    assert _matches(full_index, "SYNMICRO Research Center and Department of Chemistry, Philipps University") == [
        "https://ror.org/01rdrb571"
    ]
    # "University of North Carolina at Chapel Hill" without its town is not the university at Wilmington
    assert "https://ror.org/0130frc33" not in _matches(full_index, "University of North Carolina Wilmington")


@pytest.mark.parametrize(
    ("text", "country", "iri"),
    [
        ("FORTUM OYJ, ESPOO", None, "https://ror.org/03nx8tr59"),  # a legal form the registry does not write
        ("Honeywell International Inc", None, "https://ror.org/02t71h845"),  # "International" dresses a company
        ("Rolls-Royce Holdings plc", None, "https://ror.org/04h08p482"),
        ("IVECO S.p.A., TORINO", "Italy", "https://ror.org/00afkkv13"),  # a legal form written with full stops
        ("US Army Research Institute of Environmental Medicine", None, "https://ror.org/00rg6zq05"),  # "U.S."
        ("L.N. Gumilyov Eurasian National University", None, "https://ror.org/0242cby63"),  # "L. N." in ROR
        ("Laboratorio Nacional de Energia e Geologia I.P.", None, "https://ror.org/00w7v1v77"),  # a public institute
        ("IP Paris", None, "https://ror.org/042tfbd02"),  # … but "IP" before a name is the name's
    ],
)
def test_company_forms_and_initials(full_index: ResolverIndex, text: str, country: str | None, iri: str) -> None:
    res = full_index.resolve(text, country=country)
    assert [m.iri for m in res.matches] == [iri]


def test_words_around_names_session_4(full_index: ResolverIndex) -> None:
    # an acronym typed beside a loosely written name confirms it
    res = full_index.resolve("Donostia Internacional Physics Center  DIPC")
    assert [m.iri for m in res.matches] == ["https://ror.org/02e24yw40"]
    assert res.matches[0].features["acronym_typed"] == "yes"
    # a school carrying its benefactor's name is the university's
    assert _matches(full_index, "Department of Nutrition, Harvard T.H. Chan School of Public Health") == [
        "https://ror.org/03vek6s52"
    ]
    # "and" before a name that ends as organisations' names end: two organisations, not a longer name
    assert _matches(
        full_index, "Physikalisch  Meteorologisches Observatorium Davos and World Radiation Center"
    ) == ["https://ror.org/02gtrqv93"]
    # a hyphenated name written without its town; an English name of a professional higher school
    assert _matches(full_index, "Currently atGeorg August Universität") == ["https://ror.org/01y9bpm73"]
    assert _matches(full_index, "Aalen University") == ["https://ror.org/04gg60e72"]
    # a generic name ("Northwestern University") opening its piece before one of its schools, placed
    text = "Quantitative Data Science Core, Northwestern University Feinberg School of Medicine, Evanston, IL, USA"
    assert _matches(full_index, text) == ["https://ror.org/000e0be47"]
    # unplaced, of the two namesakes the one the registry relates to 13 organisations (the Philippine one: none)
    res = full_index.resolve("Northwestern University Feinberg School of Medicine")
    assert [m.iri for m in res.matches] == ["https://ror.org/000e0be47"]
    assert "prominence" in res.matches[0].features
    # its acronym after a name ends the name; "IN" after Pune is India, not Indiana
    assert _matches(full_index, "Leiden University Medical Center  LUMC  Transplant Center") == [
        "https://ror.org/05xvt9f17"
    ]
    text = "Indian Institute of Tropical Meteorology (IITM) Pune  411008 IN https://www.tropmet.res.in"
    assert _matches(full_index, text) == ["https://ror.org/03jf2m686"]


def test_a_name_without_its_town_beside_its_own_units(full_index: ResolverIndex) -> None:
    # "Washington University [in St. Louis]": its own units extend the name; "University of Washington"
    # is only its words reordered
    washu = "https://ror.org/01yc7t268"
    assert _matches(full_index, "Department of Medicine, Washington University School of Medicine") == [washu]
    assert _matches(full_index, "Department of Biology, Washington University") == [washu]
    assert _matches(full_index, "Department of Neurology, Ludwig-Maximilians University") == [
        "https://ror.org/05591te55"
    ]


def test_a_unit_named_after_a_companys_name(full_index: ResolverIndex) -> None:
    res = full_index.resolve("DENSO IT Laboratory")
    assert [m.iri for m in res.matches] == ["https://ror.org/04hkpfa76"]
    assert res.matches[0].features["unit_named_after"] == "it laboratory"
    assert _matches(full_index, "Pfizer Global R&D") == ["https://ror.org/01xdqrp08"]  # the parent of its namesakes
    assert _matches(full_index, "Epigenomics and Mechanisms Branch") == []
    # a longer company name before a numbered institute of it
    text = "China Shipbuilding Industry Corporation 722nd Research Institute"
    assert _matches(full_index, text) == ["https://ror.org/0410k9915"]


def test_descriptors_in_another_order_need_their_place(full_index: ResolverIndex) -> None:
    # Argentina's Universidad Tecnológica Nacional is not the Dominican Universidad Nacional Tecnológica …
    assert _matches(full_index, "Universidad Tecnológica Nacional") == []
    assert _matches(full_index, "Universidad Tecnológica Nacional—Facultad Regional Tucumán") == []
    assert _matches(full_index, "Universidad Nacional Tecnológica") == ["https://ror.org/03rmkkx43"]  # as written
    # … while the place named decides ("National Academy of Dance", in Rome)
    assert _matches(full_index, "National Dance Academy, Rome") == ["https://ror.org/018g0vw88"]


def test_a_name_that_goes_on_with_a_word_of_its_own_is_another(full_index: ResolverIndex) -> None:
    # the registry copy lacks the Universidade Federal de Mato Grosso: its neighbour "… do Sul" is not it
    assert _matches(full_index, "Universidade Federal de Mato Grosso") == []
    assert _matches(full_index, "Universidade Federal de Mato Grosso do Sul") == ["https://ror.org/0366d2847"]
    assert _matches(full_index, "Universidade Federal do Mato Groso do Sul") == ["https://ror.org/0366d2847"]  # typos


def test_an_acronym_after_a_unit_names_its_institution(full_index: ResolverIndex) -> None:
    res = full_index.resolve("Department of Brain Sciences, DGIST")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/03frjya69", "acronym+unit")]
    # the initials of the name before it are that name's, not another organisation's acronym
    text = "Immunobiology Laboratory, Centro Nacional de Investigaciones Cardiovasculares (CNIC)"
    assert "https://ror.org/005jys510" not in _matches(full_index, text)


def test_a_unit_named_after_its_organisation(full_index: ResolverIndex) -> None:
    res = full_index.resolve("University of Chicago Neuroscience Institute")
    assert [m.iri for m in res.matches] == ["https://ror.org/024mw5h28"]
    assert res.matches[0].features["unit_named_after"] == "neuroscience institute"
    assert _matches(full_index, "Institute of Biosciences, Vilnius University Life Sciences Center") == [
        "https://ror.org/03nadee84"
    ]
    # a hospital or a medical centre named after a university is an organisation of its own
    assert _matches(full_index, "Department of Psychiatry, University of Leipzig Medical Centre") == []


def test_a_name_after_and_is_one_of_two(full_index: ResolverIndex) -> None:
    # "[Helsinki University Hospital and] University of Helsinki": what comes before "and" ends as
    # organisations' names end, so it is another organisation, not more of this name
    text = "Department of Plastic Surgery, Helsinki University Hospital and University of Helsinki"
    assert _matches(full_index, text) == ["https://ror.org/040af2s02"]


def test_a_name_written_without_its_and_tail(full_index: ResolverIndex) -> None:
    # "Wageningen University [& Research]", "Serbian Academy of Sciences [and Arts]": shortened as often written
    res = full_index.resolve("Laboratory of Genetics, Wageningen University")
    assert [m.iri for m in res.matches] == ["https://ror.org/04qw24q55"]
    assert res.matches[0].features["name_type"] == "short"
    assert _matches(full_index, "Serbian Academy of Sciences") == ["https://ror.org/05m1y4204"]
    # the whole name written otherwise is still found ("Palaeontology"), and a shortened name made of
    # descriptors only names nobody in particular
    assert _matches(full_index, "Nanjing Institute of Geology and Palaeontology") == ["https://ror.org/019av8481"]
    assert _matches(full_index, "Institute of Molecular Biology") == []


def test_a_name_without_its_town_that_extends_another_name(full_index: ResolverIndex) -> None:
    # "University of Texas Medical Branch [at Galveston]" extends the University of Texas's name with more
    # name, not with a unit or an acronym: it is the medical branch, not the system
    text = "Department of Internal Medicine, University of Texas Medical Branch"
    assert _matches(full_index, text) == ["https://ror.org/016tfm930"]
    # … while an acronym only (the Dresden site, "… (DZNE) Dresden") leaves the name to the centre itself
    assert _matches(full_index, "German Center for Neurodegenerative Diseases (DZNE)")[:1] == [
        "https://ror.org/043j0f473"
    ]


def test_a_name_over_a_comma_before_a_unit(full_index: ResolverIndex) -> None:
    text = "Section of Oral & Maxillofacial Pathology, University of California, Los Angeles School of Dentistry"
    assert _matches(full_index, text) == ["https://ror.org/046rm7j60"]


def test_a_town_spelt_as_the_name_spells_it(full_index: ResolverIndex) -> None:
    # the registry places it in "Hanover"; its name says "Hannover", and without it the name still names it: the
    # "Leibniz University [of Applied Sciences]" only adds descriptors the text does not say
    münster = "https://ror.org/00pd74e08"
    assert _matches(full_index, "WESTFAELISCHE WILHELMS-UNIVERSITÄT MÜNSTER, MÜNSTER") == [münster]
    assert _matches(full_index, "Leibniz University") == ["https://ror.org/0304hq317"]
    # … as "Radboud University [Nijmegen]" is not the "Radboud University [Nijmegen] Medical Center"
    assert _matches(full_index, "Radboud University") == ["https://ror.org/016xsfp80"]
    # a town that holds a kind word is not cut from a name: "Lewis-Clark State College" is in Lewiston, and
    # "Lewis & Clark College" (Portland) is another college
    assert _matches(full_index, "Department of Chemistry, Lewis & Clark College") == []


def test_an_acronym_that_abbreviates_the_name_before_it(full_index: ResolverIndex) -> None:
    # "(NCMM)" abbreviates the Norwegian centre's name, in another order; the Nigerian museums commission
    # that also goes by NCMM is not named …
    text = "Centre for Molecular Medicine Norway (NCMM), Nordic EMBL Partnership, Faculty of Medicine"
    assert "https://ror.org/0025mvn63" not in _matches(full_index, text)
    # … while an acronym whose organisation the name before it spells out, worded otherwise, still is
    text = "Centre for Ecological Research and Forestry Applications (CREAF)"
    assert _matches(full_index, text) == ["https://ror.org/03abrgd14"]
    text = "FUNDACIO PRIVADA INSTITUT D'INVESTIGACIO ONCOLOGICA DE VALL-HEBRON (VHIO), BARCELONA"
    assert _matches(full_index, text) == ["https://ror.org/054xx3904"]  # more words than the name, in Catalan
    # a hyphenated word gives an initial per part: "MPI-M" abbreviates the meteorology institute's name, which
    # the registry's MPIM (mathematics) does not spell out
    res = full_index.resolve("MAX-PLANCK-INSTITUT FÜR METEOROLOGIE (MPI-M), HAMBURG", country="DE")
    assert res.decision != "match"


def test_kind_words_alone_name_no_institution(full_index: ResolverIndex) -> None:
    # after a unit, "University Hospital" is not the (withdrawn) record of that name; "Northwestern
    # University", made of words many names share, still is the institution
    text = "Institute for Stroke and Dementia Research, University Hospital, LMU Munich"
    assert "https://ror.org/034w4b143" not in _matches(full_index, text)
    assert _matches(full_index, "Department of Pathology, Northwestern University") == ["https://ror.org/000e0be47"]


def test_short_names_beside_the_registry_town(full_index: ResolverIndex) -> None:
    # "Freiburg im Breisgau" is the registry's town; the name says "Freiburg", and without it still names
    # the university
    assert _matches(full_index, "Albert-Ludwigs-Universität") == ["https://ror.org/0245cg223"]
    # Wake Forest is a town, but not the one Wake Forest University is in (Winston-Salem): its short name
    assert _matches(full_index, "Wake Forest School of Medicine") == ["https://ror.org/0207ad724"]
    # … while a school named after the town a university is in is a school of its own
    assert "https://ror.org/00rcxh774" not in _matches(full_index, "Cologne Business School")


def test_strings_taken_from_html(full_index: ResolverIndex) -> None:
    text = "FSBEI of HE &quot;Irkutsk State University&quot;"
    assert _matches(full_index, text) == _matches(full_index, "Irkutsk State University") != []


def test_a_name_without_the_country_it_ends_in(full_index: ResolverIndex) -> None:
    # "Károli Gáspár University of the Reformed Church [in Hungary]", as it is often written
    text = "Károli Gáspár University of the Reformed Church"
    assert _matches(full_index, text) == ["https://ror.org/03efbq855"]


def test_names_typed_in_capitals(full_index: ResolverIndex) -> None:
    # in capitals every word looks like an acronym; words that are names' words are read as words, so what
    # they add makes another organisation …
    ntust = "NATIONAL TAIWAN UNIVERSITY OF SCIENCE AND TECHNOLOGY, TAIPEI"
    assert "https://ror.org/05bqach95" not in _matches(full_index, ntust)  # not National Taiwan University
    assert _matches(full_index, "THE AMERICAN UNIVERSITY OF PARIS, PARIS") == []
    assert _matches(full_index, "HAFENCITY UNIVERSITAT HAMBURG, HAMBURG") == []  # a long word no name has: a name
    # … while legal forms written out, in registers' words, and the country are not more name
    for text, iri in [
        ("KINGSTON UNIVERSITY HIGHER EDUCATION CORPORATION, KINGSTON UPON THAMES", "https://ror.org/05bbqza97"),
        ("NATIONAL UNIVERSITY OF SINGAPORE PUBLIC COMPANY LIMITED BY GUARANTEE, SINGAPORE", "https://ror.org/01tgyzw49"),
        ("HUMAN SCIENCES RESEARCH COUNCIL OF SOUTH AFRICA, PRETORIA", "https://ror.org/056206b04"),
        ("FUNDACION ESADE, BARCELONA", "https://ror.org/02d9gec76"),
    ]:
        assert _matches(full_index, text) == [iri], text


def test_a_roman_numeral_numbers_another_university(full_index: ResolverIndex) -> None:
    # "Rennes II", "Toulouse II" are numbered universities of those towns, not the towns' universities …
    assert _matches(full_index, "Universite Rennes II") == []
    assert _matches(full_index, "University of Toulouse II - Jean Jaurès, Toulouse") == []
    # … and "v" is a word ("in") in Czech and Slovak names
    text = "UNIVERZITA MATEJA BELA V BANSKEJ BYSTRICI, BANSKA BYSTRICA"
    assert _matches(full_index, text) != []


def test_a_fuzzy_match_is_a_misspelling_not_another_name(full_index: ResolverIndex) -> None:
    for text in ["Department of Physics and Mathematics, Aoyama Gakuin University", "Western Kentucky University"]:
        assert _matches(full_index, text) == [], text  # not Okayama Gakuin, not Eastern Kentucky
    text = "Kotelnikov Institute of Radio Engineering and Electronics of Russian Academy of Sciences"
    assert _matches(full_index, text) != []
    assert _matches(full_index, "Taras Shevchenko National University of Ukraine") != []


def test_a_generic_name_shared_by_namesakes_one_of_them_prominent(full_index: ResolverIndex) -> None:
    # unplaced, "National Cancer Institute" is the US one, which the registry relates to the NIH and its own
    # units (Lithuania's and Argentina's: none); as any prominence, it shows in the features
    res = full_index.resolve("Laboratory of Genome Integrity, National Cancer Institute")
    assert [m.iri for m in res.matches] == ["https://ror.org/040gcmg81"]
    assert "prominence" in res.matches[0].features
    # a generic name alone, with no namesake connected more widely, stays unmatched
    assert _matches(full_index, "Institute of Molecular Biology") == []


def test_affiliations_run_together_after_a_footnote_number(full_index: ResolverIndex) -> None:
    text = (
        "School of Medicine, University of California, Davis 2 Department of Biochemistry and Molecular "
        "Medicine, , Sacramento, CA, USA"
    )
    assert _matches(full_index, text) == ["https://ror.org/05rrcem69"]


def test_namesakes_told_apart_by_the_town_named(full_index: ResolverIndex) -> None:
    # two campuses called alike: the one whose town the text names
    res = full_index.resolve("INSTITUT CATHOLIQUE D'ARTS ET METIERS, LILLE", country="FR")
    assert [m.iri for m in res.matches] == ["https://ror.org/02jj4jf83"]
    assert res.matches[0].method.endswith("+city")
    # a town written in two words ("Xi An" for Xi'an) is still named
    res = full_index.resolve("NORTHWEST UNIVERSITY, XI AN SHAANXI", country="CN")
    assert [m.iri for m in res.matches] == ["https://ror.org/00z3td547"]


def test_near_equal_fuzzy_hits_yield_to_one_whose_words_agree(full_index: ResolverIndex) -> None:
    # "Hanson Centre for Cancer Research" sorts its words as closely, but "Fred Hutchinson" is not in it
    res = full_index.resolve("Fred Hutchinson Cancer Research Center")
    assert [c.iri for c in res.candidates][:1] == ["https://ror.org/007ps6h72"]
    assert "https://ror.org/047kx5j58" not in {c.iri for c in res.candidates}


def test_a_name_that_leaves_out_descriptors(full_index: ResolverIndex) -> None:
    # every word of the text in one organisation's name, which only adds descriptors
    res = full_index.resolve("Fraunhofer Heinrich Hertz Institut")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/02tbr6331", "partial-name")]
    # … not a name that adds a proper name, or a kind the text does not say
    # (Naples' "Istituto Nazionale Tumori IRCCS Fondazione G. Pascale"; Škoda Auto University)
    assert _matches(full_index, "Fondazione IRCCS Istituto Nazionale dei Tumori, Milan") == []
    assert _matches(full_index, "SKODA AUTO A.S., MLADA BOLESLAV") == []


def test_an_acronym_alone_in_its_piece(full_index: ResolverIndex) -> None:
    # a piece that is one acronym with one owner names it when nothing else in the text is matched
    res = full_index.resolve("NHMRC/national heart foundation")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/011kf5r70", "acronym+alone")]
    # … not beside an acronym with several owners (NIDA is also the US institute on drug abuse, one of the NIH,
    # which is the prominent NIH), nor a word's end broken up by brackets
    assert _matches(full_index, "NIDA/NIH") == ["https://ror.org/01cwqze88"]
    assert _matches(full_index, "Singapore Institute of Clinical Sciences, A(∗)STAR") == []
    # … and after a unit, the unit's institution, as before
    assert [m.method for m in full_index.resolve("Department of Biological Sciences, KAIST").matches] == [
        "acronym+unit"
    ]


def test_a_name_without_the_second_name_after_a_dash(full_index: ResolverIndex) -> None:
    assert _matches(full_index, "Leibniz Institute on Aging, Jena") == ["https://ror.org/039a53269"]
    # not where the dash goes on to place a branch: Al-Neelain University was "Cairo University - Khartoum branch"
    res = full_index.resolve("Cairo University")
    assert "Al-Neelain University" not in {m.name for m in res.matches}


def test_an_organisations_own_name_beats_a_translation_label(full_index: ResolverIndex) -> None:
    # Singapore's institute is called so; Porto's "Instituto de Biologia Molecular e Celular" has it as a label
    res = full_index.resolve("Institute of Molecular and Cell Biology")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/04xpsrn94", "exact-name+own-name")]


def test_italian_names_without_degli_studi(full_index: ResolverIndex) -> None:
    # registered as "Università degli Studi di Firenze", written without "degli Studi", the town in Italian
    assert _matches(full_index, "University of Firenze") == ["https://ror.org/04jr1s763"]


def test_a_generic_name_before_its_country(full_index: ResolverIndex) -> None:
    # "Federation University" is made of descriptors: named with its country after it (no "of"), it is the
    # whole name and its country, as "… of Australia" would be
    assert _matches(full_index, "FEDERATION UNIVERSITY AUSTRALIA, BALLARAT") == ["https://ror.org/05qbzwv83"]
    # a US state is not a country: "Georgia", "New Mexico", "New Jersey" (Jersey) at the end of a name
    for text in ["Department of Plant Biology, University of Georgia", "Department of Pathology, University of "
                 "New Mexico", "Rutgers, The State University of New Jersey"]:
        assert _matches(full_index, text) != [], text


def test_an_acronym_of_several_owners_one_of_them_prominent(full_index: ResolverIndex) -> None:
    # "NIH" is also India's hydrology institute and Pakistan's health institute; the US NIH, with its 29
    # institutes and centres in the registry, is the one meant, and the features say why
    res = full_index.resolve("Cellular and Systems Neurobiology Section, NINDS, NIH")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/01cwqze88", "acronym+prominent")]
    assert "prominence" in res.matches[0].features
    # … not where the acronym abbreviates words of the text ("Population Health Science … (PHS)")
    text = (
        "MRC Integrative Epidemiology Unit, Bristol Population Health Science Institute, Bristol Medical School "
        "(PHS)"
    )
    assert "https://ror.org/04py2rh25" not in _matches(full_index, text)
    # … nor an owner the registry connects to few others ("CMA": China's meteorological administration, 7)
    assert _matches(full_index, "CMA") == []


def test_an_acronym_between_units_is_not_their_institution(full_index: ResolverIndex) -> None:
    # "UKB" here is Bonn's university hospital (not in the registry), not the Unfallkrankenhaus Berlin
    text = "University of Bonn, Medical Faculty (UKB), Institute of Physiology II"
    assert _matches(full_index, text) == ["https://ror.org/041nas322"]
    # … while named last, after a unit, it is the unit's institution
    assert _matches(full_index, "Department of Brain Sciences, DGIST") != []


def test_a_town_with_its_saint_written_out(full_index: ResolverIndex) -> None:
    # registered in "St. Louis": a text that writes "Saint Louis" names its town, not another one
    text = "Washington University 3 Department of Chemistry, , Saint Louis, MO, USA"
    assert _matches(full_index, text) == ["https://ror.org/01yc7t268"]
    # … and its town named so is its town for telling namesakes apart ("Saint Louis University": the one in
    # St. Louis, not Belgium's or the Philippines')
    assert _matches(full_index, "Department of Biology, Saint Louis University") == ["https://ror.org/01p7jjy08"]


def test_a_generic_name_one_widely_connected_organisation_is_called(full_index: ResolverIndex) -> None:
    # "National Science Foundation" is made of descriptors, but only the US NSF is called so (an alias), and the
    # registry relates 34 organisations to it
    res = full_index.resolve("Stand Up To Cancer/National Science Foundation/V Foundation - Convergence Award")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/021nxhr62", "exact-name+prominent")]
    assert "prominence" in res.matches[0].features
    # a generic name shared by several, with none prominent, still needs its place
    assert _matches(full_index, "Institute of Molecular Biology") == []


def test_a_generic_name_one_widely_connected_organisation_is_officially_called(full_index: ResolverIndex) -> None:
    # "Institut Pasteur" is made of descriptors (Pasteur institutes are in many countries), and Uruguay's and
    # Italy's are called so in translation, Iran's as an alias; only the Paris institute is registered so, and
    # the registry relates the Pasteur Network's institutes to it
    res = full_index.resolve("Stem Cells and Development Unit, Institut Pasteur")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/0495fxg12", "exact-name+prominent")]
    assert "officially" in str(res.matches[0].features["prominence"])
    # a generic name several organisations are registered under still needs its place
    assert _matches(full_index, "Institute of Physics") == []


def test_an_acronym_after_the_name_it_abbreviates_in_one_piece(full_index: ResolverIndex) -> None:
    # no brackets: the acronym ends the piece and abbreviates the (glued) name before it, which spells out its
    # one owner's name
    res = full_index.resolve("Max Planck Institute for Neurobiology of Behaviorcaesar  MPINB")
    assert [(m.iri, m.method) for m in res.matches] == [("https://ror.org/02yjyfs84", "acronym+spelt")]


def test_acronyms_joined_by_a_hyphen_before_a_name(full_index: ResolverIndex) -> None:
    # "NIMS-KMA" types two acronyms (the institute's own and its administration's): they do not make the name
    # after them a longer one
    text = "NIMS-KMA National Institute of Meteorological Sciences/Korea Meteorological Administration"
    assert _matches(full_index, text)[:1] == ["https://ror.org/04m2hj141"]
    # … while "KU" opens "[VIB-]KU Leuven": two letters are not read as a listed acronym
    assert _matches(full_index, "VIB-KU Leuven Center for Microbiology") == []


def test_a_town_written_after_a_name_that_holds_it(full_index: ResolverIndex) -> None:
    # the town in the name and again as the address places the name (the address of GEOMAR, as CORDIS writes it)
    res = full_index.resolve("HELMHOLTZ-ZENTRUM FUR OZEANFORSCHUNG KIEL (GEOMAR), KIEL", country="DE")
    assert [m.iri for m in res.matches] == ["https://ror.org/02h2x0161"]
    assert res.matches[0].features["city"] == "kiel"
    # … but not the shorter name a longer one begins with: NUPT (not in this copy) is not Nanjing University
    text = "College of Integrated Circuit Science, Nanjing University of Posts and Telecommunications, Nanjing China"
    assert "https://ror.org/01rxvg760" not in _matches(full_index, text)


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ('"amiralmoemenin hospital"', "https://ror.org/03zcqw776"),  # registered as "Amir-Al-Moemenin Hospital"
        ("KAFR EL-SHEIKH UNIVERSITY", "https://ror.org/04a97mm30"),  # registered as "Kafrelsheikh University"
        ("Tong Ji University", "https://ror.org/03rc6as71"),
    ],
)
def test_a_name_with_its_words_run_together_or_apart(full_index: ResolverIndex, text: str, iri: str) -> None:
    res = full_index.resolve(text)
    assert [(m.iri, m.method) for m in res.matches] == [(iri, "joined-name")]


def test_a_company_arm_named_america(full_index: ResolverIndex) -> None:
    # "America" ending a company's name is its arm in the United States, not the parent in Korea
    assert _matches(full_index, "Samsung Research America") == ["https://ror.org/01bfbvm65"]
    # … not when a continent or a region of it is meant
    assert country_named_last(["Instituto", "de", "Estudios", "de", "America", "Latina"]) is None
    assert country_named_last(["Centro", "de", "Estudios", "para", "Latin", "America"]) is None
    assert country_named_last(["Toyota", "Motor", "North", "America"]) is None


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("NOVA University of Lisbon", "https://ror.org/02xankh89"),  # Universidade Nova de Lisboa
        ("IIT Chennai", "https://ror.org/03v0r5n49"),  # "IIT Madras": Chennai's former name
        ("University of Milan-Bicocca", "https://ror.org/01ynf4891"),  # Università degli Studi di Milano-Bicocca
    ],
)
def test_a_name_with_its_town_in_another_language(full_index: ResolverIndex, text: str, iri: str) -> None:
    res = full_index.resolve(text)
    assert [m.iri for m in res.matches] == [iri]
    assert "town_as" in res.matches[0].features  # the evidence: "madras as chennai"


def test_a_town_written_in_another_language_places_a_name(full_index: ResolverIndex) -> None:
    res = full_index.resolve("University of Lisbon, Lisboa")
    assert res.matches[0].features["city"] == "lisbon"


def test_a_town_in_another_language_does_not_make_another_organisations_name(full_index: ResolverIndex) -> None:
    # "Temasek" is one of Singapore's names, but "Temasek Polytechnic" is not read as "Singapore Polytechnic"
    res = full_index.resolve("Singapore Polytechnic")
    assert [m.name for m in res.matches] == ["Singapore Polytechnic"]
    assert all("Temasek" not in c.name for c in res.candidates)


def test_a_unit_named_with_its_parents_full_name(full_index: ResolverIndex) -> None:
    # "… of the Russian Academy of Sciences" is the institute's parent, not more of a longer name: both named
    res = full_index.resolve("Institute for Physics of Microstructures of the Russian Academy of Sciences", multi=True)
    assert [m.iri for m in res.matches] == ["https://ror.org/03mzbmf11", "https://ror.org/05qrfxd25"]
    assert res.matches[0].features["unit_of"] == "https://ror.org/05qrfxd25"
    assert res.matches[1].method == "exact-name+unit"
    # … not a longer name whose words after "of" are no parent's ("Nanjing University [of Posts and …]")
    assert "https://ror.org/01rxvg760" not in _matches(full_index, "Nanjing University of Posts and Telecommunications")


def test_a_unit_named_with_an_academy_the_registry_does_not_record_as_its_parent(full_index: ResolverIndex) -> None:
    # the registry holds the institute without a parent; "of the Russian Academy of Sciences" (which the registry
    # relates to hundreds of organisations, in the institute's country) still names the academy, not a longer
    # name; and "A.A. Kharkevich" before it is the institute's eponym, not more of its name
    iitp, ras = "https://ror.org/013w2d378", "https://ror.org/05qrfxd25"
    assert full_index.org(iitp) is not None
    assert not full_index.orgs[full_index.by_iri[iitp]].parents
    for text in (
        "Institute for Information Transmission Problems of the Russian Academy of Sciences",
        "A.A. Kharkevich Institute for Information Transmission Problems of the Russian Academy of Sciences",
    ):
        res = full_index.resolve(text, multi=True)
        assert [m.iri for m in res.matches] == [iitp, ras], text
        assert res.matches[0].features["unit_of"] == ras
    # other words before the name still make a longer one ("Salem State University" is not Winston-Salem's)
    winston = full_index.resolve("Winston-Salem State University")
    assert "Salem State University" not in [m.name for m in winston.matches]


def test_a_generic_unit_named_with_its_parents_full_name(full_index: ResolverIndex) -> None:
    # "Institute of Physics" is five organisations' name; "… of the Chinese Academy of Sciences" names the one
    # whose parent that is
    res = full_index.resolve("Institute of Physics of the Chinese Academy of Sciences")
    assert [m.iri for m in res.matches] == ["https://ror.org/05cvf7v30"]
    assert res.matches[0].features["unit_of"] == "https://ror.org/034t30j35"


def test_a_town_in_another_language_is_no_acronym(full_index: ResolverIndex) -> None:
    # "ROMA" ends the string as CORDIS writes towns: Rome, not the French laboratory whose acronym it is
    assert _matches(full_index, "Department of Physics, ROMA") == []


def test_words_joined_by_and_are_not_a_name_without_it(full_index: ResolverIndex) -> None:
    # Brazil's IPEN is not Turkey's "Nuclear Energy Research Institute", though their keys read alike without
    # "and"; a name joined by "&" is still met by "and"
    turkey = "https://ror.org/02ws49r51"
    assert _matches(full_index, "Nuclear Energy Research Institute") == [turkey]
    assert turkey not in _matches(full_index, "Nuclear and Energy Research Institute IPEN CNEN")
    # nor is a department of "Applied Chemistry and Life Science" the French lab "Chemistry for Life Sciences"
    dept = "Department of Applied Chemistry and Life Science, Toyohashi University of Technology"
    assert "https://ror.org/03cjyj977" not in _matches(full_index, dept)


def test_a_one_word_name_after_at_ends_a_unit(full_index: ResolverIndex) -> None:
    # "Caltech" is one word, which inside a longer piece is no mention, except after "at" at the piece's end
    caltech = "https://ror.org/05dxps055"
    assert _matches(full_index, "T&C Chen Brain-Machine Interface Center at Caltech") == [caltech]
    assert _matches(full_index, "Cancer Center at Houston") == []  # a town


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        # Japan's national universities
        ("National University Corporation Nagoya Institute of Technology", "https://ror.org/055yf1005"),
        ("Consorci Institut de Ciències Fotòniques", "https://ror.org/03g5ew477"),  # a Catalan public consortium
        # a French chamber of commerce's school
        ("Etablissement d'enseignement supérieur consulaire KEDGE Business School", "https://ror.org/00wk3s644"),
    ],
)
def test_a_legal_status_written_before_a_name(full_index: ResolverIndex, text: str, iri: str) -> None:
    assert _matches(full_index, text) == [iri]


def test_an_acronym_opening_its_piece_before_a_unit_of_it(full_index: ResolverIndex) -> None:
    ucla = "https://ror.org/046rm7j60"
    res = full_index.resolve("Division of Oral Biology and Medicine, UCLA School of Dentistry")
    assert [(m.iri, m.method) for m in res.matches] == [(ucla, "acronym+unit")]
    assert _matches(full_index, "NYU Department of Physics") == ["https://ror.org/0190ak572"]
    assert _matches(full_index, "UCLA Orthopaedic Hospital") == []  # a hospital is an organisation of its own
    # an acronym of several owners is no short name of one of them: "MIT Uni." is Mien Dong's name
    assert "https://ror.org/058hj4z31" not in _matches(full_index, "MIT Department of Physics")


def test_a_word_in_capitals_that_is_also_an_acronym(full_index: ResolverIndex) -> None:
    # in capitals every word looks like an acronym; "FREE" is one (registered), but also a word of many names,
    # so it is read as the word: "FREE UNIVERSITY OF AMSTERDAM" is not the University of Amsterdam
    assert "https://ror.org/04dkp9463" not in _matches(full_index, "FREE UNIVERSITY OF AMSTERDAM")
