"""Every list reader as an ingest :class:`~ingest.source.Source`: readers are discovered in
``ingest/lists/sources`` (modules whose names do not start with "_"), one source per reader module.

The source's ``parse`` runs the reader over the whole file(s) (readers are not streaming), resolves the
relation targets that are entries of the same source, and yields one :class:`Raw` per entry and one
:class:`Bad` per malformed row; its ``static_rdf`` declares the lists and editions.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType

from rdflib import Graph

import ingest.lists.sources as sources_pkg
from ingest.lists.mapping import EntryData, Target, entry_iri, latest_release, lists_graph, map_entry
from ingest.lists.model import ListEntry, ListMeta, ReadResult
from ingest.source import Bad, DatasetMeta, Raw, Source
from rskg.errors import InputError


def reader_names() -> list[str]:
    """Module names of the list readers, sorted."""
    return sorted(m.name for m in pkgutil.iter_modules(sources_pkg.__path__) if not m.name.startswith("_"))


def reader(name: str) -> ModuleType:
    return importlib.import_module(f"{sources_pkg.__name__}.{name}")


def _lists(module: ModuleType) -> tuple[ListMeta, ...]:
    lists: tuple[ListMeta, ...] = module.LISTS
    return lists


def dataset_meta(module: ModuleType) -> DatasetMeta:
    """The dataset of a reader: its key, and publisher / licence / URL from its lists (joined when the
    lists differ)."""
    lists = _lists(module)

    def joined(values: Sequence[str]) -> str:
        return "; ".join(dict.fromkeys(values))

    authorities = joined([m.authority for m in lists])
    title = lists[0].title if len(lists) == 1 else f"{authorities}: {len(lists)} lists"
    return DatasetMeta(key=str(module.DATASET), title=title, publisher=joined([m.authority for m in lists]),
                       url=lists[0].url, licence=joined([m.licence for m in lists]))


def _scoped(entries: Sequence[ListEntry]) -> bool:
    """True when record ids repeat across the source's lists (then each id is qualified by its list)."""
    counts = Counter(e.record_id for e in entries)
    return any(n > 1 for n in counts.values())


def _raw_bad(text: str) -> str:
    return text[:2000]


def parse(module_name: str, paths: Sequence[Path]) -> Iterator[Raw | Bad]:
    """Run the reader named ``module_name`` over ``paths``; entries → Raw, malformed rows → Bad."""
    module = reader(module_name)
    result: ReadResult = module.read(list(paths))
    dataset = dataset_meta(module)
    lists = {meta.key: meta for meta in _lists(module)}
    scoped = _scoped(result.entries)
    iris = {id(e): entry_iri(dataset.key, e, scoped) for e in result.entries}
    by_source: dict[tuple[str, str], ListEntry] = {(e.source, e.record_id): e for e in result.entries}
    by_id: dict[str, list[ListEntry]] = {}
    for e in result.entries:
        by_id.setdefault(e.record_id, []).append(e)
    for malformed in result.malformed:
        reason = malformed.reason if malformed.source in lists else (
            f"{malformed.reason} (list {malformed.source!r} is not declared by the reader)")
        yield Bad(f"{malformed.source} {malformed.locator}", reason, _raw_bad(malformed.raw))
    for entry in result.entries:
        meta = lists.get(entry.source)
        record_id = f"{entry.source}/{entry.record_id}" if scoped else entry.record_id
        locator = f"{entry.source} {entry.record_id}"
        if meta is None:
            yield Bad(locator, f"the entry's list {entry.source!r} is not declared by the reader",
                      _raw_bad(repr(entry)))
            continue
        editions = {e.key for e in meta.editions}
        unknown = sorted({a.edition for a in entry.appearances} - editions)
        if unknown:
            yield Bad(locator, f"edition(s) {', '.join(unknown)} not declared for list {entry.source}",
                      _raw_bad(repr(entry)))
            continue
        targets: dict[str, Target] = {}
        for rel in entry.relations:
            if not rel.target_id:
                continue
            same = by_source.get((entry.source, rel.target_id))
            others = by_id.get(rel.target_id, [])
            found = same if same is not None else (others[0] if len(others) == 1 else None)
            if found is not None:
                targets[rel.target_id] = Target(iris[id(found)], found.kind, found.name)
        data = EntryData(entry, dataset, iris[id(entry)], targets)
        yield Raw(record_id, locator, data, latest_release(meta))


def static_rdf(module_name: str) -> Graph:
    return lists_graph(_lists(reader(module_name)))


@lru_cache(maxsize=1)
def list_sources() -> dict[str, Source]:
    """One source per reader, keyed by dataset key."""
    out: dict[str, Source] = {}
    for name in reader_names():
        module = reader(name)
        dataset = dataset_meta(module)
        out[dataset.key] = Source(dataset=dataset, parse=partial(parse, name), mapper=map_entry,
                                  default_paths=tuple(module.DEFAULT_FILES),
                                  static_rdf=partial(static_rdf, name))
    return out


def list_keys(dataset: str) -> list[str]:
    """The list keys a dataset's reader declares."""
    for name in reader_names():
        module = reader(name)
        if str(module.DATASET) == dataset:
            return [m.key for m in _lists(module)]
    return []


def select(names: Sequence[str]) -> list[Source]:
    """Sources by dataset key or list key (all when ``names`` is empty), in a stable order."""
    sources = list_sources()
    if not names:
        return list(sources.values())
    chosen: dict[str, Source] = {}
    for name in names:
        if name in sources:
            chosen[name] = sources[name]
            continue
        owners = [key for key in sources if name in list_keys(key)]
        if not owners:
            raise InputError(f"no list source or list key {name!r} (see `rskg ingest lists --list`)")
        for key in owners:
            chosen[key] = sources[key]
    return list(chosen.values())
