"""Baselines for the fault tests, built once per session by uninterrupted `rskg` runs in subprocesses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from faults_support import LISTS_ARGS, ROR_ARGS, GraphState, copy_graph, graph_state, rskg


@dataclass(frozen=True)
class Baseline:
    data_dir: Path
    state: GraphState


@pytest.fixture(scope="session")
def ror_baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """`rskg ingest ror <v2 sample> <v1 sample>` run to completion once, into an empty data directory."""
    data_dir = tmp_path_factory.mktemp("ror-baseline")
    done = rskg(ROR_ARGS, data_dir)
    assert done.returncode == 0, done.stderr
    return Baseline(data_dir, graph_state(data_dir))


@pytest.fixture(scope="session")
def lists_baseline(tmp_path_factory: pytest.TempPathFactory, ror_baseline: Baseline) -> Baseline:
    """The ROR baseline plus two list samples and all derivations, run to completion once."""
    data_dir = copy_graph(ror_baseline.data_dir, tmp_path_factory.mktemp("lists-baseline"))
    done = rskg(LISTS_ARGS, data_dir)
    assert done.returncode == 0, done.stderr
    return Baseline(data_dir, graph_state(data_dir))
