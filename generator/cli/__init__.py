"""The `trackrecord` command. Each subcommand lives in a module of its own."""

from __future__ import annotations

import click

from generator.cli import (
    archive_cmd,
    export_cmd,
    import_cmd,
    index_cmd,
    init_cmd,
    migrate_cmd,
    new_cmd,
    promote_cmd,
    reply_cmd,
    validate_cmd,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trackrecord")
def main() -> None:
    """Keep a fair, sourced, public track record of how companies treat their customers.

    \b
    Examples:
      trackrecord init my-site --site-url https://owner.github.io/my-site/
      trackrecord new --company united-airlines --title "Guitar broken in transit"
      trackrecord validate
      trackrecord validate reviews/incidents/united-airlines
      trackrecord migrate --dry-run
    """


for command in (init_cmd.init, validate_cmd.validate, new_cmd.new, import_cmd.import_, promote_cmd.promote,
                export_cmd.export_cmd, migrate_cmd.migrate, index_cmd.index_cmd, archive_cmd.archive_cmd,
                reply_cmd.reply):
    main.add_command(command)


def run() -> None:
    """The console script: a disk or permission error is a message, never a traceback."""
    try:
        main(standalone_mode=True)
    except OSError as exc:
        click.echo(f"Error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        raise SystemExit(2) from None
