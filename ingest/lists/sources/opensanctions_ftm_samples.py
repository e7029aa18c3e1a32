"""OpenSanctions entities in FollowTheMoney (FtM) JSON lines, with delta files, read without the FtM library.

Each line is an entity ``{"id", "schema", "caption", "properties": {prop: [str, …]}, "datasets": […]}`` or,
in a delta file, ``{"op": "ADD" | "MOD" | "DEL", "entity": …}``. Files are applied in the order given (a plain
entity line counts as ADD; MOD replaces the whole entity, as in OpenSanctions' delta exports; DEL removes it),
then the final state is read:

- Organization, Company, LegalEntity, PublicBody -> organisation; Person -> person; Vessel, Airplane -> other.
- Address entities fill the addresses and cities of the parties that point at them (``addressEntity``).
- Ownership (owner -> asset) -> ``Relation("owned_by", target_id=owner, share=percentage)`` on the asset.
- Sanction (``entity``) -> the appearance of that entity: programme, listing/start and end dates, source URL,
  and the authority and reason in remarks.
- An entity's list is the first of its ``datasets`` that this reader declares a list for (eu_fsf); other
  schemata (Payment, Directorship…) and entities of undeclared datasets are quarantined with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult, Relation
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "opensanctions_ftm_samples"
EDITION = "2024-06"
LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key="opensanctions_eu_fsf",
        title="EU Financial Sanctions Files (FSF), as published by OpenSanctions",
        authority="European Union (Council; list published by the European External Action Service / "
        "European Commission)",
        jurisdiction="EU",
        # binding_restriction: EU restrictive measures (asset freezes, prohibitions to make funds available)
        # are Council regulations, binding in every member state.
        legal_effect="binding_restriction",
        url="https://www.opensanctions.org/datasets/eu_fsf/",
        licence="CC BY-NC 4.0 (OpenSanctions); commercial use needs an OpenSanctions licence",
        editions=(
            EditionMeta(EDITION, "OpenSanctions eu_fsf export, June 2024", EDITION,
                        "month of the OpenSanctions export in yente's fixtures: entities last seen "
                        "2024-06-01, dataset index of 2024-06-13 (SOURCE.md: captured 2024-05/06)"),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = tuple(
    f"{DATASET}/{f}" for f in (
        "t1_entities.ftm.json", "t2_20240527194702-wnk_entities.delta.json",
        "t2_20240528014702-pfh_entities.delta.json", "t2_20240528074703-npf_entities.delta.json",
        "t2_20240528134729-3iv_entities.delta.json",
    )
)
LIST_OF_DATASET = {"eu_fsf": "opensanctions_eu_fsf"}
_KINDS = {"Organization": ("organisation", ()), "Company": ("organisation", ()),
          "LegalEntity": ("organisation", ()), "PublicBody": ("organisation", ()), "Person": ("person", ()),
          "Vessel": ("other", ("vessel",)), "Airplane": ("other", ("aircraft",))}
_IDENTIFIERS = {"registrationNumber": "registration", "taxNumber": "tax", "innCode": "inn",
                "ogrnCode": "ogrn", "leiCode": "lei", "swiftBic": "swift", "imoNumber": "imo",
                "idNumber": "national_id", "passportNumber": "passport", "wikidataId": "wikidata",
                "isinCode": "isin"}


@dataclass(frozen=True)
class _Record:
    entity: dict[str, Any]
    locator: str

    @property
    def schema(self) -> str:
        return str(self.entity.get("schema") or "")

    def values(self, prop: str) -> list[str]:
        props = self.entity.get("properties") or {}
        return [u.clean(v) for v in props.get(prop) or [] if isinstance(v, str) and v.strip()]


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    state = _apply(paths, result)
    entries: dict[str, ListEntry] = {}
    # Address entities by their id and by the ids merged into them (``referents``)
    places = {ref: rec for rec in state.values() if rec.schema == "Address"
              for ref in [rec.entity["id"], *(rec.entity.get("referents") or [])]}
    for rid, rec in state.items():
        if rec.schema in _KINDS:
            made = _entry(rid, rec, places)
            if isinstance(made, Malformed):
                result.malformed.append(made)
            else:
                entries[rid] = made
        elif rec.schema not in ("Address", "Ownership", "Sanction"):
            reason = f"schema {rec.schema or '(none)'} is not a list entry (not read)"
            result.malformed.append(Malformed(DATASET, rec.locator, reason, _raw(rec.entity)))
    for rec in state.values():
        problem = (_ownership(rec, entries) if rec.schema == "Ownership"
                   else _sanction(rec, entries) if rec.schema == "Sanction" else None)
        if problem:
            result.malformed.append(Malformed(DATASET, rec.locator, problem, _raw(rec.entity)))
    result.entries = list(entries.values())
    return result


def _raw(entity: Any) -> str:
    return json.dumps(entity, ensure_ascii=False)[:2000]


def _apply(paths: Sequence[Path], result: ReadResult) -> dict[str, _Record]:
    """The final state after applying every file's lines in order."""
    state: dict[str, _Record] = {}
    for path in paths:
        text = u.read_text(path)
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            locator = f"{path.name} line {number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                if number == 1:
                    raise SourceError(f"{path.name}: not FtM JSON lines ({exc})", path=str(path)) from exc
                result.malformed.append(Malformed(DATASET, locator, f"not JSON: {exc}", line[:2000]))
                continue
            op, entity = (obj.get("op"), obj.get("entity")) if isinstance(obj, dict) and "op" in obj \
                else ("ADD", obj)
            rid = entity.get("id") if isinstance(entity, dict) else None
            if not isinstance(entity, dict) or not isinstance(rid, str) or not rid:
                result.malformed.append(Malformed(DATASET, locator, "entity without an id", line[:2000]))
            elif op in ("ADD", "MOD"):
                state[rid] = _Record(entity, locator)
            elif op == "DEL" and rid in state:
                del state[rid]
            elif op == "DEL":
                result.malformed.append(Malformed(DATASET, locator, f"DEL of {rid}, which was never added",
                                                  line[:2000]))
            else:
                result.malformed.append(Malformed(DATASET, locator, f"unknown delta op {op!r}", line[:2000]))
    return state


def _entry(rid: str, rec: _Record, places: dict[str, _Record]) -> ListEntry | Malformed:
    datasets = [d for d in rec.entity.get("datasets") or [] if isinstance(d, str)]
    source = next((LIST_OF_DATASET[d] for d in datasets if d in LIST_OF_DATASET), None)
    if source is None:
        reason = f"in no declared list (datasets: {datasets})"
        return Malformed(DATASET, rec.locator, reason, _raw(rec.entity))
    names_all = rec.values("name")
    caption = u.clean(rec.entity.get("caption") if isinstance(rec.entity.get("caption"), str) else "")
    name = caption or (names_all[0] if names_all else "")
    if not name:
        return Malformed(source, rec.locator, "empty name", _raw(rec.entity))
    kind, entity_kinds = _KINDS[rec.schema]
    names, countries = u.NameBag(name), u.Countries()
    names.extend(names_all)
    for prop in ("alias", "previousName", "weakAlias"):
        names.extend(rec.values(prop))
    for prop in ("country", "nationality", "jurisdiction", "citizenship", "mainCountry"):
        for c in rec.values(prop):
            countries.add(c, prop)
    addresses, cities = list(rec.values("address")), []
    for ref in rec.values("addressEntity"):
        addr = places.get(ref)
        if addr is not None:
            addresses += [a for a in addr.values("full") if a not in addresses]
            cities += [c for c in addr.values("city") if c not in cities]
            for c in addr.values("country"):
                countries.add(c)
    relations = [Relation("parent", target_id=p, note="FtM parent") for p in rec.values("parent")]
    relations += [Relation("child", target_id=s, note="FtM subsidiaries") for s in rec.values("subsidiaries")]
    created = [f"record created at source: {d}" for d in rec.values("createdAt")]
    topics = rec.values("topics")
    return ListEntry(
        source=source,
        record_id=rid,
        kind=kind,  # type: ignore[arg-type]
        name=name,
        appearances=(Appearance(EDITION, name, citations=tuple(rec.values("sourceUrl"))),),
        names=names.result(),
        countries=tuple(countries.codes),
        addresses=tuple(addresses),
        cities=tuple(cities),
        identifiers=tuple(f"{scheme}:{v}" for prop, scheme in _IDENTIFIERS.items() for v in rec.values(prop)),
        websites=tuple(rec.values("website")),
        birth_dates=tuple(rec.values("birthDate")),
        remarks=(*rec.values("position"), *rec.values("notes"), *created,
                 *([f"OpenSanctions topics: {', '.join(topics)}"] if topics else []), *countries.remarks),
        entity_kinds=entity_kinds,
        relations=tuple(relations),
    )


def _ownership(rec: _Record, entries: dict[str, ListEntry]) -> str | None:
    owners, assets = rec.values("owner"), rec.values("asset")
    if not owners or not assets:
        return "Ownership without an owner or an asset"
    missing = [a for a in assets if a not in entries]
    if missing:
        return f"Ownership of {missing}, which is not an entry read here"
    share = _share(rec.values("percentage"))
    for asset in assets:
        e = entries[asset]
        new = tuple(
            Relation("owned_by", target_id=o, share=share,
                     note=None if o in entries else "owner is not among the entities read here")
            for o in owners
        )
        entries[asset] = replace(e, relations=(*e.relations, *new))
    return None


def _share(values: list[str]) -> float | None:
    for v in values:
        try:
            return float(v.rstrip("%").replace(",", "."))
        except ValueError:
            continue
    return None


def _sanction(rec: _Record, entries: dict[str, ListEntry]) -> str | None:
    targets = rec.values("entity")
    missing = [t for t in targets if t not in entries]
    if not targets or missing:
        return f"Sanction of {missing or 'nothing'}, which is not an entry read here"
    try:
        given = rec.values("listingDate") + rec.values("startDate")
        starts = sorted(d for d in (u.iso_date(x) for x in given) if d)
        ends = sorted(d for d in (u.iso_date(x) for x in rec.values("endDate")) if d)
    except u.DateError as exc:
        return f"Sanction date: {exc}"
    remarks = [f"sanction authority: {a}" for a in rec.values("authority")]
    remarks += [f"sanction reason: {r}" for r in rec.values("reason") + rec.values("provisions")]
    for t in targets:
        e = entries[t]
        a = e.appearances[0]
        appearance = replace(
            a,
            listed_from=a.listed_from or (starts[0] if starts else None),
            listed_until=a.listed_until or (ends[-1] if ends else None),
            programmes=tuple(dict.fromkeys([*a.programmes, *rec.values("program"),
                                            *rec.values("programId")])),
            citations=tuple(dict.fromkeys(a.citations + tuple(rec.values("sourceUrl")))),
        )
        entries[t] = replace(e, appearances=(appearance,), remarks=(*e.remarks, *remarks),
                             identifiers=(*e.identifiers, *(f"unsc:{x}" for x in rec.values("unscId"))))
    return None
