"""Regenerate ``ror_sample_v2.jsonl.gz`` and ``ror_sample_v1.jsonl.gz``: real extracts of the ROR records in
../shared/data/ror (CC0), one per ROR schema, each holding every organisation located in China (the PRC defence
universities and their laboratories among them), the organisations that screening examples name elsewhere
(University of Amsterdam, Shanghai Jiao Tong University, every organisation with the acronym HIT), the registry
neighbours of all of these, and a seeded random sample of the rest of the world: about 4,400 records in all (< 1
MB gzipped together).

    python samples/ror/make_sample.py ../shared/data/ror
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

NAMED = {
    "University of Amsterdam",
    "Shanghai Jiao Tong University",
    "Nanjing University",
    "Nanjing Drum Tower Hospital",
    "Massachusetts Institute of Technology",
    "University of Oxford",
}


def _country(record: dict[str, Any]) -> set[str]:
    if "locations" in record:
        return {loc["geonames_details"].get("country_code") for loc in record.get("locations") or []}
    return {(record.get("country") or {}).get("country_code")}


def _names(record: dict[str, Any]) -> tuple[set[str], set[str]]:
    if "names" in record:
        names = {n["value"] for n in record.get("names") or []}
        return names, {n["value"] for n in record.get("names") or [] if "acronym" in n.get("types", [])}
    return {record.get("name")} | set(record.get("aliases") or []), set(record.get("acronyms") or [])


def main(source: Path, out: Path, target: int) -> None:
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    by_id = {r["id"]: r for r in records}
    chosen: dict[str, dict[str, object]] = {}
    for record in records:
        names, acronyms = _names(record)
        if "CN" in _country(record) or names & NAMED or "HIT" in acronyms:
            chosen[record["id"]] = record
    for record in list(chosen.values()):
        for relation in record.get("relationships") or []:  # type: ignore[union-attr]
            if relation["id"] in by_id:
                chosen.setdefault(relation["id"], by_id[relation["id"]])
    rest = sorted(set(by_id) - set(chosen))
    random.Random(20261121).shuffle(rest)
    for ror_id in rest[: max(0, target - len(chosen))]:
        chosen[ror_id] = by_id[ror_id]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        for ror_id in sorted(chosen):
            handle.write(json.dumps(chosen[ror_id], ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(chosen)} records → {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    shared = Path(sys.argv[1])
    main(shared / "ror_records_latest_v2.jsonl.gz", Path(__file__).with_name("ror_sample_v2.jsonl.gz"), 3200)
    main(
        shared / "ror_records_latest_v1schema.jsonl.gz",
        Path(__file__).with_name("ror_sample_v1.jsonl.gz"),
        1200,
    )
