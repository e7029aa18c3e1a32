"""Fixtures for the resolver tests: an index over the committed ROR sample, and one over the full registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from queries.resolver import ResolverIndex, build_index_from_ror, records_from_ror_files


@pytest.fixture(scope="session")
def sample_files(fixtures_dir: Path) -> list[Path]:
    folder = fixtures_dir / "resolver"
    return [folder / "ror_sample_v2.jsonl.gz", folder / "ror_sample_v1.jsonl.gz"]


@pytest.fixture(scope="session")
def sample_index(sample_files: list[Path]) -> ResolverIndex:
    return ResolverIndex.build(records_from_ror_files(sample_files))


@pytest.fixture(scope="session")
def full_index(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> ResolverIndex:
    """The whole registry (v2 + v1 files), built, saved and loaded back as the CLI does."""
    out = tmp_path_factory.mktemp("resolver-full")
    ror = shared_data / "ror"
    build_index_from_ror(
        [ror / "ror_records_latest_v2.jsonl.gz", ror / "ror_records_latest_v1schema.jsonl.gz"], out
    )
    return ResolverIndex.load(out)
