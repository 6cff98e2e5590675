"""`trackrecord new`: start an incident record (and its company, when it is new)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from generator.cli.drafts import (
    COMPANY_SCHEMA_LINE,
    INCIDENT_SCHEMA_LINE,
    incident_path,
    render,
    write_new,
)
from generator.cli.intake import IntakeError, draft_from_issue, known_companies, read_body
from generator.records.files import SLUG, real_day
from generator.records.local_schemas import refresh_for_editors
from generator.render.text_safety import slugify


def _ask(
    value: str | None, prompt: str, interactive: bool, default: str | None = None, kind: click.ParamType | None = None
) -> str | None:
    """The flag's value, else an answer on a terminal (checked by `kind`, asked again if wrong), else the default."""
    if value is None and interactive:
        return str(click.prompt(prompt, default=default, show_default=bool(default), type=kind))
    return value if value is not None else default


class _Slug(click.ParamType):
    name = "slug"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not SLUG.match(value):
            self.fail(f"{value!r} is not a slug: lower-case letters and digits joined by -, e.g. united-airlines")
        return value


class _Day(click.ParamType):
    """A real calendar day as YYYY-MM-DD text, not in the future (2024-02-30 is refused and asked again)."""

    name = "date"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        day = real_day(value)
        if day is None:
            self.fail(f"{value!r} is not a real date written YYYY-MM-DD")
        if day > dt.date.today():  # as validate says of a record's date
            self.fail(f"{value} is in the future; a record tells what has already happened")
        return day.isoformat()


class _Source(click.ParamType):
    """An http(s) address, as the schema wants a source."""

    name = "address"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
            self.fail(f"{value!r} is not an http(s) address, such as https://example.com/post")
        return value.strip()


class _OptionalSource(_Source):
    """An http(s) address, or nothing (Enter) to add one later."""

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return super().convert(value, param, ctx) if value.strip() else ""


_SLUG_TYPE, _DATE_TYPE, _SOURCE_TYPE, _OPTIONAL_SOURCE = _Slug(), _Day(), _Source(), _OptionalSource()


@click.command()
@click.option("--company", type=_SLUG_TYPE, help="Company slug, e.g. united-airlines. Its file is created if missing.")
@click.option("--company-name", help="The company's name, for a new company file.")
@click.option("--title", help="One line that says what happened.")
@click.option("--date", "day", type=_DATE_TYPE, help="Day it began (YYYY-MM-DD), not in the future.")
@click.option("--rating", type=click.Choice(["good", "bad", "ugly"]), help="good, bad or ugly.")
@click.option("--source", "sources", multiple=True, type=_SOURCE_TYPE,
              help="An http(s) address the record rests on. Repeatable.")
@click.option("--reviews", type=click.Path(file_okay=False, path_type=Path), default=Path("reviews"),
              show_default=True, help="The reviews/ folder.")
@click.option("--interactive/--no-interactive", default=None,
              help="Ask for missing values. Default: ask when the input is a terminal.")
@click.option("--from-issue", "from_issue", type=click.Path(dir_okay=False, path_type=Path),
              help="Make the draft from the Markdown body of an incident issue form (the other values are ignored).")
def new(company: str | None, company_name: str | None, title: str | None, day: str | None,
        rating: str | None, sources: tuple[str, ...], reviews: Path, interactive: bool | None,
        from_issue: Path | None) -> None:
    """Create an incident record with every field present and explained.

    Missing values are asked for on a terminal; otherwise they are left for you to fill in,
    and `trackrecord validate` says what is still missing. Prints the new file's path.

    \b
    Examples:
      trackrecord new
      trackrecord new --company united-airlines --title "Guitar broken in transit" \\
          --date 2008-03-31 --rating ugly --source https://example.com/post
      gh issue view 42 --json body --jq .body > issue.md && trackrecord new --from-issue issue.md
    """
    if from_issue is not None:
        _from_issue(from_issue, reviews)
        return
    if interactive is None:
        interactive = sys.stdin.isatty()
    company = _ask(company, "Company slug (e.g. united-airlines)", interactive, kind=_SLUG_TYPE)
    if not company or not SLUG.match(company):
        raise click.ClickException(f"--company must be a slug such as united-airlines, got {company!r}")
    title = _ask(title, "Title (one line)", interactive) or ""
    when = dt.date.fromisoformat(
        _ask(day, "Date it began (YYYY-MM-DD)", interactive, dt.date.today().isoformat(), _DATE_TYPE) or ""
    )
    rating = _ask(rating, "Rating", interactive, kind=click.Choice(["good", "bad", "ugly"])) or ""
    if not sources and interactive:
        answer = _ask(None, "Source address, http(s) (Enter to add it later)", interactive, "", _OPTIONAL_SOURCE)
        sources = (answer,) if answer else ()
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
    refresh_for_editors(reviews, click.echo)
    click.echo(path.as_posix())


def _from_issue(file: Path, reviews: Path) -> None:
    """A draft from an issue form's body; `trackrecord validate` then names what is still missing."""
    try:
        draft = draft_from_issue(read_body(file), known_companies(reviews))
    except IntakeError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    company_file = reviews / "companies" / f"{draft.company}.yml"
    if not company_file.exists():
        write_new(company_file, render("company", {"name": draft.company_name}, COMPANY_SCHEMA_LINE))
        click.echo(f"created {company_file}", err=True)
    when = draft.date or dt.date.today()
    path = incident_path(reviews, draft.company, when, str(draft.values.get("title") or draft.company))
    write_new(path, render("incident", draft.values, INCIDENT_SCHEMA_LINE))
    refresh_for_editors(reviews, click.echo)
    click.echo(f"check it with: trackrecord validate {path.as_posix()}", err=True)
    click.echo(path.as_posix())
