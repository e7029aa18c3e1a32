"""ASPI China Defence Universities Tracker, as scraped into a MISP galaxy cluster (2020).

An advisory source: ASPI's own assessment of 159 PRC institutions' defence and security links. ASPI's risk
ratings are not in this copy; its categories, supervising agencies, defence laboratories and subsidiaries are.

- ``value`` "English name (中文名)" -> the English name, the bracketed Chinese split off as a ``zh`` name;
  ``meta.aliases`` -> names (Chinese script -> ``zh``, acronyms -> ``acronym``).
- ``supervising agencies`` -> ``supervised_by`` relations; ``major defence laboratories`` and ``subsidiaries``
  -> ``child`` relations (their Chinese names in the relation note); a relation points at another entry of the
  tracker when it names one. Lab entries the scrape cut or wrote as prose ("Aka …", "Jointly established
  by …", "May be another name for …") are notes of the laboratory before them, not laboratories of their own.
- ``topics`` and the laboratories' English names -> ``topics`` (free text, verbatim).
- Military end-use hints: an ASPI category (Military, Defence industry conglomerate, Seven sons of national
  defence) or a defence supervising agency (SASTIND, CMC, a PLA service, a defence conglomerate) or defence
  laboratories, each with the ASPI text it rests on. ``description`` (ASPI prose) is kept verbatim in remarks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.lists.model import (
    Appearance,
    AreaHint,
    EditionMeta,
    ListEntry,
    ListMeta,
    Malformed,
    ReadResult,
    Relation,
    end_use,
)
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "aspi_china_defence_universities"
KEY = "aspi_cdut"
EDITION = "2020-08"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="ASPI China Defence Universities Tracker",
        authority="Australian Strategic Policy Institute (ASPI), International Cyber Policy Centre",
        jurisdiction="AU",
        # advisory: a think-tank's research assessment with no legal or policy force of its own; institutions
        # may use it to inform due diligence.
        legal_effect="advisory",
        url="https://unitracker.aspi.org.au/",
        licence="MISP galaxy JSON CC0-1.0 / BSD-2-Clause; the facts and descriptions are ASPI's (cite ASPI)",
        editions=(
            EditionMeta(EDITION, "China Defence Universities Tracker, MISP scrape of August 2020", EDITION,
                        "month the MISP galaxy cluster was last changed (2020-08-22, commit 4635146b); "
                        "ASPI's update date is not in the copy (the tracker went public in November 2019)"),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = (f"{DATASET}/china-defence-universities.misp-cluster.json",)

# "Aka …", "May also (be) known as …", "May be another name for …", "Jointly established with/by/in …"
_CONTINUATION = re.compile(
    r"^(?:aka\b|a\.k\.a\.|may (?:also )?(?:be )?(?:known|another name)|jointly established)", re.I)
# ASPI categories that by themselves put the institution in the defence sector
_MILITARY_CATEGORIES = {"Military": 0.9, "Defence industry conglomerate": 0.9,
                        "Seven sons of national defence": 0.9}
_ORG_KINDS = {"Military": "military", "Defence industry conglomerate": "company",
              "Seven sons of national defence": "education", "Security": "government"}
# supervising agencies that are defence bodies: SASTIND, the CMC, PLA services and the defence conglomerates
_DEFENCE_AGENCY = re.compile(
    r"SASTIND|Central Military Commission|\bPLA\b|People's Armed Police|\(AVIC\)|\(CNNC\)|Norinco|\(CSGC\)|"
    r"\(CETC\)|\(CASC\)|\(CASIC\)|\(CSSC\)|\(CSIC\)|\(AECC\)",
)


@dataclass
class _Unit:
    """A laboratory or subsidiary as ASPI lists it: English name, Chinese names, notes."""

    name: str
    zh: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        values = _values(path)
        taken: set[str] = set()
        for n, value in enumerate(values):
            made = _entry(value, f"{path.name} values[{n}]", taken)
            if isinstance(made, Malformed):
                result.malformed.append(made)
            else:
                result.entries.append(made)
    index = u.TargetIndex()
    for e in result.entries:
        index.add(e.record_id, e.name)
    for e in result.entries:
        index.add_alias(e.record_id, *(n.value for n in e.names))
    result.entries = [_link(e, index) for e in result.entries]
    return result


def _values(path: Path) -> list[Any]:
    try:
        data = json.loads(u.read_text(path))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path.name}: not valid JSON (cut short?): {exc}", path=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise SourceError(f"{path.name}: not a MISP galaxy cluster (no 'values' list)", path=str(path))
    values: list[Any] = data["values"]
    return values


def _strings(meta: dict[str, Any], key: str) -> list[str]:
    value = meta.get(key) or []
    return [u.clean(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _entry(value: Any, locator: str, taken: set[str]) -> ListEntry | Malformed:
    raw = json.dumps(value, ensure_ascii=False)[:2000]
    if not isinstance(value, dict) or not isinstance(value.get("meta", {}), dict):
        return Malformed(KEY, locator, "cluster value is not an object with a 'meta' object", raw)
    name, zh = u.split_zh(u.clean(value.get("value") if isinstance(value.get("value"), str) else ""))
    if not name:
        return Malformed(KEY, locator, "empty name", raw)
    meta: dict[str, Any] = value.get("meta") or {}
    names = u.NameBag(name)
    for z in zh:
        names.add(z, "alternative", "zh")
    names.extend(_strings(meta, "aliases"))
    categories = _strings(meta, "categories")
    agencies = _strings(meta, "supervising agencies")
    labs = _units(_strings(meta, "major defence laboratories"))
    subsidiaries = _units(_strings(meta, "subsidiaries"))
    # agencies, laboratories and subsidiaries are named bare: in the tracker's scope, they are Chinese too, which
    # tells "Ministry of Transport" from Austria's and the "Artificial Intelligence Research Center" from Japan's
    relations = [
        Relation("supervised_by", target_name=a, target_country="CN", note="ASPI: supervising agency")
        for a in agencies
    ]
    relations += [_child(x, "major defence laboratory") for x in labs]
    relations += [_child(x, "subsidiary") for x in subsidiaries]
    address = u.clean(meta.get("address") if isinstance(meta.get("address"), str) else "")
    description = u.clean(value.get("description") if isinstance(value.get("description"), str) else "")
    record_id = str(value.get("uuid") or "") or u.slug(name)
    return ListEntry(
        source=KEY,
        record_id=u.unique_id(record_id, taken),
        kind="organisation",
        name=name,
        appearances=(Appearance(EDITION, u.clean(value.get("value")), programmes=tuple(categories),
                                citations=tuple(_strings(meta, "refs"))),),
        names=names.result(),
        # the tracker covers institutions of the People's Republic of China only (its stated scope)
        countries=("CN",),
        addresses=(address,) if address else (),
        remarks=(description,) if description else (),
        org_kinds=tuple(dict.fromkeys(_ORG_KINDS[c] for c in categories if c in _ORG_KINDS)),
        relations=tuple(relations),
        areas=_areas(categories, agencies, labs),
        topics=tuple(dict.fromkeys([*_strings(meta, "topics"), *(x.name for x in labs)])),
    )


def _units(items: list[str]) -> list[_Unit]:
    """Laboratories or subsidiaries; prose fragments attach to the unit before them as notes."""
    units: list[_Unit] = []
    for item in items:
        if not item:
            continue
        if _CONTINUATION.match(item) and units:
            units[-1].notes.append(item)
            continue
        base, zh = u.split_zh(item)
        base, _, aka = base.partition(", a.k.a. ")
        units.append(_Unit(base.strip(" ,") or item, zh, [f"a.k.a. {aka}"] if aka else []))
    return units


def _child(unit: _Unit, what: str) -> Relation:
    parts = [f"ASPI: {what}"] + ([f"Chinese name: {' / '.join(unit.zh)}"] if unit.zh else []) + unit.notes
    return Relation("child", target_name=unit.name, target_country="CN", note="; ".join(parts))


def _areas(categories: list[str], agencies: list[str], labs: list[_Unit]) -> tuple[AreaHint, ...]:
    """One military end-use hint with the strongest ASPI basis: a defence category, else a defence
    supervising agency, else defence laboratories. Civilian institutions with none of these get none."""
    military = [c for c in categories if c in _MILITARY_CATEGORIES]
    if military:
        basis = "ASPI category: " + "; ".join(military)
        return (AreaHint(end_use("military"), max(_MILITARY_CATEGORIES[c] for c in military), basis),)
    defence = [a for a in agencies if _DEFENCE_AGENCY.search(a)]
    if defence:
        return (AreaHint(end_use("military"), 0.8, "ASPI supervising agency: " + "; ".join(defence)),)
    if labs:
        basis = "ASPI major defence laboratories: " + "; ".join(x.name for x in labs)
        return (AreaHint(end_use("military"), 0.7, basis),)
    return ()


def _link(entry: ListEntry, index: u.TargetIndex) -> ListEntry:
    """Point relations at other entries of the tracker where their target is one: "Aviation Industry
    Corporation of China (AVIC)" is found by its full name, by the name without the bracket, or by "AVIC"."""
    relations: list[Relation] = []
    for r in entry.relations:
        name = r.target_name or ""
        acronym = u.trailing_acronym(name)
        candidates = [name, name.rsplit(" (", 1)[0]] + ([acronym] if acronym else [])
        target = next((t for t in map(index.get, candidates) if t and t != entry.record_id), None)
        relations.append(replace(r, target_id=target, target_name=None) if target else r)
    return replace(entry, relations=tuple(relations))
