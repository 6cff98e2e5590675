"""What the tests share, importable as `support` (pyproject.toml puts tests/ on the path).

- `records`: the record factories, as model objects or as YAML text;
- `sites`: fixture projects and the one way to build them (in-process MkDocs, serve sessions, the CLI);
- `pages`: reading built pages, and hand-written HTML sites;
- `browser`, `zensical`, `theme`, `feeds_rules`, `hostile`, `golden`: Chromium, Zensical builds, the theme's
  partials, what a valid feed is, what record text must never become, and golden trees;
- `integration`: which tests are integration tests, and the guard that keeps the marker true.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SITE_URL = "https://fixture.example.org/"  # the site_url of every fixture project (support.sites)
