"""``rskg org QUERY``: one organisation in full, or every organisation the query names."""

from __future__ import annotations

import click

from graph import open_store
from queries.org import OrgDetail, lookup
from rskg.settings import get_settings


def _print_detail(org: OrgDetail) -> None:
    click.secho(f"{org.name}  <{org.iri}>", bold=True)
    facts = [
        ", ".join(org.countries),
        ", ".join(org.kinds),
        org.status or "",
        f"est. {org.established}" if org.established else "",
        f"source {org.source} {org.release or ''}".strip(),
    ]
    click.echo("  " + " · ".join(f for f in facts if f))
    click.echo("  names:")
    for name in org.names:
        click.echo(f"    {name.type:<11} {name.value}" + (f"  [{name.lang}]" if name.lang else ""))
    if org.identifiers:
        click.echo("  identifiers: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in org.identifiers.items()))
    if org.ancestors:
        click.echo("  parents (up to the root):")
        for chain in org.ancestors:
            click.echo("    " + " → ".join(f"{a.name} <{a.iri}>" for a in chain))
    if org.children:
        click.echo(f"  children ({len(org.children)}):")
        for child in org.children:
            click.echo(f"    {child.name or '(not in the loaded data)'} <{child.iri}>")
    if org.links:
        click.echo("  other relations:")
        for link in org.links:
            arrow = "→" if link.direction == "out" else "←"
            click.echo(
                f"    {arrow} {link.type:<14} {link.name or '(not in the loaded data)'} <{link.iri}>"
                + (f"  [{link.source}]" if link.source else "")
            )


@click.command(name="org")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def command(query: str, as_json: bool) -> None:
    """Look up an organisation by ROR id, name, alias, acronym or label (any script)."""
    with open_store(get_settings(), read_only=True) as store:
        result = lookup(store, query)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    if result.detail is not None:
        if len(result.matches) > 1:
            click.echo(f"{len(result.matches)} entries are named {query!r}: this organisation and the list entries "
                       "linked to it (SAME_AS, among its relations)")
        _print_detail(result.detail)
        return
    click.echo(f"{len(result.matches)} organisations match {query!r}:")
    for org in result.matches:
        click.echo(
            f"  {org.name}  <{org.iri}>  {', '.join(org.countries)}  {', '.join(org.kinds)}"
            + (f"  ({', '.join(org.acronyms)})" if org.acronyms else "")
        )
