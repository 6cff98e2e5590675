"""`trackrecord index SITE_DIR`: the search index for a site any builder wrote."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("index")
@click.argument("site_dir", type=click.Path(path_type=Path))
@click.option("--bundle-pages", type=click.IntRange(min=1), metavar="N",
              help="Searchable pages per Pagefind run, as the plugin's search_bundle_pages. "
                   "[default: a large site in two halves]")
def index_cmd(site_dir: Path, bundle_pages: int | None) -> None:
    """Index the built site in SITE_DIR for search, as the plugin does after `mkdocs build`.

    For a site built without the plugin: `zensical build` or `mkdocs build` of what `trackrecord
    export` wrote. Pagefind (bundled, no network) writes SITE_DIR/pagefind/, which the search box
    reads; an index already there is replaced.

    \b
    Examples:
      trackrecord export /tmp/site-export
      cd /tmp/site-export && zensical build && trackrecord index site
      trackrecord index site --bundle-pages 4000
    """
    from generator.search.pagefind import SearchIndexError, index_site

    try:
        stats = index_site(site_dir, bundle_pages=bundle_pages)
    except SearchIndexError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(stats.summary())
