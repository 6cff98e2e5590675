"""`trackrecord export DIR`: write the generated site as plain Markdown and mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("export")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("mkdocs.yml"), show_default=True, help="The site's mkdocs.yml.")
def export_cmd(out: Path, config_file: Path) -> None:
    """Write the generated Markdown tree, with a mkdocs.yml that needs no plugin, to OUT.

    Plain `mkdocs build` in OUT then builds the same pages without the trackrecord plugin.

    \b
    Examples:
      trackrecord export /tmp/site-export
      cd /tmp/site-export && mkdocs build
    """
    # Loaded here, not at start-up: the site builder pulls in feeds, Markdown and more, which
    # `validate` in a pre-commit hook should not pay for.
    from generator.build.export import ExportError, export

    try:
        count = export(config_file, out)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Exported {count} pages to {out}")
