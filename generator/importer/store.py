"""Post files and the conditional-GET state, written so git sees only real changes.

- One file per post: reviews/posts/<feed-slug>/<sha256(id)[:16]>.yml.
- Writes are atomic (temp file in the same folder, then os.replace): a reader or a killed run
  sees the old file or the new one, never half of one.
- Loss-free: a stored post is never deleted, and an update only adds or refreshes fields; a
  field the feed no longer sends keeps its stored value, and companies are only ever added.
- Byte-stable: a fixed field order, every string quoted the same way, nothing written when the
  merged record equals the stored one. The state file holds validators, never a "last checked" time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from generator.records.files import write_atomically
from generator.records.local_schemas import schema_line
from generator.records.yaml_source import YamlProblem, read_document

POSTS_DIR = "posts"
STATE_FILE = "state.json"  # not .yml, so the record loader skips it
SCHEMA_LINE = schema_line("post")
FIELD_ORDER = ("id", "feed", "title", "link", "published", "updated", "author", "summary", "companies")

Saved = Literal["new", "updated", "same", "kept"]


def post_file(reviews: Path, feed_slug: str, post_id: str) -> Path:
    digest = hashlib.sha256(post_id.encode("utf-8")).hexdigest()[:16]
    return reviews / POSTS_DIR / feed_slug / f"{digest}.yml"


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: never read as a boolean, number or date.
    return json.dumps(value, ensure_ascii=False)


def render_post(fields: Mapping[str, Any]) -> str:
    lines = [SCHEMA_LINE, "# Written by `trackrecord import`. You may add companies; other fields follow the feed."]
    for name in FIELD_ORDER:
        value = fields.get(name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            lines.append(f"{name}:")
            lines += [f"  - {_quoted(item)}" for item in value]
        else:
            lines.append(f"{name}: {_quoted(str(value))}")
    return "\n".join(lines) + "\n"


def merge(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The stored record refreshed by the feed's version, losing nothing."""
    merged = dict(old)
    for name, value in new.items():
        if value not in (None, "", []) and name != "companies":
            merged[name] = value
    companies = set(old.get("companies") or ()) | set(new.get("companies") or ())
    if companies:
        merged["companies"] = sorted(companies)
    return merged


def save_post(path: Path, fields: Mapping[str, Any], dry_run: bool = False) -> Saved:
    """Write or refresh one post. "kept": a stored file we cannot read, or another id's, is left alone."""
    if path.exists():
        try:
            old = read_document(path, path.as_posix()).data
        except YamlProblem:
            return "kept"
        if not isinstance(old, dict) or old.get("id") != fields["id"]:
            return "kept"
        merged = merge(old, fields)
        if merged == old:
            return "same"
        if not dry_run:
            write_atomically(path, render_post(merged))
        return "updated"
    if not dry_run:
        write_atomically(path, render_post(merge({}, fields)))
    return "new"


def state_file(reviews: Path) -> Path:
    return reviews / POSTS_DIR / STATE_FILE


def load_state(path: Path) -> dict[str, dict[str, str]]:
    """Validators per feed URL. A missing or unreadable file means a fresh start (full GETs)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}
    return {
        url: {k: v for k, v in entry.items() if isinstance(v, str)}
        for url, entry in feeds.items()
        if isinstance(url, str) and isinstance(entry, dict)
    }


def render_state(state: Mapping[str, Mapping[str, str]]) -> str:
    kept = {url: dict(entry) for url, entry in state.items() if entry}
    return json.dumps({"feeds": kept}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save_state(path: Path, state: Mapping[str, Mapping[str, str]]) -> bool:
    """Write the state if it changed. Returns whether it was written."""
    text = render_state(state)
    try:
        if path.read_text("utf-8") == text:
            return False
    except OSError:
        pass
    write_atomically(path, text)
    return True
