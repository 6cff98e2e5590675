"""`trackrecord reply --from-issue`: a reply, rebuttal or request from the "Reply or correction" form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.intake import IntakeError, read_body
from generator.cli.reply_intake import RECEIVED_HOW, apply, request_from_issue
from generator.records.files import RECORD_SUFFIXES, write_atomically


@click.command("reply")
@click.option("--from-issue", "issue", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file with the body of a \"Reply or correction\" issue (or the same sections from an email).")
@click.option("--checked-by", required=True, metavar="HANDLE",
              help="Your handle: you checked that it comes from whom it says.")
@click.option("--issue-url", default=None, metavar="URL", help="The issue's address: where the text can be read.")
@click.option("--received", "how", type=click.Choice(RECEIVED_HOW), default="issue-form", show_default=True,
              help="How it reached you; email, web-form and the others need no public address.")
@click.option("--reviews", type=click.Path(file_okay=False, path_type=Path), default=Path("reviews"),
              show_default=True, help="The records folder.")
def reply(issue: Path, checked_by: str, issue_url: str | None, how: str, reviews: Path) -> None:
    """Add a company's reply, a customer's rebuttal, or a correction or withdrawal request to a record.

    A reply becomes company_reply and a rebuttal company_reply.rebuttal, published as given. A
    correction or withdrawal request becomes an open dispute: the record is marked disputed and
    left out of the grade and the rates until you decide it (dispute.decided), and then add a
    correction or withdraw the record. Each says how it was received and that you checked it.

    \b
    Examples:
      trackrecord reply --from-issue issue.md --checked-by jdoe --issue-url https://github.com/o/r/issues/7
      trackrecord reply --from-issue email.md --checked-by jdoe --received email
    """
    if issue_url is not None and not issue_url.startswith(("https://", "http://")):
        raise click.ClickException(f"--issue-url {issue_url!r} is not an http(s) address")
    try:
        request = request_from_issue(read_body(issue))
    except IntakeError as exc:
        raise click.ClickException(f"{issue}: {exc}") from None
    folder = reviews / "incidents" / request.company
    candidates = [folder / f"{request.slug}{suffix}" for suffix in RECORD_SUFFIXES]  # .yml or .yaml
    record = next((c for c in candidates if c.is_file()), candidates[0])
    if not record.is_file():
        raise click.ClickException(f"{issue}: no record {record.as_posix()}; check the address in '### Which record'")
    try:
        text = record.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{record.as_posix()}: cannot read it as UTF-8 text ({exc})") from None
    try:
        edited = apply(text, record.as_posix(), request, checked_by=checked_by, how=how,
                       issue_url=issue_url if how == "issue-form" else None, today=dt.date.today())
    except IntakeError as exc:
        raise click.ClickException(f"{record.as_posix()}: {exc}") from None
    write_atomically(record, edited)
    click.echo(f"check it with: trackrecord validate {record.as_posix()}", err=True)
    click.echo(record.as_posix())
