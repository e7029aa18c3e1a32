"""EU Council Regulation (EU) No 833/2014 (Russia): the entities, vessels and assets its annexes name.

One CSV (OpenSanctions' parse of the consolidated text 02014R0833-20260717), one row per annex entry. Each
annex is a list of its own (``eu_833_annex_iv`` …): Annex IV, the natural or legal persons, entities or bodies
supporting Russia's military and industrial complex, is the one research-security screening needs most.
``startDate`` comes as "21.5.2025" or "9 August 2025" and is kept as an ISO date (empty -> no listing date).
Aliases are "; "-separated (commas belong to names such as "Technodinamika, JSC"); the country of an address
is its last comma-separated part. LegalEntity -> organisation, Vessel -> other/vessel, Asset -> other/asset.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import Appearance, EditionMeta, ListEntry, ListMeta, Malformed, ReadResult
from ingest.lists.sources import _intl_util as u
from rskg.errors import SourceError

DATASET = "eu_reg_833_2014_annexes"
EDITION = "2026-07-17"
_URL = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02014R0833-20260717"
# Annex -> what it names, from the measure the regulation attaches to it (column ``measure``)
_FIN, _TRANSPORT, _INVEST = "Financial restrictions", "Transportation restrictions", "Investment ban"
ANNEXES: dict[str, str] = {
    "III": _FIN, "IV": "Export control", "V": _FIN, "VI": _FIN, "XII": _FIN, "XIII": _FIN, "XIV": _FIN,
    "XV": "Services ban", "XIX.A": _FIN, "XIX.B": _FIN, "XIX.C": _FIN, "XLII": _TRANSPORT, "XLIV": _FIN,
    "XLV.A": _FIN, "XLV.B": _FIN, "XLV.C": _FIN, "XLV.D": _FIN, "XLVII.A": _TRANSPORT, "XLVII.B": _TRANSPORT,
    "XLVII.C": _TRANSPORT, "XLIX": _FIN, "LII.A": _INVEST, "LII.B": _INVEST, "LIII": _FIN,
}
_IV_TITLE = ("Regulation (EU) No 833/2014, Annex IV: natural or legal persons, entities or bodies supporting "
             "Russia's military and industrial complex")


def list_key(annex: str) -> str:
    """``"XLVII.A"`` -> ``"eu_833_annex_xlvii_a"``."""
    return "eu_833_annex_" + annex.lower().replace(".", "_")


def _meta(annex: str, measure: str) -> ListMeta:
    title = _IV_TITLE if annex == "IV" else f"Regulation (EU) No 833/2014, Annex {annex} ({measure.lower()})"
    return ListMeta(
        key=list_key(annex),
        title=title,
        authority="Council of the European Union",
        jurisdiction="EU",
        # binding_restriction: a Council regulation binds in every member state; Annex IV restricts the export
        # of dual-use and advanced technology to the listed end users, the other annexes impose financial,
        # services, transport or investment prohibitions.
        legal_effect="binding_restriction",
        url=_URL,
        licence="EU legal text reusable under Commission Decision 2011/833/EU; the parsed CSV is "
        "CC BY-NC 4.0 (OpenSanctions)",
        editions=(EditionMeta(EDITION, "Consolidated text 02014R0833-20260717", EDITION,
                              "date of the consolidated version of the regulation that was parsed "
                              "(CELEX 02014R0833-20260717)"),),
    )


LISTS: tuple[ListMeta, ...] = tuple(_meta(a, m) for a, m in ANNEXES.items())
DEFAULT_FILES: tuple[str, ...] = (f"{DATASET}/32014R0833.csv",)
_REQUIRED = ("recordId", "annex", "measure", "startDate", "reason", "schema", "name", "alias", "previousName",
             "country", "registrationNumber", "imoNumber", "address", "website")
_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "LegalEntity": ("organisation", ()), "Vessel": ("other", ("vessel",)), "Asset": ("other", ("asset",))}
_REGISTRATION = re.compile(r"^(?P<value>[^()]+?)\s*\((?P<kind>[^()]+)\)$")
_SCHEMES = {"tax id/inn": "inn", "inn": "inn", "ogrn": "ogrn", "kpp": "kpp", "tax id": "tax"}


def read(paths: Sequence[Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        reader = csv.reader(io.StringIO(u.read_text(path), newline=""))
        header = next(reader, [])
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            message = f"{path.name}: not the EU 833 annex CSV: missing column(s) {', '.join(missing)}"
            raise SourceError(message, path=str(path))
        taken: dict[str, set[str]] = {}
        start = 2
        for record in reader:
            locator, raw = f"{path.name} line {start}", ",".join(record)
            start = reader.line_num + 1
            if len(record) != len(header):
                reason = f"wrong number of fields: {len(record)}, header has {len(header)}"
                result.malformed.append(Malformed(DATASET, locator, reason, raw))
                continue
            made = _entry(dict(zip(header, record, strict=True)), locator, raw, taken)
            if isinstance(made, Malformed):
                result.malformed.append(made)
            else:
                result.entries.append(made)
    return result


def _entry(row: dict[str, str], locator: str, raw: str, taken: dict[str, set[str]]) -> ListEntry | Malformed:
    annex = u.clean(row["annex"])
    if annex not in ANNEXES:
        return Malformed(DATASET, locator, f"annex {annex!r} is not one this reader declares", raw)
    key = list_key(annex)
    name = u.clean(row["name"])
    if not name:
        return Malformed(key, locator, "empty name", raw)
    if row["schema"] not in _KINDS:
        return Malformed(key, locator, f"unknown schema {row['schema']!r}", raw)
    try:
        listed = u.iso_date(row["startDate"])
    except u.DateError as exc:
        return Malformed(key, locator, f"startDate: {exc}", raw)
    kind, entity_kinds = _KINDS[row["schema"]]
    names, countries = u.NameBag(name), u.Countries()
    names.extend(u.split_list(row["alias"]))
    names.extend(u.split_list(row["previousName"]), "alternative")
    addresses = u.split_list(row["address"])
    countries.add(row["country"])
    for address in addresses:
        countries.add_from_address(address)
    record_id = u.unique_id(u.clean(row["recordId"]) or u.slug(name), taken.setdefault(key, set()))
    return ListEntry(
        source=key,
        record_id=record_id,
        kind=kind,  # type: ignore[arg-type]
        name=name,
        appearances=(Appearance(EDITION, name, listed_from=listed, programmes=("EU-RUS", row["measure"]),
                                citations=(f"Regulation (EU) No 833/2014, Annex {annex}",)),),
        names=names.result(),
        countries=tuple(countries.codes),
        addresses=tuple(addresses),
        identifiers=(*_registrations(row["registrationNumber"]),
                     *(f"imo:{i}" for i in u.split_list(row["imoNumber"]))),
        websites=tuple(u.split_list(row["website"])),
        remarks=tuple(x for x in (u.clean(row["reason"]), *countries.remarks) if x),
        entity_kinds=entity_kinds,
    )


def _registrations(text: str) -> list[str]:
    """ "7804552300 (Tax ID/INN)" -> "inn:7804552300"; an unqualified or unknown kind -> "registration:…"."""
    out: list[str] = []
    for part in u.split_list(text):
        m = _REGISTRATION.match(part)
        scheme = _SCHEMES.get(m.group("kind").strip().lower(), "registration") if m else "registration"
        out.append(f"{scheme}:{m.group('value').strip() if m else part}")
    return out
