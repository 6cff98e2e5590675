"""What the package brings to every site: the theme overrides, the pages generated pages link to,
and the theme settings a site needs. No MkDocs here; the plugin applies what this decides.

theme/, docs/ and the incident form live at the repository's top level. A wheel carries copies
in generator/_shipped/ (setup.py puts them there); a checkout, installed editable, reads the
top-level folders themselves, so an edit to theme/ shows without reinstalling.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from generator.build.output_paths import site_path

_PACKAGE = Path(__file__).resolve().parents[1]  # generator/
_PACKAGED = _PACKAGE / "_shipped"
_CHECKOUT = _PACKAGE.parent

# Pages that every site gets unless its docs/ has its own: generated pages link to the first
# four (methodology/, api/, feeds/, search/), and the issue forms point writers to the last.
READER_PAGES = ("methodology.md", "api.md", "feeds.md", "search.md", "contributing.md")

# Material's own default (its mkdocs_theme.yml): fonts fetched from fonts.googleapis.com.
MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}

# The palette a site gets when it sets none: light or dark as the reader's system prefers, with a toggle.
DEFAULT_PALETTE: list[dict[str, object]] = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo",
     "toggle": {"icon": "material/weather-night", "name": "Dark palette"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
     "toggle": {"icon": "material/weather-sunny", "name": "Light palette"}},
]


class MissingFromPackage(FileNotFoundError):
    """The installed package lacks a file it should carry: a broken install, not the site's fault."""


def shipped(name: str) -> Path:
    """A shipped file or folder (`theme`, `docs/api.md`, `ISSUE_TEMPLATE/incident.yml`)."""
    packaged = _PACKAGED / name
    if packaged.exists():
        return packaged
    if (_CHECKOUT / "setup.py").is_file():  # a checkout, not site-packages (where another package's docs/ may lie)
        in_checkout = _CHECKOUT / (f".github/{name}" if name.startswith("ISSUE_TEMPLATE/") else name)
        if in_checkout.exists():
            return in_checkout
    raise MissingFromPackage(f"the installed trackrecord lacks {name}; reinstall it (pip install --force-reinstall "
                             "trackrecord)")


def theme_dir() -> Path:
    return shipped("theme")


def reader_pages(taken: Container[str], *, directory_urls: bool = True) -> dict[str, Path]:
    """The shipped pages whose place in the built site is free, by their path under docs/.

    `taken`: the site paths the site's own files are written to. A docs/methodology.md of its own,
    or a docs/methodology/index.md, takes the place of the shipped methodology.md."""
    return {name: shipped(f"docs/{name}") for name in READER_PAGES
            if site_path(name, directory_urls=directory_urls) not in taken}


@dataclass(frozen=True, slots=True)
class ThemeCheck:
    """What the plugin does with the site's `theme:` settings."""

    error: str | None = None  # the build cannot go on
    font: object = None  # the font setting to use instead, when not None
    palette: list[dict[str, object]] | None = None  # the palette to use instead, when not None
    warnings: tuple[str, ...] = ()


def theme_problem(name: object) -> str | None:
    """What is wrong with the theme's name for trackrecord's pages, as mkdocs.yml's errors say it."""
    if name == "material":
        return None
    return (f"theme: trackrecord's pages are made for Material for MkDocs, but the theme is {name!r}; "
            "write `theme: material` (or `name: material` under theme:)")


def check_theme(name: object, font: object, palette: object) -> ThemeCheck:
    """The site's theme name, font and palette as the pages need them (messages name the setting)."""
    if (problem := theme_problem(name)) is not None:
        return ThemeCheck(error=problem)
    warnings = []
    new_font: object = None
    if font == MATERIAL_DEFAULT_FONT or font is None:
        # Material's default asks Google's servers on every page view, which readers never agreed to:
        # unset, the reader's system fonts are used.
        new_font = False
    elif font is not False:
        warnings.append(f"theme.font: {font!r} makes every page load fonts from fonts.googleapis.com, "
                        "a request to another host that readers did not agree to; set `font: false`")
    # Unset, Material shows the light scheme only, with no way to switch.
    new_palette = None if palette else DEFAULT_PALETTE
    return ThemeCheck(font=new_font, palette=new_palette, warnings=tuple(warnings))
