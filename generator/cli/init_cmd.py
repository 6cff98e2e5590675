"""`trackrecord init`: make a new site that builds with the installed trackrecord."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import __version__
from generator.cli.scaffold import NewSite, ScaffoldError, github_repository, site_address, site_files, write_site


class _SiteUrl(click.ParamType):
    name = "url"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return site_address(value)
        except ScaffoldError as exc:
            self.fail(str(exc))


_URL = _SiteUrl()


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site-name", help="The site's name, shown in its header and feeds. Default: the folder's name.")
@click.option("--site-url", type=_URL,
              help="The address it will be published at, e.g. https://owner.github.io/repository/.")
@click.option("--repo-url", help="The GitHub repository, for edit links. Default: worked out from a "
                                 "github.io site URL.")
@click.option("--empty", is_flag=True, help="No example company and incident.")
@click.option("--interactive/--no-interactive", default=None,
              help="Ask for missing values. Default: ask when the input is a terminal.")
def init(directory: Path, site_name: str | None, site_url: str | None, repo_url: str | None, empty: bool,
         interactive: bool | None) -> None:
    """Make a new site in DIRECTORY (new or empty): mkdocs.yml, reviews/, docs/about.md, the
    GitHub workflows and issue forms, a pre-commit config and a README for its writers.

    The workflows install this trackrecord version, pinned in requirements.txt. An example
    company and incident show a filled-in record (--empty for none). Nothing is overwritten.

    \b
    Examples:
      trackrecord init my-site
      trackrecord init my-site --site-name "Fair Service" --site-url https://owner.github.io/my-site/
      trackrecord init . --empty --site-url https://records.example.org/
    """
    if interactive is None:
        interactive = sys.stdin.isatty()
    default_name = directory.resolve().name or "trackrecord"
    if site_name is None:
        site_name = click.prompt("Site name", default=default_name) if interactive else default_name
    if not site_name.strip() or "\n" in site_name:
        raise click.ClickException("--site-name must be one line of text")
    if site_url is None:
        if not interactive:
            raise click.ClickException("--site-url is needed: the address the site will be published at, "
                                       "e.g. https://owner.github.io/repository/")
        site_url = str(click.prompt("Address it will be published at (e.g. https://owner.github.io/repository/)",
                                    type=_URL))
    site = NewSite(name=site_name.strip(), url=site_url, repo_url=repo_url or github_repository(site_url),
                   version=__version__, examples=not empty)
    try:
        write_site(directory, site_files(site))
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    shown = directory.as_posix()
    click.echo(f"Made a trackrecord {__version__} site in {shown}/. Next:", err=True)
    click.echo(f"  cd {shown} && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt", err=True)
    click.echo("  .venv/bin/trackrecord validate && .venv/bin/mkdocs serve", err=True)
    click.echo("  then see README.md, and trackrecord's docs/publishing.md to publish it.", err=True)
