"""Helpers for the list integration tests: fixture files, the built store, Cypher rows, the seven PRC defence
universities."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph import GraphStore
from ingest.lists.registry import list_sources
from ingest.pipeline import RunReport
from ingest.run import ingest
from rskg.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lists"
ROR_SAMPLES = [REPO / "samples" / "ror" / "ror_sample_v2.jsonl.gz", REPO / "samples" / "ror" / "ror_sample_v1.jsonl.gz"]
MINE = ["resolver", "link"]


def fixture_files(dataset: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / dataset).iterdir() if p.name != "LICENSE.md")


def rows(store: GraphStore, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    columns, data, _ = store.read_cypher(text, params or {}, timeout_s=120, row_cap=1_000_000)
    return [dict(zip(columns, row, strict=True)) for row in data]


@dataclass
class Built:
    store: GraphStore
    settings: Settings
    reports: dict[str, RunReport]

    def ingest_lists(self) -> dict[str, RunReport]:
        return {key: ingest(source, self.store, self.settings, fixture_files(key), progress=False)
                for key, source in list_sources().items()}

# ROR ids of the seven PRC defence universities ("Seven Sons of National Defence"), and the names lists use.
SEVEN = {
    "https://ror.org/00wk2mp56": ("Beihang University", "Beijing University of Aeronautics and Astronautics"),
    "https://ror.org/01skt4w74": ("Beijing Institute of Technology",),
    "https://ror.org/01yqg2h08": ("Harbin Institute of Technology",),
    "https://ror.org/03x80pn82": ("Harbin Engineering University",),
    "https://ror.org/01y0j0j86": ("Northwestern Polytechnical University",),
    "https://ror.org/01scyh794": ("Nanjing University of Aeronautics and Astronautics",),
    "https://ror.org/00xp9wg62": ("Nanjing University of Science and Technology",),
}
NAMING_LISTS = ("us_bis_entity_list_china_universities", "us_dod_section1286", "ca_named_research_organizations",
                "aspi_china_defence_universities")
