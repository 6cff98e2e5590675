"""`trackrecord promote POST`: start an incident record from an imported post."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.drafts import INCIDENT_SCHEMA_LINE, incident_path, render, write_new
from generator.records.builders import build_post
from generator.records.files import is_record_name
from generator.records.local_schemas import refresh_for_editors
from generator.records.schema import check
from generator.records.yaml_source import YamlProblem, read_document

TITLE_LIMIT = 160  # incident.schema.json


def _reviews_of(post: Path) -> Path:
    """The reviews/ folder a post file lives in (…/reviews/posts/<feed>/<hash>.yml)."""
    resolved = post.resolve()
    if len(resolved.parents) > 2 and resolved.parents[1].name == "posts":
        return resolved.parents[2]
    return Path("reviews")


def _promoted_already(reviews: Path, link: str) -> Path | None:
    """The incident record that already cites the post's address, if there is one."""
    for file in sorted(f for f in (reviews / "incidents").glob("*/*") if is_record_name(f.name)):
        try:
            if link not in file.read_text("utf-8", errors="replace"):
                continue  # most files: no need to parse
            doc = read_document(file, file.as_posix())
        except (OSError, YamlProblem):
            continue
        sources = doc.data.get("sources")
        for source in sources if isinstance(sources, list) else []:
            if source == link or (isinstance(source, dict) and source.get("url") == link):
                return file
    return None


@click.command()
@click.argument("post", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--company", help="Company slug, when the post names several (or none).")
@click.option("--reviews", type=click.Path(file_okay=False, path_type=Path),
              help="The reviews/ folder.  [default: the one holding POST]")
def promote(post: Path, company: str | None, reviews: Path | None) -> None:
    """Create a draft incident record from an imported post.

    The company, date, title and source come from the post. The rating, what the customer went
    through (issue) and what the company did (response) are left for you: `trackrecord validate`
    reports them until they are written. Prints the new file's path.

    \b
    Examples:
      trackrecord promote reviews/posts/shoebox-diaries/e3895b2b7e09a3ed.yml
      trackrecord promote reviews/posts/small-office-it/4f309b61972b2f3c.yml --company best-buy
    """
    try:
        doc = read_document(post, post.as_posix())
    except YamlProblem as exc:
        raise click.ClickException(str(exc.problem)) from None
    problems = check(doc, "post")
    if problems:
        raise click.ClickException("not a valid post:\n" + "\n".join(map(str, problems)))
    record = build_post(doc)
    reviews = reviews or _reviews_of(post)
    if company is None:
        if len(record.companies) != 1:
            named = ", ".join(record.companies) or "none"
            raise click.ClickException(f"the post names {len(record.companies)} companies ({named}); "
                                       "choose one with --company")
        company = record.companies[0]
    if not any((reviews / "companies" / f"{company}{ext}").is_file() for ext in (".yml", ".yaml")):
        raise click.ClickException(f"unknown company {company!r}: no {reviews}/companies/{company}.yml")
    if (existing := _promoted_already(reviews, record.link)) is not None:
        raise click.ClickException(f"this post was promoted already: {existing.as_posix()} cites it; "
                                   "edit that draft, or delete it to promote the post again")
    when = (record.published or record.updated)
    day = when.date() if when else dt.date.today()
    title = record.title if len(record.title) <= TITLE_LIMIT else record.title[: TITLE_LIMIT - 1] + "…"
    values = {"company": company, "title": title, "date": day, "rating": "", "issue": "", "response": "",
              "sources": [record.link]}
    path = write_new(incident_path(reviews, company, day, title), render("incident", values, INCIDENT_SCHEMA_LINE))
    refresh_for_editors(reviews, click.echo)
    click.echo(path.as_posix())
