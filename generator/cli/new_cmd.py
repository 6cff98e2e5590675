"""`trackrecord new`: start an incident record (and its company, when it is new)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.drafts import (
    COMPANY_SCHEMA_LINE,
    INCIDENT_SCHEMA_LINE,
    incident_path,
    render,
    slugify,
    write_new,
)
from generator.records import SLUG


def _ask(value: str | None, prompt: str, interactive: bool, default: str | None = None) -> str | None:
    if value is None and interactive:
        return str(click.prompt(prompt, default=default, show_default=default is not None))
    return value if value is not None else default


@click.command()
@click.option("--company", help="Company slug, e.g. united-airlines. Its file is created if missing.")
@click.option("--company-name", help="The company's name, for a new company file.")
@click.option("--title", help="One line that says what happened.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Day it began (YYYY-MM-DD).")
@click.option("--rating", type=click.Choice(["good", "bad", "ugly"]), help="good, bad or ugly.")
@click.option("--source", "sources", multiple=True, help="An http(s) address the record rests on. Repeatable.")
@click.option("--reviews", type=click.Path(file_okay=False, path_type=Path), default=Path("reviews"),
              show_default=True, help="The reviews/ folder.")
def new(company: str | None, company_name: str | None, title: str | None, day: dt.datetime | None,
        rating: str | None, sources: tuple[str, ...], reviews: Path) -> None:
    """Create an incident record with every field present and explained.

    Missing values are asked for on a terminal; otherwise they are left for you to fill in,
    and `trackrecord validate` says what is still missing. Prints the new file's path.

    \b
    Examples:
      trackrecord new
      trackrecord new --company united-airlines --title "Guitar broken in transit" \\
          --date 2008-03-31 --rating ugly --source https://example.com/post
    """
    interactive = sys.stdin.isatty()
    company = _ask(company, "Company slug (e.g. united-airlines)", interactive)
    if not company or not SLUG.match(company):
        raise click.ClickException(f"--company must be a slug such as united-airlines, got {company!r}")
    title = _ask(title, "Title (one line)", interactive) or ""
    when = day.date() if day else dt.date.fromisoformat(
        _ask(None, "Date it began (YYYY-MM-DD)", interactive, dt.date.today().isoformat()) or ""
    )
    rating = _ask(rating, "Rating (good, bad, ugly)", interactive) or ""
    company_file = reviews / "companies" / f"{company}.yml"
    if not company_file.exists():
        name = _ask(company_name, "Company name", interactive, company.replace("-", " ").title())
        write_new(company_file, render("company", {"name": name}, COMPANY_SCHEMA_LINE))
        click.echo(f"created {company_file}", err=True)
    values = {
        "company": company, "title": title, "date": when, "rating": rating,
        "issue": "", "response": "", "sources": list(sources),
    }
    path = incident_path(reviews, company, when, title or slugify(company))
    write_new(path, render("incident", values, INCIDENT_SCHEMA_LINE))
    click.echo(path.as_posix())
