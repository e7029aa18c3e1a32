"""Draw a reproducible random sample of one set's wrong matches for reading by hand.

The evaluation counts a match wrong when it is not among the string's gold IDs. Whether that is the resolver's
error or the label's can only be told by reading the string: this draws the sample to read.

    python bench/resolve_eval.py --no-write --errors /tmp/errors.jsonl
    python bench/audit_sample.py /tmp/errors.jsonl --set crossref --size 60 --seed 2026

prints a Markdown table (string, gold, our match) with an empty column for the reader's verdict.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any


def wrong_matches(errors: Path, set_prefix: str) -> list[dict[str, Any]]:
    """The error lines of one set where the resolver matched an organisation the gold does not hold."""
    rows = []
    with errors.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["set"].split("/")[0].startswith(set_prefix) and row["gold_loaded"] and row["decision"] == "match":
                rows.append(row)
    return rows


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("errors", type=Path, help="the --errors file of bench/resolve_eval.py")
    parser.add_argument("--set", default="crossref", help="the start of the set's name (default: crossref)")
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rows = wrong_matches(args.errors, args.set)
    sample = random.Random(args.seed).sample(rows, min(args.size, len(rows)))
    out = sys.stdout
    out.write(f"{len(rows)} wrong matches in sets starting {args.set!r}; {len(sample)} drawn, seed {args.seed}\n\n")
    out.write("| # | string | gold | our match | verdict |\n|---|---|---|---|---|\n")
    for i, row in enumerate(sample):
        gold = "; ".join(row["gold_names"]) or "; ".join(row["gold"])
        ours = "; ".join(m[1] for m in row["matches"])
        out.write(f"| {i} | {_cell(row['text'][:200])} | {_cell(gold)} | {_cell(ours)} |  |\n")


if __name__ == "__main__":
    main()
