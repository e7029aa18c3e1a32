"""Fixtures for the people tests: a resolver index over the committed ROR sample, an empty embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug import LadybugStore
from queries.resolver import ResolverIndex, records_from_ror_files

REPO = Path(__file__).resolve().parents[2]
TEAM_SAMPLES = REPO / "samples" / "team"


@pytest.fixture(scope="session")
def ror_index() -> ResolverIndex:
    ror = REPO / "samples" / "ror"
    return ResolverIndex.build(records_from_ror_files([ror / "ror_sample_v2.jsonl.gz",
                                                      ror / "ror_sample_v1.jsonl.gz"]))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    opened = LadybugStore(tmp_path / "graph.lbdb")
    try:
        opened.ensure_schema()
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def example_team() -> Path:
    return TEAM_SAMPLES / "example_team.csv"


@pytest.fixture(scope="session")
def example_team_ended() -> Path:
    return TEAM_SAMPLES / "example_team_ended.csv"
