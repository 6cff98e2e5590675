"""`trackrecord export`: the generated Markdown tree and a mkdocs.yml that needs no plugin.

For inspection, and for builders that read mkdocs.yml but run no third-party plugins. The
same pages and files as the plugin produces, written to disk instead of handed to MkDocs.

All or nothing: the settings and records are checked first, the export is written into a
hidden folder beside the target, on the same file system, and renamed into place only when
complete. On any failure that folder is removed and the target is as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.build import mkdocs_yaml
from generator.build.export_settings import ExportError, ExportSettings, load_settings, plugin_entries
from generator.build.output_paths import site_path
from generator.build.pipeline import BuildError, BuildSettings, Pipeline
from generator.build.shipped import MissingFromPackage, check_theme, reader_pages, theme_dir

__all__ = ["ExportError", "export"]

# Generated pages stay out of the navigation, as with the plugin: MkDocs renders the nav into
# every page, so thousands of nav entries would make the build quadratic.
NOT_IN_NAV = "\n".join(["/companies/*/", "/companies/page/", "/incidents/", "/rating/*/", "/industry/*/",
                        "/tag/*/", "/year/*/", "/from-the-web/page/"]) + "\n"
NOTHING = "nothing was exported"


def _plain_config(config: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(config)
    kept = [(name, options) for name, options in plugin_entries(config) if name != "trackrecord"]
    out["plugins"] = [name if options is None else {name: options} for name, options in kept]
    if not any(name in ("search", "material/search") for name, _ in kept):
        # Zensical turns its own search on unless told not to: one index file that grows with every
        # record, beside Pagefind's (`trackrecord index`). Material's plugin reads the same switch.
        out["plugins"].append({"search": {"enabled": False}})
    out["docs_dir"] = "docs"
    out["not_in_nav"] = NOT_IN_NAV
    out["theme"] = _plain_theme(out.get("theme"))
    return out


def _plain_theme(setting: object) -> dict[str, Any]:
    """The theme as the plugin makes it: its overrides (copied to theme/) and the settings it fills in."""
    theme = dict(setting) if isinstance(setting, dict) else {"name": setting}
    checked = check_theme(theme.get("name"), theme.get("font"), theme.get("palette"))
    if checked.font is not None:
        theme["font"] = checked.font
    if checked.palette is not None:
        theme["palette"] = checked.palette
    theme["custom_dir"] = "theme"
    return theme


def _check_target(out: Path, settings: ExportSettings) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file; export writes into a new or empty folder")
    if out.is_dir() and any(out.iterdir()):
        raise ExportError(f"{out}: not empty; export writes into a new or empty folder")
    target = out.resolve()
    for source in (settings.docs, settings.theme):
        # The copy would copy itself, folder within folder.
        if source is not None and target.is_relative_to(source.resolve()):
            raise ExportError(f"{out}: is inside {source}, which the export copies; export somewhere else")


def _write(stage: Path, settings: ExportSettings, pipeline: Pipeline) -> int:
    """Everything the export holds, under `stage`: the same pages and files as the plugin makes, by the
    same pipeline, with docs/ copied beside them. Returns the number of generated pages."""
    docs = stage / "docs"
    taken = {}
    if settings.docs is not None:
        for file in sorted(settings.docs.rglob("*")):
            if not file.is_dir():
                rel = file.relative_to(settings.docs).as_posix()
                taken[site_path(rel, directory_urls=settings.directory_urls)] = \
                    f"{settings.options.docs_dir}/{rel} (a hand-written file)"
    shipped_pages = reader_pages(taken, directory_urls=settings.directory_urls)
    for rel in shipped_pages:
        taken[site_path(rel, directory_urls=settings.directory_urls)] = f"{rel} (shipped with trackrecord)"
    made = pipeline.write_pages(docs, taken)
    pipeline.finish(docs, search=False)  # the feeds and the API, into docs/ (search needs the built site)
    if settings.docs is not None:
        shutil.copytree(settings.docs, docs, dirs_exist_ok=True)  # no path in common: checked above
    else:
        docs.mkdir(exist_ok=True)
    for rel, source in shipped_pages.items():
        shutil.copyfile(source, docs / rel)
    # The plugin's overrides, then the site's own custom_dir over them, as the plugin orders them.
    shutil.copytree(theme_dir(), stage / "theme")
    if settings.theme is not None:
        shutil.copytree(settings.theme, stage / "theme", dirs_exist_ok=True)
    (stage / "mkdocs.yml").write_text(
        "# Exported by `trackrecord export`: plain MkDocs, no trackrecord plugin.\n"
        + mkdocs_yaml.dump(_plain_config(settings.config)),
        "utf-8",
    )
    return len(made)


def _missing_from(folder: Path) -> Path | None:
    """The outermost of `folder` and its parents that does not exist yet (None if it does)."""
    missing = None
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing = path
    return missing


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, shutil.Error):  # copytree gathers (source, target, why) for every file it failed on
        failures = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
        if failures and len(failures[0]) == 3:
            source, _, why = failures[0]
            more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
            return f"cannot copy {source}: {why}{more}"
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot write{where}: {exc.strerror or exc}"


def export(config_file: Path, out: Path) -> int:
    """Write the export to `out` (which must be empty or absent). Returns the number of pages.

    ExportError (or InvalidRecords) with nothing written when anything is wrong."""
    settings = load_settings(config_file)
    _check_target(out, settings)
    target = Path(os.path.abspath(out))  # "." and ".." have no name to put beside
    made_parents = _missing_from(target.parent)
    stage = target.parent / f".{target.name}.partial-{secrets.token_hex(6)}"
    pipeline = Pipeline()
    try:
        pipeline.load(BuildSettings(reviews=settings.reviews, store=stage / "docs", options=settings.options,
                                    config_file=str(config_file), directory_urls=settings.directory_urls))
    except BuildError as exc:
        raise ExportError(f"{exc}") from None
    done = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        stage.mkdir()
        count = _write(stage, settings, pipeline)
        os.rename(stage, target)  # onto an empty folder too, which POSIX rename replaces
        done = True
        return count
    except BuildError as exc:
        raise ExportError(f"{exc} {NOTHING.capitalize()}.") from None
    except MissingFromPackage as exc:  # before OSError, which it is, though nothing failed to be written
        raise ExportError(f"{exc}; {NOTHING}") from None
    except OSError as exc:
        raise ExportError(f"{_os_problem(exc)}; {NOTHING}") from None
    except Exception as exc:  # a defect in a page builder must not leave a traceback or a half-written folder
        raise ExportError(f"the export stopped on an unexpected error ({type(exc).__name__}: {exc}); {NOTHING}. "
                          "This is a bug in trackrecord: please report it.") from None
    finally:
        if not done:
            shutil.rmtree(stage, ignore_errors=True)
            if made_parents is not None:
                shutil.rmtree(made_parents, ignore_errors=True)
