"""How resolve time grows with the length of odd input: one long word, a word with an "@", runs of CJK, repeated
words, mixed case run together, acronyms in one long piece. Each kind is timed at 10k and 100k characters
(median of 3); a ratio near 10 means time grows with the length, a ratio near 100 means it grows with its square
(what an e-mail pattern matched from every letter of a long word did, a set of "other mentions" built per
mention, a long piece split again for each acronym in it, and checked again for each CJK mention in it).

    .venv/bin/python bench/resolve_hostile.py [--index DIR]

Without ``--index`` the index is built from the ROR files (v2 + v1). The API caps a query at 500 characters;
batch files and list entries are not capped, so a line of any length must resolve in time that grows with it.
Writes bench/results/resolve_hostile.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.resolve_eval import ROR_FILES  # noqa: E402 - the same registry files as the evaluation
from queries.resolver import ResolverIndex, records_from_ror_files  # noqa: E402


def _letters(i: int) -> str:
    """A number written in letters ("a", "b", … "ba"): distinct words that digits-stripping leaves distinct."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = chr(97 + r) + out
        if not i:
            return out


def _distinct_inflected(n: int) -> str:
    """Pieces of distinct words that are other forms of registered ones: each piece searched fuzzily."""
    text, i = [], 0
    while sum(map(len, text)) < n:
        text.append(f"Univerzitet{_letters(i)} u Sarajev{_letters(i)} Belarus{_letters(i)}, ")
        i += 1
    return "".join(text)[:n]


KINDS: dict[str, Callable[[int], str]] = {
    "one long word": lambda n: "x" * n,
    "a word with an @": lambda n: "x" * (n // 2) + "@" + "y" * (n // 2),
    "CJK name repeated": lambda n: "哈尔滨工业大学" * (n // 7),
    "'University of ' repeated": lambda n: "University of " * (n // 14),
    "capitals run together": lambda n: "Aa" * (n // 2),
    "affiliation repeated": lambda n: "Department of Physics, Harbin Institute of Technology, " * (n // 55),
    "acronyms in one piece": lambda n: "nih Nih NIH CMA " * (n // 16),
    "a generic name and 'of' repeated": lambda n: "Institute of Physics of " * (n // 24),
    "names joined by 'and', repeated": lambda n: "Science and Technology and Energy Research, " * (n // 44),
    "distinct inflected words, one piece each": _distinct_inflected,
}
SIZES = (10_000, 100_000)


def _median_ms(index: ResolverIndex, text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        index.resolve(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="a saved index directory (default: built from ROR files)")
    args = parser.parse_args()
    if args.index:
        index = ResolverIndex.load(args.index)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            ResolverIndex.build(records_from_ror_files(ROR_FILES)).save(tmp)
            index = ResolverIndex.load(tmp)
    lines = [
        "| input | ms at 10k chars | ms at 100k chars | ratio |",
        "|---|---|---|---|",
    ]
    for name, make in KINDS.items():
        small, large = (_median_ms(index, make(size)) for size in SIZES)
        lines.append(f"| {name} | {small:.1f} | {large:.1f} | {large / max(small, 0.01):.1f} |")
    table = "\n".join(lines)
    print(table)
    out = REPO / "bench" / "results" / "resolve_hostile.md"
    out.write_text("# Resolve time on long odd input\n\n" + table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
