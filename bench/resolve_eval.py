"""Evaluate the resolver on labelled affiliation strings (../shared/data/ror_affiliation_matching_eval/).

    .venv/bin/python bench/resolve_eval.py [--index DIR] [--errors FILE]

Builds the index from the ROR files (v2 + v1) unless ``--index`` names a saved one, then resolves every
string of every set. Scoring:
- a matched organisation is correct when it is among the string's gold ROR IDs;
- precision = correct matches / all matches, over strings whose gold organisation is loaded;
- recall = strings with a correct match / strings whose gold organisation is loaded;
- a gold ID whose record is withdrawn counts as matched by its successor when the record names one
  (ROR withdraws duplicates and merged records; the resolver answers with the successor);
- strings with no gold (``NP`` in the API logs, empty in AffilGood) or whose gold is not in the loaded
  registry are scored apart: the right answer is "no confident match" (decision != match);
- a string with no gold matched to an organisation that ROR created after the set was labelled (v2
  ``admin.created.date`` later than the set's date, see SET_DATES) is not scored: the labellers could not
  have chosen it; such strings are counted in ``postdated``;
- latency per resolve, p50/p95.
With ``--as-labelled`` each set is resolved against the registry as it stood when the set was labelled: the
index holds only the v2 records ROR created on or before the set's date (and the v1 records, which carry no
date and were last changed before April 2024). The labellers chose among those; an organisation ROR registered
later ("University of Maryland School of Medicine", 2025, for strings labelled with the University of
Maryland, Baltimore) can only be scored wrong against their labels. Names and statuses are the records'
newest, as the copy holds no older versions.
Also reported, apart from that scoring: ``precision_with_hierarchy`` counts a match to the gold's parent or
child as right too. The sets label different levels of one hierarchy for alike strings (the department's
institute here, the university there); the figure shows how much of the gap is that choice.
AffilGood rows are given as "ORG, CITY" with ``country=COUNTRY``, as a screener would type them.
Writes bench/results/resolve_eval.md and .json.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from queries.resolver import Resolution, ResolverIndex, records_from_ror_files  # noqa: E402

DATA = REPO.parent / "shared" / "data"
EVAL = DATA / "ror_affiliation_matching_eval"
ROR_FILES = [
    DATA / "ror" / "ror_records_latest_v2.jsonl.gz",
    DATA / "ror" / "ror_records_latest_v1schema.jsonl.gz",
]
RESULTS = REPO / "bench" / "results"
_ROR_ID = re.compile(r"https://ror\.org/0[0-9a-z]{8}")
# When each set was labelled (file names; AffilGood: its publication, ACL SDP workshop, August 2024).
SET_DATES = {
    "affilgood_entity_linking": "2024-08-15",
    "crossref_publisher_assertions": "2023-06-28",
    "ror_api_logs": "2023-09-03",
}


@dataclass
class Row:
    text: str
    gold: set[str]
    country: str | None = None


@dataclass
class Tally:
    name: str
    strings: int = 0
    answerable: int = 0
    matches: int = 0
    correct_matches: int = 0
    related_matches: int = 0  # not the gold, but its parent or child (how the labels pick a hierarchy's level)
    recalled: int = 0
    unanswerable: int = 0
    abstained: int = 0
    postdated: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies)
        return {
            "set": self.name,
            "strings": self.strings,
            "answerable": self.answerable,
            "matches": self.matches,
            "precision": round(self.correct_matches / self.matches, 4) if self.matches else None,
            "precision_with_hierarchy": (
                round((self.correct_matches + self.related_matches) / self.matches, 4) if self.matches else None
            ),
            "recall": round(self.recalled / self.answerable, 4) if self.answerable else None,
            "no_match_strings": self.unanswerable,
            "no_match_rate": round(self.abstained / self.unanswerable, 4) if self.unanswerable else None,
            "postdated": self.postdated,
            "p50_ms": round(statistics.median(lat) * 1000, 2) if lat else None,
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000, 2) if lat else None,
        }


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def load_sets() -> dict[str, list[Row]]:
    sets: dict[str, list[Row]] = {}
    for folder in sorted(p for p in EVAL.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.csv")):
            rows: list[Row] = []
            for rec in _read(path):
                if "affiliation" in rec:
                    rows.append(Row(rec["affiliation"], set(_ROR_ID.findall(rec.get("ror_id") or ""))))
                elif "ORG" in rec:
                    text = ", ".join(v.strip() for v in (rec["ORG"], rec.get("CITY") or "") if v.strip())
                    rows.append(
                        Row(
                            text,
                            set(_ROR_ID.findall(rec.get("label") or "")),
                            (rec.get("COUNTRY") or "").strip() or None,
                        )
                    )
            sets[f"{folder.name}/{path.stem}"] = rows
    return sets


@functools.cache
def created_dates() -> dict[str, str]:
    """ROR ID → the day ROR created the record (v2 records; v1 records carry no date)."""
    dates: dict[str, str] = {}
    with gzip.open(ROR_FILES[0], "rt", encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            day = ((rec.get("admin") or {}).get("created") or {}).get("date")
            if day:
                dates[rec["id"]] = str(day)
    return dates


def accepted(index: ResolverIndex, gold: set[str]) -> set[str]:
    """The gold IDs and, for withdrawn gold records, the successors their records name."""
    out = set(gold)
    for iri in gold:
        org = index.org(iri)
        if org is not None and org.status == "withdrawn":
            out.update(index.orgs[row].iri for row in org.successors)
    return out


# Why a candidate was not decided, from its features (first that applies).
_UNDECIDED = (
    ("longer_name", "the words around it make a longer name"),
    ("continued_by", "the text continues the name"),
    ("preceded_by", "the text continues the name"),
    ("generic_name", "a generic name without its place"),
)


def _relation(index: ResolverIndex, got: str, gold: set[str]) -> str:
    row = index.by_iri[got]
    org = index.orgs[row]
    for iri in gold:
        other = index.by_iri.get(iri)
        if other is None:
            continue
        if other in org.parents:
            return "its child (the gold is the parent)"
        if other in org.children:
            return "its parent (the gold is the child)"
        if set(org.parents) & set(index.orgs[other].parents):
            return "a sibling (same parent)"
    return ""


def classify(index: ResolverIndex, res: Resolution, gold: set[str], answerable: bool) -> str:
    """What a wrong answer looks like, in words a reviewer can count."""
    got = [m.iri for m in res.matches]
    ranks = [i for i, c in enumerate(res.candidates) if c.iri in gold]
    if not answerable:
        return "no-match string matched" + (f" ({res.matches[0].method})" if res.matches else "")
    if got:
        related = _relation(index, got[0], gold)
        if related:
            return f"wrong match: {related}"
        if ranks:
            return "wrong match: the gold is also named; another was taken as primary"
        return "wrong match: gold not among the candidates"
    if not ranks:
        return "no answer: gold not among the candidates"
    if ranks[0] > 0:
        return "no answer: gold a lower candidate"
    top = res.candidates[0]
    for key, words in _UNDECIDED:
        if key in top.features:
            return f"no answer, gold top ({top.method}): {words}"
    if top.method == "acronym":
        return "no answer, gold top: an acronym with several owners or no context"
    if len(res.candidates) > 1 and top.score - res.candidates[1].score < 0.08:
        return f"no answer, gold top ({top.method}): a near-equal rival"
    return f"no answer, gold top ({top.method}): score below the match threshold"


def evaluate(
    index: ResolverIndex, sets: dict[str, list[Row]], err_out: TextIO | None, multi: bool = False
) -> list[Tally]:
    tallies = []
    created = created_dates()
    for name, rows in sets.items():
        tally = Tally(name)
        for row in rows:
            started = time.perf_counter()
            res = index.resolve(row.text, country=row.country, multi=multi)
            tally.latencies.append(time.perf_counter() - started)
            tally.strings += 1
            got = {m.iri for m in res.matches}
            answerable = bool(row.gold & index.by_iri.keys())
            gold = accepted(index, row.gold)
            labelled = SET_DATES.get(name.split("/")[0], "9999")
            if answerable:
                tally.answerable += 1
                tally.matches += len(got)
                tally.correct_matches += len(got & gold)
                tally.related_matches += sum(
                    1 for iri in got - gold if _relation(index, iri, gold).startswith(("its child", "its parent"))
                )
                tally.recalled += bool(got & gold)
                ok = bool(got) and got <= gold
            elif not row.gold and got and all(created.get(iri, "") > labelled for iri in got):
                tally.postdated += 1
                ok = True
            else:
                tally.unanswerable += 1
                tally.abstained += res.decision != "match"
                ok = res.decision != "match"
            if not ok:
                tally.errors[classify(index, res, gold, answerable)] += 1
            if err_out and not ok:
                err_out.write(
                    json.dumps(
                        {
                            "set": name,
                            "text": row.text,
                            "country": row.country,
                            "gold": sorted(row.gold),
                            "gold_loaded": answerable,
                            "gold_names": [
                                index.orgs[index.by_iri[g]].name for g in row.gold if g in index.by_iri
                            ],
                            "decision": res.decision,
                            "matches": [[m.iri, m.name, m.method] for m in res.matches],
                            "candidates": [[c.iri, c.name, c.score, c.method] for c in res.candidates[:3]],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        tallies.append(tally)
    return tallies


def table(summaries: list[dict[str, object]]) -> str:
    cols = [
        "set",
        "strings",
        "answerable",
        "matches",
        "precision",
        "precision_with_hierarchy",
        "recall",
        "no_match_strings",
        "no_match_rate",
        "postdated",
        "p50_ms",
        "p95_ms",
    ]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(s[c]) for c in cols) + " |" for s in summaries]
    return "\n".join(lines)


def error_table(tallies: list[Tally]) -> str:
    """Wrong answers by kind, per set (counts of strings)."""
    short = [t.name.split("/")[-1][:24] for t in tallies]
    kinds = sorted({k for t in tallies for k in t.errors}, key=lambda k: -sum(t.errors[k] for t in tallies))
    lines = ["| kind of error | " + " | ".join(short) + " |", "|" + "---|" * (len(tallies) + 1)]
    lines += ["| " + k + " | " + " | ".join(str(t.errors[k]) for t in tallies) + " |" for k in kinds]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--index",
        type=Path,
        help="an index directory; built there from the ROR files when "
        "it holds none (default: a temporary directory)",
    )
    parser.add_argument("--errors", type=Path, help="write every wrong answer here (JSON lines)")
    parser.add_argument("--all-named", action="store_true", help="score every confident organisation as a "
                        "match (resolve(multi=True)), not only the primary one")
    parser.add_argument("--no-write", action="store_true", help="print only; do not update bench/results")
    parser.add_argument("--as-labelled", action="store_true", help="resolve each set against the registry as "
                        "it stood when the set was labelled (records created by then); with --index, the "
                        "indexes are kept in sub-directories of it. Writes resolve_eval_as_labelled.*")
    args = parser.parse_args()

    perf: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="rskg-resolver-") as tmp:
        index_dir = args.index or Path(tmp)
        if args.as_labelled:
            created = created_dates()
            dirs = {day: index_dir / f"as-of-{day}" for day in sorted(set(SET_DATES.values()))}
            for day, where in dirs.items():
                _build(where, perf, functools.partial(_created_by, created, day))
            run(dirs, perf, args.errors, not args.no_write, args.all_named)
        else:
            _build(index_dir, perf, lambda iri: True)
            run({day: index_dir for day in SET_DATES.values()}, perf, args.errors, not args.no_write,
                args.all_named)


def _created_by(created: dict[str, str], day: str, iri: str) -> bool:
    return created.get(iri, "") <= day  # v1 records carry no date: kept


def _build(index_dir: Path, perf: dict[str, object], keep: Callable[[str], bool]) -> None:
    if ResolverIndex.exists(index_dir):
        return
    started = time.perf_counter()
    ResolverIndex.build(r for r in records_from_ror_files(ROR_FILES) if keep(r.iri)).save(index_dir)
    perf["build_s"] = round(time.perf_counter() - started, 2)


def run(
    index_dirs: dict[str, Path], perf: dict[str, object], errors: Path | None, write: bool, multi: bool
) -> None:
    """Evaluate every set with the index of its labelling date (``index_dirs``: date → index directory)."""
    sets = load_sets()
    indexes: dict[Path, ResolverIndex] = {}
    for where in dict.fromkeys(index_dirs.values()):
        started = time.perf_counter()
        indexes[where] = ResolverIndex.load(where)
        perf["load_s"] = round(time.perf_counter() - started, 2)
        perf["index_bytes"] = sum(p.stat().st_size for p in where.iterdir())
        perf["orgs"] = len(indexes[where].orgs)
        perf["names"] = len(indexes[where].name_org)
    as_labelled = len(indexes) > 1
    if as_labelled:  # each index's size, by date
        perf["orgs"] = ", ".join(f"{day}: {len(indexes[where].orgs)}" for day, where in sorted(index_dirs.items()))
        perf["names"] = ", ".join(f"{day}: {len(indexes[where].name_org)}" for day, where in sorted(index_dirs.items()))
    tallies: list[Tally] = []
    with (errors.open("w", encoding="utf-8") if errors else contextlib.nullcontext()) as err_out:
        for name, rows in sets.items():
            where = index_dirs[SET_DATES[name.split("/")[0]]]
            tallies += evaluate(indexes[where], {name: rows}, err_out, multi)
    perf["mode"] = ("all-named" if multi else "primary") + (", as labelled" if as_labelled else "")
    summaries = [t.summary() for t in tallies]
    everything = Tally("all")
    for t in tallies:
        everything.latencies += t.latencies
    perf.update({k: v for k, v in everything.summary().items() if k.endswith("_ms")})
    text = table(summaries) + "\n\nWrong answers by kind:\n\n" + error_table(tallies)
    perf_text = ", ".join(f"{k}={v}" for k, v in perf.items())
    print(text)
    print(perf_text)
    if write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stem = "resolve_eval_as_labelled" if as_labelled else "resolve_eval"
        (RESULTS / f"{stem}.md").write_text(
            "# Resolver evaluation\n\nProduced by `bench/resolve_eval.py"
            + (" --as-labelled`: each set against the registry as it stood when it was labelled (records created "
               "by then)" if as_labelled else "`")
            + f" (see its docstring for the scoring).\n\n{text}\n\nIndex and latency: {perf_text}\n",
            encoding="utf-8",
        )
        (RESULTS / f"{stem}.json").write_text(
            json.dumps({"sets": summaries, "performance": perf}, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
