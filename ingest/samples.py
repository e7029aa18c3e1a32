"""The bundled real samples (samples/): a ROR extract and small extracts of every list of concern, loaded the
way a production ingest loads the full files. Used by ``rskg demo``, the tests and the benchmarks' smoke runs."""

from __future__ import annotations

from graph import GraphStore
from ingest.lists.registry import list_sources
from ingest.pipeline import RunReport
from ingest.run import derive, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.settings import REPO_ROOT, Settings

SAMPLES = REPO_ROOT / "samples"
ROR_SAMPLES = (SAMPLES / "ror" / "ror_sample_v2.jsonl.gz", SAMPLES / "ror" / "ror_sample_v1.jsonl.gz")
LIST_SAMPLES = SAMPLES / "lists"


def sample_settings(base: Settings, **changes: object) -> Settings:
    """Settings that read the list samples as the shared data folder."""
    return Settings(**{**base.model_dump(), "shared_data": LIST_SAMPLES, **changes})


def load_samples(store: GraphStore, settings: Settings, *, progress: bool = False) -> list[RunReport]:
    """Ingest the ROR sample and every list sample into ``store``, then run the derivations once."""
    reports = [ingest(ROR, store, settings, list(ROR_SAMPLES), progress=progress)]
    lists = sample_settings(settings)
    reports += [ingest(source, store, lists, progress=progress) for source in list_sources().values()]
    derive(store, settings)
    return reports
