"""Normalisation and segmentation: what the resolver makes of the text a screener types."""

from __future__ import annotations

from queries.resolver.normalise import acronym_key, bag_key, fold, looks_like_acronym, name_key, unified
from queries.resolver.segment import segment, state_or_country


def test_fold_transliterates_and_strips_accents() -> None:
    assert fold("Universität Zürich & ETH") == "universitat zurich and eth"
    assert fold("哈尔滨工业大学").isascii()
    assert fold("Boston Children’s Hospital") == fold("Boston Childrens Hospital")


def test_abbreviations_meet_full_names() -> None:
    assert name_key("Harbin Inst. of Tech.") == name_key("Harbin Institute of Technology")
    assert name_key("Univ. of Antwerp") == name_key("University of Antwerp")
    assert name_key("Centre for X") == name_key("Center for X")


def test_word_order_key_ignores_order_and_function_words() -> None:
    assert bag_key(name_key("Antwerp University")) == bag_key(name_key("University of Antwerp"))
    assert name_key("Antwerp University") != name_key("University of Antwerp")


def test_acronyms() -> None:
    assert acronym_key("U.S.T.C.") == "USTC"
    assert looks_like_acronym("BUAA")
    assert not looks_like_acronym("Beihang")
    assert not looks_like_acronym("Harbin Institute")


def test_affiliation_is_split_and_noise_dropped() -> None:
    seg = segment(
        "Department of Physics, Harbin Institute of Technology, Harbin 150001, China; x.y@hit.edu.cn"
    )
    assert seg.pieces[:3] == ["Department of Physics", "Harbin Institute of Technology", "Harbin"]
    assert not any(ch.isdigit() for piece in seg.pieces for ch in piece)
    assert not any("@" in piece for piece in seg.pieces)
    assert seg.countries == {"CN"}


def test_country_context_is_not_taken_from_organisation_names() -> None:
    assert segment("University of Georgia, Athens, GA, USA").countries == {"US"}
    assert segment("Thousand Oaks, CA").countries == {"US"}  # California, not Canada
    chile = segment("University of Chile")
    assert chile.places == set()  # a name, searched as one; the country it ends in is context
    assert chile.countries == {"CL"}


def test_short_numbers_that_are_part_of_names_stay() -> None:
    assert segment("Université Paris 8, 93526 Saint-Denis").pieces[0] == "Université Paris 8"


def test_company_form_co_is_not_colorado() -> None:
    # OFAC's "KIMIA CO., LTD." once placed an Iranian company in the US and linked it to a US firm
    assert segment("KIMIA CO., LTD.").countries == set()
    assert segment("Acme Co.").countries == set()
    assert segment("Boulder, CO").countries == {"US"}
    # OFAC's NS-CMIC list writes "COSTAR GROUP CO": after a corporate word "CO" is a company, not Colorado
    assert segment("COSTAR GROUP CO").countries == set()
    assert segment("University of Colorado, Boulder CO, USA").countries == {"US"}


def test_function_words_run_into_names_are_split() -> None:
    # PDF extraction glues words: "Currently atGeorg August Universität", "de laUniversidad de Guanajuato"
    assert segment("Currently atGeorg August Universität").pieces == ["Currently at Georg August Universität"]
    assert "la Universidad de Guanajuato" in segment("Ingenierías de laUniversidad de Guanajuato").pieces[0]
    assert segment("DeKalb").pieces == ["DeKalb"]


def test_applied_science_universities_meet_their_local_names() -> None:
    assert bag_key(unified(name_key("Hochschule Niederrhein"))) == bag_key(
        unified(name_key("Niederrhein University of Applied Sciences"))
    )
    assert unified(name_key("Accademia di Belle Arti di Catanzaro")) == name_key("Academy of Fine Arts Catanzaro")


def test_number_runs_and_em_dashes_end_a_name() -> None:
    # an address after a name ("3-1-1 Maidashi" typed without its dashes), a postcode, an em dash
    assert segment("Kyushu University 3 1 1 Maidashi").pieces == ["Kyushu University", "Maidashi"]
    assert segment("Universität Hamburg 20146 Hamburg").pieces == ["Universität Hamburg", "Hamburg"]
    assert segment("INL—International Iberian Nanotechnology Laboratory").pieces == [
        "INL",
        "International Iberian Nanotechnology Laboratory",
    ]
    # one short number, an en dash and a hyphen belong to the name
    assert segment("Université Paris 13").pieces == ["Université Paris 13"]
    assert segment("University of Wisconsin–Madison").pieces == ["University of Wisconsin–Madison"]


def test_a_name_that_ends_in_its_country_gives_the_country() -> None:
    assert segment("National Research Council of Italy").countries == {"IT"}
    assert segment("Technical University of Denmark").countries == {"DK"}
    assert segment("University of Georgia").countries == set()  # the country or the US state


def test_initials_and_legal_forms_with_full_stops() -> None:
    assert fold("U.S. Army Research Institute") == fold("US Army Research Institute")
    assert fold("L. N. Gumilyov") == fold("L.N. Gumilyov") == "ln gumilyov"
    assert name_key("Leonardo S.p.A.") == name_key("LEONARDO SPA") == "leonardo"
    assert name_key("Fortum Oyj") == name_key("Acme GmbH & Co. KG").replace("acme", "fortum")
    assert fold("St. Louis") == "st louis"  # one abbreviation is not initials
    assert fold("J. Craig Venter Institute") == "j craig venter institute"


def test_a_two_letter_code_is_the_country_where_the_town_named_lies() -> None:
    towns = {"pune": ("IN",), "toronto": ("CA",), "los angeles": ("CL", "US")}
    assert state_or_country(segment("Indian Institute of Tropical Meteorology, Pune 411008 IN"), towns) == {"IN"}
    assert state_or_country(segment("University of Toronto, Toronto, CA"), towns) == {"CA"}
    assert state_or_country(segment("UCLA, Los Angeles, CA"), towns) == {"US"}  # California
    assert state_or_country(segment("Pune, IN, USA"), towns) == {"IN", "US"}  # the US named as well


def test_html_entities_and_e_mail_words() -> None:
    seg = segment("FSBEI of HE &quot;Irkutsk State University&quot;, e-mail:x.y@isu.ru")
    assert seg.pieces == ["FSBEI of HE Irkutsk State University"]  # quotes go, the e-mail word too
    # a long word with an "@" is dropped whole, at once (matching from each of its letters took minutes)
    seg = segment("x" * 50_000 + "@" + "y" * 50_000 + ", Harbin Institute of Technology")
    assert seg.pieces == ["Harbin Institute of Technology"]


def test_legal_forms_written_out_by_registers() -> None:
    from queries.resolver.lexicon import legal_phrase

    assert legal_phrase(["higher", "education", "corporation"])  # UK universities
    assert legal_phrase(["royal", "charter"])
    assert legal_phrase(["public", "company", "limited", "by", "guarantee"])
    assert legal_phrase(["fundacion"])
    assert not legal_phrase(["higher", "education"])  # "Ministry of Higher Education"
    assert legal_phrase(["national", "university", "corporation"])  # Japan's national universities
    assert legal_phrase(["consorci"])  # a Catalan public consortium
    assert not legal_phrase(["national", "university"])  # "[Seoul] National University"


def test_words_of_a_fuzzy_match_agree() -> None:
    from queries.resolver.normalise import words_agree

    assert words_agree("Changchung Institute", "Changchun Institute")  # misspelt
    assert words_agree("Goethe-UniversitatFrankfurt", "Goethe Universität Frankfurt am Main")  # run together
    assert words_agree("Institute of Radio Engineering", "Institute of Radioengineering")  # written apart
    assert words_agree("German Centre for Degenerative Diseases", "German Center for Neurodegenerative Diseases")
    assert not words_agree("Aoyama Gakuin University", "Okayama Gakuin University")
    assert not words_agree("University of Fine Arts Dresden", "University of Fine Arts Essen")
    assert words_agree("National University of Ukraine", "National University of Kyiv", ignore={"ukraine"})


def test_a_footnote_number_before_the_next_unit_separates_affiliations() -> None:
    seg = segment("School of Medicine, University of California, Davis 2 Department of Biochemistry, , Sacramento")
    assert "Davis" in seg.pieces
    assert "Department of Biochemistry" in seg.pieces
    # a number before a name is the university's own
    assert segment("UNIVERSITE LYON 3 JEAN MOULIN, LYON").pieces[0] == "UNIVERSITE LYON 3 JEAN MOULIN"


def test_numbers_that_tell_institutes_apart_stay_and_postcodes_go() -> None:
    assert segment("15th Research Institute of CETC").pieces == ["15th Research Institute of CETC"]
    assert segment("Institute 706, Beijing 100854").pieces == ["Institute 706", "Beijing"]
    assert segment("CNRS UMR5558, Harbin 150001").pieces == ["CNRS", "Harbin"]
