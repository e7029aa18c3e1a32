"""US BIS Entity List entries for PRC universities and research institutes (raw Federal Register text).

Each record's ``raw`` is re-parsed (the scraper's ``name`` split sometimes fails): the name, the aliases
("a.k.a., the following N aliases: —A; —B; and —C."), the addresses ("…; and …") and the subordinate
institutions ("Subordinate institution X, a.k.a. …"), which become ``child`` relations. An entry whose name
starts with another entry's name ("Academy of Military Medical Sciences, Institute of …") gets a ``parent``
relation to it; CAS institutes and the CASC/CASIC/CSSC academies get a named-only parent.
``data-cn.json`` (optional) adds the scraper author's Chinese names as unverified ``zh`` names.
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
    EditionMeta,
    ListEntry,
    ListMeta,
    Malformed,
    Name,
    NameType,
    ReadResult,
    Relation,
)
from ingest.lists.sources import _us_util as u
from rskg.errors import SourceError

DATASET = "us_bis_entity_list_china_universities"
KEY = "us_bis_entity_list"
EDITION = "2026-03-30"

LISTS: tuple[ListMeta, ...] = (
    ListMeta(
        key=KEY,
        title="BIS Entity List (Supplement No. 4 to Part 744 EAR): PRC universities and research institutes",
        authority="US Department of Commerce, Bureau of Industry and Security",
        jurisdiction="US",
        # binding_restriction: listing imposes a licence requirement for all items subject to the EAR on
        # exports, re-exports and transfers to the entity (15 CFR 744.11, Supp. 4 to Part 744), binding on
        # everyone.
        legal_effect="binding_restriction",
        url="https://www.bis.gov/regulations/ear/744#supplement-4-744",
        licence="US government work (public domain); scraped by kaixinol/china-university-entity-list "
        "(AGPL-3.0 code); data-cn.json Chinese names written by the scraper's author (unverified)",
        editions=(
            EditionMeta(
                EDITION,
                "Entity List, China university/institute entries as scraped 2026-03-30",
                EDITION,
                "file data date: the scrape's generatedAt (2026-03-30T14:41:14Z); the Entity List is amended "
                "continuously and the scrape omits each entry's Federal Register citation and date",
            ),
        ),
    ),
)
DEFAULT_FILES: tuple[str, ...] = (
    "us_bis_entity_list_china_universities/data.json",
    "us_bis_entity_list_china_universities/data-cn.json",
)

_AKA = re.compile(
    r",?\s*(?:a\.k\.a\.?,?\s*(?:the following)?|and the following)\s*(?P<n>[\w-]+)\s+alias(?:es)?"
    r"(?:,?\s*and\s+(?P<s>[\w-]+)\s+subordinate institutions?)?\s*:\s*"
)
_SUBORDINATE = re.compile(r"\s*Subordinate institution\s+")
_ITEM = re.compile(r";?\s*(?:and\s+)?\u2014")
_NESTED_AKA = re.compile(r"\s*\(a\.k\.a\.,?\s*(?P<aka>.+)\)$")
_NOTE = re.compile(r";?\s*(?P<note>\([^()]*preceding[^()]*\))\s*$")
_SEE_ALSO = re.compile(r"\s*\((?P<see>See [^)]*)\)\.?")
_CAS = re.compile(
    r"^Chin(?:a|ese) Academy of Sciences?(?:['\u2019]?\s+|,\s*|\s*[\u2014\u2013-]\s*)\S"
    r"|, Chinese Academy of Sciences$"
)
_GROUPS = (
    (
        "China Aerospace Science and Technology Corporation",
        "China Aerospace Science and Technology Corporation",
    ),
    ("China Aerospace Science and Industry Corporation", "China Aerospace Science and Industry Corporation"),
    ("China State Shipbuilding Corporation", "China State Shipbuilding Corporation, Limited"),
    ("China Academy of Launch Vehicle Technology ", "China Academy of Launch Vehicle Technology"),
    ("China Academy of Space Technology ", "China Academy of Space Technology"),
)


@dataclass
class _Parsed:
    name: str
    aliases: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    children: list[Relation] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


def read(paths: Sequence[Path]) -> ReadResult:
    main = u.pick(paths, "data.json")
    records = _load(main)
    zh = _load_zh(next((p for p in paths if p.name == "data-cn.json"), None))
    entries: list[ListEntry] = []
    malformed: list[Malformed] = []
    for i, rec in enumerate(records):
        locator = f"{main.name} entries[{i}]"
        if not isinstance(rec, dict) or not isinstance(rec.get("raw"), str) or not rec["raw"].strip():
            malformed.append(
                Malformed(KEY, locator, "record has no 'raw' entry text", json.dumps(rec)[:2000])
            )
            continue
        parsed = parse_raw(rec["raw"], str(rec.get("name") or ""))
        if parsed is None:
            malformed.append(
                Malformed(KEY, locator, "cannot find the entity name in the entry text", rec["raw"])
            )
            continue
        entries.append(_entry(parsed, rec, zh))
    matched = {str(r.get("name")) for r in records if isinstance(r, dict)}
    for i, (name, _) in enumerate(zh.items()):
        if name not in matched:
            malformed.append(
                Malformed(KEY, f"data-cn.json [{i}]", "Chinese name for an entry not in data.json", name)
            )
    return ReadResult(entries=_with_parents(entries), malformed=malformed)


def _load(path: Path) -> list[Any]:
    data = _json(path)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise SourceError(f"{path.name}: not the expected format: no 'entries' list", path=str(path))
    return list(data["entries"])


def _load_zh(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    data = _json(path)
    if not isinstance(data, list):
        raise SourceError(
            f"{path.name}: not the expected format: expected a list of {{name, zh}}", path=str(path)
        )
    return {
        str(r["name"]): str(r["zh"]) for r in data if isinstance(r, dict) and r.get("name") and r.get("zh")
    }


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot open ({exc.strerror})", path=str(path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path.name}: not valid UTF-8 JSON ({exc})", path=str(path)) from exc


def parse_raw(raw: str, scraped_name: str = "") -> _Parsed | None:
    """Parse one Entity List entry text; None when no name can be found."""
    text = u.clean(raw)
    see = _SEE_ALSO.search(text)
    remarks = [see.group("see")] if see else []
    text = _SEE_ALSO.sub("", text)
    m = _AKA.search(text)
    if m is None:
        name = u.clean(scraped_name)
        if not name or not text.startswith(name) or "alias" in name:
            return None
        return _Parsed(name, addresses=_addresses(text[len(name) :]), remarks=remarks)
    parsed = _Parsed(u.clean(text[: m.start()]).rstrip(","), remarks=remarks)
    body, *subordinates = _SUBORDINATE.split(text[m.end() :])
    address = _aliases(body, parsed)
    parsed.addresses = _addresses(address)
    _count(parsed, "aliases", m.group("n"), len(parsed.aliases))
    for sub in subordinates:
        parsed.children.append(_subordinate(sub))
    if m.group("s"):
        _count(parsed, "subordinate institutions", m.group("s"), len(subordinates))
    return parsed if parsed.name else None


def _aliases(body: str, parsed: _Parsed) -> str:
    """Fill ``parsed.aliases`` from "—A; —B; and —C. <address>"; returns the address text."""
    items = [i for i in _ITEM.split(body) if i.strip()]
    if not items:
        return ""
    *firsts, last = items
    alias, address = u.split_tail(last)
    for item in [*firsts, alias]:
        note = _NOTE.search(item)
        if note:
            parsed.remarks.append(note.group("note").strip("()"))
            item = item[: note.start()]
        nested = _NESTED_AKA.search(item)
        if nested:
            parsed.aliases.append(u.clean(nested.group("aka")))
            item = item[: nested.start()]
        item = u.clean(item).rstrip(";,")
        if item:
            parsed.aliases.append(item)
    return address


def _addresses(text: str) -> list[str]:
    parts = re.split(r";\s*and\s*;?\s*", u.clean(text).strip(" ,.;"))
    return [p.strip(" ,.;") for p in parts if p.strip(" ,.;")]


def _count(parsed: _Parsed, what: str, word: str, found: int) -> None:
    stated = u.word_number(word)
    if stated != found:
        parsed.remarks.append(f"the entry announces {word} {what}; {found} parsed from the text")


def _subordinate(text: str) -> Relation:
    m = _AKA.search(text)
    name = u.clean(text[: m.start()] if m else text).rstrip(".,")
    aliases = [a for a in (u.clean(x).rstrip(".;") for x in _ITEM.split(text[m.end() :])) if a] if m else []
    note = "subordinate institution" + (f"; aliases: {'; '.join(aliases)}" if aliases else "")
    return Relation("child", target_name=name, target_country="CN", note=note)


def _entry(p: _Parsed, rec: dict[str, Any], zh: dict[str, str]) -> ListEntry:
    name, acronym = u.split_trailing_acronym(p.name)
    values: list[tuple[str, NameType | None]] = [(acronym, "acronym")] if acronym else []
    values += [(a, None) for a in p.aliases]
    remarks = list(p.remarks)
    chinese = zh.get(str(rec.get("name")))
    names = u.make_names(name, values)
    if chinese:
        names += (Name(chinese, "alternative", "zh"),)
        remarks.append("Chinese name from the scraper author's data-cn.json (unofficial, unverified)")
    return ListEntry(
        source=KEY,
        record_id=u.slug(name),
        kind="organisation",
        name=name,
        appearances=(_appearance(p.name),),
        names=names,
        # The scraped entries all sit under the Entity List's "China" country heading (SOURCE.md).
        countries=("CN",),
        addresses=tuple(p.addresses),
        remarks=tuple(remarks),
        relations=tuple(p.children),
    )


def _appearance(name: str) -> Appearance:
    return Appearance(edition=EDITION, name_as_listed=name, programmes=("EAR Supplement No. 4 to Part 744",))


def _with_parents(entries: list[ListEntry]) -> list[ListEntry]:
    """Parent relations read from the names: another entry's name as a prefix, else CAS or a defence group."""
    by_name = sorted(((e.name, e.record_id) for e in entries), key=lambda x: -len(x[0]))
    out = []
    for e in entries:
        rel: Relation | None = None
        for name, record_id in by_name:
            if record_id != e.record_id and re.match(re.escape(name) + r"(?:,|'s|\u2019s)?\s", e.name):
                rel = Relation(
                    "parent", target_id=record_id, note="the entry's name starts with the parent's name"
                )
                break
        if rel is None and _CAS.search(e.name):
            rel = Relation(
                "parent",
                target_name="Chinese Academy of Sciences",
                target_country="CN",
                note="CAS institute named after the Chinese Academy of Sciences in the entry",
            )
        if rel is None:
            group = next((t for prefix, t in _GROUPS if e.name.startswith(prefix) and e.name != t), None)
            if group:
                rel = Relation(
                    "parent",
                    target_name=group,
                    target_country="CN",
                    note="unit named after its group in the entry",
                )
        out.append(replace(e, relations=(*e.relations, rel)) if rel else e)
    return out
