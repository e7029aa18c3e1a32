"""Towns' other names (queries/resolver/towns.py) over a few GeoNames-shaped rows."""

from __future__ import annotations

from queries.resolver.towns import as_keys, in_own_town, other_names

CITIES = {
    "2267057": {
        "name": "Lisbon",
        "countrycode": "PT",
        "population": 517802,
        "alternatenames": ["LIS", "Lisboa", "Lissabon", "Лиссабон", "Mexico", "Lisbon"],
    },
    "1264527": {"name": "Chennai", "countrycode": "IN", "population": 4681087, "alternatenames": ["Madras"]},
    # a namesake in another country, and a smaller one in the same country
    "9999991": {"name": "Lisbon", "countrycode": "US", "population": 9000, "alternatenames": ["Lisbon Falls"]},
    "9999992": {"name": "Chennai", "countrycode": "IN", "population": 100, "alternatenames": ["Tiny"]},
}


def test_other_names_of_a_town_in_its_country() -> None:
    names = other_names({"lisbon": ("PT",), "chennai": ("IN",), "nowhere": ("FR",)}, cities=CITIES)
    # codes, other scripts, country names and the town's own name are left out
    assert names["lisbon"] == ("lisboa", "lissabon")
    assert names["chennai"] == ("madras",)  # the most populous town of that name in the country
    assert "nowhere" not in names
    # the US namesake's names are not Portugal's
    assert other_names({"lisbon": ("US",)}, cities=CITIES) == {"lisbon": ("lisbon falls",)}


def test_other_names_exclude_other_towns_names() -> None:
    assert other_names({"lisbon": ("PT",)}, excluded=["lissabon"], cities=CITIES) == {"lisbon": ("lisboa",)}


def test_a_name_with_its_town_spelt_as_the_registry_does() -> None:
    keys = as_keys({"lisbon": ("lisboa",), "chennai": ("madras",)})
    assert in_own_town("universidade nova lisboa", ["lisbon"], keys) == ["universidade nova lisbon"]
    assert in_own_town("iit madras", ["chennai"], keys) == ["iit chennai"]
    # only the organisation's own town: "Madras" in a name placed elsewhere stays as it is
    assert in_own_town("iit madras zanzibar", ["zanzibar"], keys) == []


def test_a_name_that_spells_its_town_as_the_registry_does_is_left_alone() -> None:
    # "Ho Chi Minh" is one of Ho Chi Minh City's names: "… Ho Chi Minh City" is not "… Ho Chi Minh City City"
    keys = as_keys({"ho chi minh city": ("ho chi minh", "saigon")})
    assert in_own_town("vietnam national university ho chi minh city", ["ho chi minh city"], keys) == []
    assert in_own_town("saigon university", ["ho chi minh city"], keys) == ["ho chi minh city university"]
