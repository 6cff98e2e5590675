"""'Edit this record' and Material's edit button point at the record's YAML in the repository.

The fixture project sets repo_url https://github.com/example/trackrecord and edit_uri edit/main/docs/,
and turns on Material's content.action.edit so that its button is rendered too.
"""

from __future__ import annotations

import pytest
from support.pages import article
from support.sites import REPO_URL, Built

pytestmark = pytest.mark.integration

INCIDENT = "2024-06-01-refund-after-broken-blender"
EDIT_BASE = f"{REPO_URL}/edit/main/"


def _material_edit_button(site: Built, url: str) -> str | None:
    button = site.page(url).find("a", class_="md-content__button", rel="edit")
    return None if button is None else str(button["href"])


def test_incident_page_links_its_yaml(metrics_site: Built) -> None:
    body = article(metrics_site.page(f"incidents/acme/{INCIDENT}/"))
    edit = body.find("p", class_="tr-edit")
    assert edit is not None and edit.a is not None and edit.a.get_text() == "Edit this record"
    assert edit.a["href"] == f"{EDIT_BASE}reviews/incidents/acme/{INCIDENT}.yml"
    assert edit.code.get_text() == f"reviews/incidents/acme/{INCIDENT}.yml"  # type: ignore[union-attr]


def test_material_edit_button_points_at_the_record_too(metrics_site: Built) -> None:
    assert _material_edit_button(metrics_site, f"incidents/acme/{INCIDENT}/") == (
        f"{EDIT_BASE}reviews/incidents/acme/{INCIDENT}.yml"
    )
    assert _material_edit_button(metrics_site, "companies/acme/") == f"{EDIT_BASE}reviews/companies/acme.yml"


def test_hand_written_page_keeps_mkdocs_edit_link(metrics_site: Built) -> None:
    assert _material_edit_button(metrics_site, "about/") == f"{EDIT_BASE}docs/about.md"


def test_generated_listing_has_no_edit_button(metrics_site: Built) -> None:
    """A listing has no file behind it: an edit link would point at a docs/ file that does not exist."""
    for url in ("", "companies/", "rating/bad/", "tag/", "year/2024/"):
        assert _material_edit_button(metrics_site, url) is None, url
