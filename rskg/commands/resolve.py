"""``rskg resolve``: who is it? Resolve a name or affiliation string (or a file of them) to organisations.

rskg resolve "Harbin Inst. of Tech."            # decision, candidates, the features behind each score
rskg resolve "HIT, Harbin" --json                # one JSON object
rskg resolve --file names.txt                    # one JSON line per input line, in input order
rskg resolve --file partners.csv --column name --format csv -o resolved.csv   # with a progress bar
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

import click
from defusedcsv import csv  # a cell opening like a formula ("=HYPERLINK(…)") gets a leading apostrophe: text

from queries.resolver import Resolution, ResolverIndex
from rskg import textfiles
from rskg.commands._output import output_option, output_to, progress
from rskg.errors import InputError, NotFoundError
from rskg.settings import get_settings

MAX_INPUT_CHARS = 2000


def load_index(index_dir: Path | None = None) -> ResolverIndex:
    """The saved index (built at ingest); a clear error when there is none yet."""
    directory = index_dir or get_settings().index_dir
    if not ResolverIndex.exists(directory):
        raise NotFoundError(f"no resolver index in {directory}: run `rskg ingest ror` first")
    return ResolverIndex.load(directory)


def _inputs(path: Path, column: str | None) -> Iterator[str]:
    if column is None:
        yield from textfiles.lines(path)
        return
    reader = csv.DictReader(textfiles.lines(path, ends=True))
    if reader.fieldnames is None or column not in reader.fieldnames:
        raise InputError(f"column {column!r} not in {path.name}; columns: {reader.fieldnames}")
    for row in reader:
        yield row[column] or ""


def _print_human(res: Resolution) -> None:
    click.echo(f"decision: {res.decision}")
    for match in res.matches:
        click.echo(f"match: {match.name} <{match.iri}> score={match.score} method={match.method}")
    if res.candidates:
        click.echo("candidates:")
    for cand in res.candidates:
        click.echo(f"  {cand.score:.3f}  {cand.name} <{cand.iri}>  [{cand.method}]")
        explained = ", ".join(f"{k}={v}" for k, v in cand.features.items())
        click.echo(f"         {explained}")


def _csv_row(res: Resolution) -> list[str]:
    top = res.candidates[0] if res.candidates else None
    return [
        res.text,
        res.decision,
        "; ".join(m.iri for m in res.matches),
        "; ".join(m.name for m in res.matches),
        str(res.matches[0].score) if res.matches else "",
        top.iri if top else "",
        top.name if top else "",
        str(top.score) if top else "",
    ]


def _write_file(
    index: ResolverIndex,
    inputs: Iterable[str],
    fmt: str,
    country: str | None,
    limit: int,
    multi: bool,
    out: TextIO,
) -> Counter[str]:
    """Resolve each input and write its line; the count of each decision."""
    decisions: Counter[str] = Counter()
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(
            [
                "input",
                "decision",
                "match_iris",
                "match_names",
                "match_score",
                "top_candidate_iri",
                "top_candidate_name",
                "top_candidate_score",
            ]
        )
    for text in inputs:
        res = index.resolve(text[:MAX_INPUT_CHARS], country=country, limit=limit, multi=multi)
        decisions[res.decision] += 1
        if writer is not None:
            writer.writerow(_csv_row(res))
        else:
            out.write(res.to_json() + "\n")
    return decisions


@click.command("resolve")
@click.argument("text", required=False)
@click.option(
    "--file",
    "file_",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Resolve every line of this file (or every value of --column in a CSV).",
)
@click.option("--column", help="With --file: the CSV column holding the names.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="With --file: one JSON line per input, or a CSV for a spreadsheet.",
)
@output_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--country", help="The partner's country (name or ISO code), used as context.")
@click.option(
    "--limit",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="Candidates to report per input.",
)
@click.option(
    "--all-named",
    "multi",
    is_flag=True,
    help="Report every organisation the text names with confidence as a match, not only the primary.",
)
def command(
    text: str | None,
    file_: Path | None,
    column: str | None,
    fmt: str,
    output: Path | None,
    as_json: bool,
    country: str | None,
    limit: int,
    multi: bool,
) -> None:
    """Who is it? Resolve TEXT (a name, acronym, Chinese name or affiliation string) to organisations."""
    if (text is None) == (file_ is None):
        raise InputError("give either TEXT or --file")
    if (column is not None or output is not None) and file_ is None:
        raise InputError("--column and --output need --file")
    index = load_index()
    if file_ is not None:
        inputs = progress(_inputs(file_, column), output, "resolve", "input")
        with output_to(output) as out:
            decisions = _write_file(index, inputs, fmt, country, limit, multi, out)
        # counts only: the names stay in the output (logs hold no names being screened)
        summary = ", ".join(f"{decisions[d]} {d}" for d in ("match", "candidates", "none"))
        click.echo(f"{decisions.total()} inputs: {summary}", err=True)
        return
    if text is None or len(text) > MAX_INPUT_CHARS:
        raise InputError(f"input longer than {MAX_INPUT_CHARS} characters")
    res = index.resolve(text, country=country, limit=limit, multi=multi)
    if as_json:
        click.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_human(res)
