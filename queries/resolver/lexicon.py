"""The words the resolver reads around names, by what they tell: units and the organisations they belong to,
kinds of organisation, legal forms written out, words about the author, roman numerals. Lists in the
registry's languages; ``search`` and ``decide`` read them, no module declares its own."""

from __future__ import annotations

from queries.resolver.normalise import LEGAL_FORMS, STOPWORDS, fold

# Words that open a new unit after an organisation's name ("University of Michigan Department of …"),
# as opposed to words that continue it ("Hanoi University of Technology" is not Hanoi University).
UNIT_WORDS = frozenset(
    [
        "department",
        "faculty",
        "school",
        "division",
        "laboratory",
        "center",
        "institute",
        "unit",
        "program",
        "group",
        "section",
        "college",
        "graduate",
        "clinic",
        "campus",
        "key",
        "state",
        "ministry",
        "branch",
        "chair",
        "team",
        # the same words in the registry's other languages (tokens are folded: "fakultät" → "fakultat")
        "departamento",
        "departement",
        "dipartimento",
        "abteilung",
        "fakultat",
        "facultad",
        "faculte",
        "facolta",
        "faculdade",
        "laboratorio",
        "laboratoire",
        "escuela",
        "ecole",
        "escola",
        "scuola",
        "instituto",
        "institut",
        "istituto",
        "centro",
        "centre",
        "zentrum",
        "unidad",
        "unite",
        "lehrstuhl",
        "library",
        "bibliothek",
        "biblioteca",
        "bibliotheque",
        "universitatsbibliothek",
    ]
)
# Words that make what comes after them the organisation the unit before them belongs to ("Affiliated
# Hospital of [Guilin Medical University]", "Universitätsbibliothek der [LMU München]", "… affiliated to …").
OWNER_LINKS = frozenset(
    ["of", "at", "to", "de", "der", "des", "du", "di", "del", "della", "da", "do", "dos", "das"]
)


# Units an organisation is made of, named after a proper name ("… Whiting School of Engineering"), and
# words naming organisations of their own ("… Hospital", "… Cancer Center"), which a registry lists apart.
SUBUNIT_WORDS = frozenset(
    ["department", "faculty", "school", "division", "unit", "program", "section", "college", "graduate",
     "campus", "chair", "branch"]
)
OWN_ORG_WORDS = frozenset(
    ["hospital", "institute", "center", "laboratory", "clinic", "foundation", "museum", "observatory",
     "society", "council", "agency", "company", "corporation", "trust"]
)


# A piece opening with one of these names a unit of the institution a later piece names, when one names a
# university or a hospital ("Department of Biotechnology, Asia University")
DEPARTMENT_WORDS = frozenset(["department", "division", "faculty", "section"])
INSTITUTION_WORDS = frozenset(["university", "hospital"])


# Words that say what kind of organisation a name is, and open the name of another organisation after "and"
# ("university" in any language, see unified)
KIND_WORDS = UNIT_WORDS | OWN_ORG_WORDS | {"university"}


# Words about the author, not the organisation ("Assistant Professor at …", "currently at …").
ROLE_WORDS = frozenset(
    ["professor", "assistant", "associate", "lecturer", "researcher", "student", "phd", "postdoc", "fellow",
     "visiting", "currently", "formerly", "emeritus", "director", "head", "scientist", "chief", "current",
     "present", "address", "permanent"]
)


# Words a company's name carries beside its legal form ("Honeywell [International] Inc", "Thales [Group]",
# "Rolls-Royce [Holdings] plc"): the same company.
CORPORATE_WORDS = frozenset(["group", "holding", "holdings", "international", "global", "worldwide", "europe"])
# Legal statuses written after a name that are words elsewhere ("Laboratório Nacional de Energia e Geologia,
# I.P." (instituto público), "Centro Hospitalar … EPE" (entidade pública empresarial), the FCC's "Huawei
# Technologies Company"); "IP Paris" keeps its IP.
TRAILING_FORMS = frozenset(["ip", "epe", "company"])
AFTER_A_NAME = LEGAL_FORMS | CORPORATE_WORDS | TRAILING_FORMS


# Legal forms written out in words, as lists of concern write Russian and other companies ("Public Joint Stock
# Company …", "Aktsionernoe Obshchestvo …", "Federal State Unitary Enterprise …") and registers write
# universities and foundations (UK "… Higher Education Corporation", "… Royal Charter", "… Company Limited by
# Guarantee"; "Fundación …", "Sihtasutus …" (foundation)): a run of these words holding one of
# LEGAL_PHRASE_KEYS is a legal form, not part of the name.
LEGAL_PHRASE_WORDS = frozenset(
    ["public", "joint", "stock", "company", "open", "closed", "limited", "liability", "private", "federal",
     "state", "unitary", "enterprise", "aktsionernoe", "aktsionernoye", "obshchestvo", "publichnoe",
     "publichnoye", "nepublichnoe", "otkrytoe", "otkrytoye", "zakrytoe", "zakrytoye", "ogranichennoi",
     "ogranichennoy", "otvetstvennostyu", "federalnoe", "gosudarstvennoe", "unitarnoe", "predpriyatie",
     "higher", "education", "corporation", "royal", "charter", "guarantee", "fundacion", "fundacao", "fundacio",
     "sihtasutus", "vakif", "vakfi", "national", "university", "consorci", "etablissement", "denseignement",
     "superieur", "consulaire"]
)
LEGAL_PHRASE_KEYS = frozenset(
    ["stock", "liability", "unitary", "obshchestvo", "predpriyatie", "charter", "guarantee", "fundacion",
     "fundacao", "fundacio", "sihtasutus", "vakif", "vakfi"]
)
# the words of those that make a foundation, which is an organisation of its own ("Fundación Vodafone España")
FOUNDATION_WORDS = frozenset(["fundacion", "fundacao", "fundacio", "sihtasutus", "vakif", "vakfi"])
# … and these runs, whose words are each a name's elsewhere
LEGAL_PHRASES = frozenset(
    [
        "higher education corporation",
        "national university corporation",  # Japan's national universities since 2004
        "consorci",  # a Catalan public consortium ("Consorci Centre de Recerca Matemàtica")
        "etablissement denseignement superieur consulaire",  # a French chamber of commerce's school
    ]
)
LEGAL_OR_FUNCTION = LEGAL_PHRASE_WORDS | STOPWORDS


def legal_phrase(words: list[str]) -> bool:
    """The words are a legal form written out ("Public Joint Stock Company", "Obshchestvo s Ogranichennoi
    Otvetstvennostyu")."""
    named = [w for w in words if w not in STOPWORDS and len(w) > 1]
    if not named or not all(w in LEGAL_PHRASE_WORDS for w in named):
        return False
    return any(w in LEGAL_PHRASE_KEYS for w in named) or " ".join(named) in LEGAL_PHRASES


def without_legal_phrase(text: str) -> str | None:
    """A name without the legal form written out before it, when two words or more are left ("[Open Joint
    Stock Company] 308 Aviation Repair Plant", "[Federal State Unitary Enterprise] …"), as keys leave out the
    short form ("OJSC") and a text may leave out both; not a foundation's ("Fundación Vodafone España" is not
    Vodafone)."""
    words = text.split()
    folded = [fold(w) for w in words[:-2]]
    for i in range(len(words) - 2, 0, -1):
        if legal_phrase(folded[:i]) and not set(folded[:i]) & FOUNDATION_WORDS:
            return " ".join(words[i:])
    return None


# "and" in the languages of the registry's names ("&" is read as "and"): a name that joins words by one may be
# meant where a text joins them by "and", which name keys leave out
CONJUNCTIONS = frozenset(
    ["and", "und", "et", "e", "y", "i", "en", "og", "och", "ve", "es", "a", "u", "si", "ja", "oraz", "ir", "un", "ha"]
)


# Roman numerals number universities that share a town's name ("Paris IV", "Rennes II"); "i" and "v" are words too
# (Catalan "and", Czech and Slovak "in").
ROMAN_NUMERALS = frozenset(["ii", "iii", "iv", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"])


# Words that name a company's unit after its one-word name ("Samsung [Research America]", "Pfizer [Global
# R&D]", "iXblue [Navigation System Division]"), and words that make what follows an organisation of its own.
COMPANY_UNITS = UNIT_WORDS | {"research", "rd", "labs"}
OWN_NOT_UNIT = frozenset(["hospital", "university", "foundation", "museum", "trust", "bank", "school", "college"])
# Words that end the name of a unit any organisation may have, after its name
NAMED_UNITS = frozenset(["institute", "center", "centre", "laboratory", "unit", "program", "initiative"])
CARE = frozenset(["medical", "clinic", "clinical", "health", "healthcare", "care", "cancer"])


# Descriptors that tell namesakes apart ("Western" / "Eastern Kentucky University")
DIRECTIONS = frozenset(
    ["north", "northern", "south", "southern", "east", "eastern", "west", "western", "central", "upper", "lower",
     "northeast", "northeastern", "northwest", "northwestern", "southeast", "southeastern", "southwest",
     "southwestern"]
)


# Words around a name that dress an organisation up rather than make it another one ("Association Saint
# Yves", "Fondazione …", "… gemeinnützige GmbH").
SOFT_WORDS = frozenset(
    ["association", "foundation", "fondazione", "fundacion", "fundacao", "fondation", "stiftung", "saint",
     "sainte", "san", "santa", "sao", "society", "verein", "consortium", "the"]
)

# Names written in Chinese, Japanese or Korean, as registered and as typed. A legal form opens or closes the
# registered name ("株式会社日立製作所", "公益財団法人がん研究会", "华为技术有限公司") and is left out when typed; the
# registry's longest come first, so "一般社団法人" is taken before a shorter form inside it.
CJK_LEGAL_FORMS = tuple(
    sorted(
        [
            "株式会社", "有限会社", "合同会社", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
            "医療法人社団", "医療法人財団", "社会医療法人", "医療法人", "社会福祉法人", "学校法人", "国立大学法人",
            "公立大学法人", "独立行政法人", "地方独立行政法人", "国立研究開発法人", "特定非営利活動法人",
            "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "주식회사", "재단법인", "사단법인",
        ],
        key=len,
        reverse=True,
    )
)
# Written before a PLA unit's name in the registry, left out when typed ("[中国人民解放军]国防科技大学").
CJK_PREFIXES = ("中国人民解放军", "中國人民解放軍")
# Words written out in a registered name and shortened when typed, or the reverse ("国防科学技术大学" is
# "国防科技大学").
CJK_SHORT_FORMS = {"科学技术": "科技", "科學技術": "科技"}
