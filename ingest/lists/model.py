"""The plain record model every list-of-concern reader produces.

A list reader (one module per source under ``ingest/lists/``) only parses: it turns the source's file(s)
into :class:`ListEntry` records (or :class:`Malformed` for a row it cannot read) and declares the list
and its editions in a :class:`ListMeta`. ``ingest/lists/mapping.py`` maps these records to RDF with the
ontology, so no reader touches rdflib and all lists share one mapping.

Dates are kept exactly as the source gives them (``"2024"``, ``"2024-05"``, ``"2024-05-31"``) or ``None``;
never invent a day or month. Countries are ISO 3166-1 alpha-2 (use :func:`rskg.countries.to_iso2`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LegalEffect = Literal["binding_restriction", "policy_exclusion", "advisory", "informational"]
EntryKind = Literal["organisation", "person", "other"]
RelationKind = Literal[
    "parent", "child", "owned_by", "owner_of", "supervised_by", "related", "successor", "predecessor"
]
NameType = Literal["alternative", "acronym", "label"]


END_USE_BASE = "https://w3id.org/rskg/taxonomy/end-use/"
END_USES = ("military", "wmd", "missiles", "surveillance", "offensive_cyber", "intelligence")


def end_use(key: str) -> str:
    """IRI of an end-use concept (ontology/taxonomies/end_uses.ttl)."""
    if key not in END_USES:
        raise ValueError(f"unknown end-use {key!r}")
    return END_USE_BASE + key


@dataclass(frozen=True)
class EditionMeta:
    """One edition of a list. ``date`` is when it came into force, as precise as the source allows."""

    key: str  # stable, short: "fy2025", "2024-04-18"
    title: str
    date: str | None
    date_basis: str  # how the date was derived, in words: "FY2025 list publication date (DoD press release)"
    superseded: str | None = None  # date the next edition replaced it; None for the current edition


@dataclass(frozen=True)
class ListMeta:
    """A list of concern: who publishes it, where it binds, what it means."""

    key: str  # stable, short: "us_dod_1286"
    title: str
    authority: str
    jurisdiction: str  # ISO2, "EU" or "UN"
    legal_effect: LegalEffect
    url: str
    licence: str
    editions: tuple[EditionMeta, ...]


@dataclass(frozen=True)
class Name:
    value: str
    type: NameType = "alternative"
    lang: str | None = None  # BCP-47 tag when the source says (or the script shows) which language


@dataclass(frozen=True)
class Relation:
    """A relation the list states. The target is another entry of the same source (``target_id``) or only a
    name (``target_name``): a named-only target becomes an entity of its own, resolved later."""

    kind: RelationKind
    target_id: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    share: float | None = None  # ownership share in percent, where given
    note: str | None = None


@dataclass(frozen=True)
class Appearance:
    """The entry's appearance in one edition: name as written there, dates as given, programme, citation."""

    edition: str  # EditionMeta.key
    name_as_listed: str
    listed_from: str | None = None
    listed_until: str | None = None
    programmes: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaHint:
    """A technology area or end-use the source attributes to the entry (ASPI categories and supervising
    agencies, military end-use lists). ``concept`` is a concept IRI; end-uses are
    ``https://w3id.org/rskg/taxonomy/end-use/<key>`` with key one of ``END_USES``."""

    concept: str
    confidence: float
    basis: str  # the source text that supports it


@dataclass(frozen=True)
class ListEntry:
    """One entry of a list: an organisation, a person, or something else (vessel, programme)."""

    source: str  # ListMeta.key of the list it comes from
    record_id: str  # the source's own id, or a stable slug of the primary name; unique within the source
    kind: EntryKind
    name: str
    appearances: tuple[Appearance, ...]
    names: tuple[Name, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()  # "scheme:value"
    websites: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    entity_kinds: tuple[str, ...] = ()  # for kind "other": "vessel", "aircraft", "programme"
    org_kinds: tuple[str, ...] = ()  # organisation-kind concept local names: "education", "military", ...
    relations: tuple[Relation, ...] = ()
    areas: tuple[AreaHint, ...] = ()
    topics: tuple[str, ...] = ()  # free-text research topics / laboratories the source gives (ASPI): the
    #                               areas classifier maps them to technology areas at link time


@dataclass(frozen=True)
class Malformed:
    """A row the reader could not turn into an entry; it is quarantined with the reason, never dropped."""

    source: str
    locator: str  # "line 17", "row 212", "entity QDi.123"
    reason: str
    raw: str


@dataclass
class ReadResult:
    entries: list[ListEntry] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.entries) + len(self.malformed)
