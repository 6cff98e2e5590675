"""Right of reply, disputes, corrections, withdrawal and checkable sources, on a real built site.

The records are in tests/fixtures/site/reply/ (README.md there says what each shows).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from bs4 import Tag
from support.pages import article
from support.sites import REPO_URL, SITE_FIXTURES, Built, build_site, run_mkdocs, write_project

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

ACME = "companies/acme/"
REPLIED = "incidents/acme/2023-01-01-reply-by-email/"
OPEN = "incidents/acme/2023-02-01-disputed-open/"
DECIDED = "incidents/acme/2023-03-01-dispute-decided/"
CORRECTED = "incidents/acme/2023-04-01-corrected/"
WITHDRAWN = "incidents/acme/2023-05-01-withdrawn/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("reply")
    project = write_project(root / "project", SITE_FIXTURES / "reply" / "reviews")
    return build_site(project, root / "site")


def _item(site: Built, url: str, href_part: str) -> Tag:
    for li in article(site.page(url)).find_all("li", class_="tr-item"):
        if any(href_part in str(a.get("href", "")) for a in li.find_all("a")):
            return li
    raise AssertionError(f"no item for {href_part} on {url}")


def test_the_reply_is_at_the_top_and_beside_the_account(site: Built) -> None:
    body = article(site.page(REPLIED))
    html = str(body)
    banner = body.find(class_="tr-banner--replied")
    assert isinstance(banner, Tag) and "The company replied" in banner.get_text()
    assert html.index("tr-banner--replied") < html.index('id="issue"')
    account = body.find("div", class_="tr-account--replied")
    assert isinstance(account, Tag)
    # The story and the reply are the two columns of one grid on wide screens.
    assert [c.get("class") for c in account.find_all(recursive=False)] == [["tr-account__story"], ["tr-account__reply"]]
    reply = account.find("aside", class_="tr-account__reply")
    assert isinstance(reply, Tag)
    assert "We have changed our doorstep policy" in reply.get_text()
    assert "received by email on 2023-01-11, not published online; checked by the maintainer maintainer-m" in \
        " ".join(reply.get_text().split())
    rebuttal = reply.find("blockquote", class_="tr-rebuttal")
    assert isinstance(rebuttal, Tag) and "my refund never came" in rebuttal.get_text()
    assert rebuttal.find("a", href="https://blog.example/rain-parcel-update") is not None


def test_listings_and_the_company_page_mark_replies_and_disputes(site: Built) -> None:
    for url in (ACME, "rating/bad/", "year/2023/", ""):
        assert "The company replied" in _item(site, url, "2023-01-01-reply-by-email").get_text(), url
    for url in (ACME, "rating/ugly/"):
        assert "Disputed: not counted" in _item(site, url, "2023-02-01-disputed-open").get_text(), url
    assert "Dispute decided" in _item(site, ACME, "2023-03-01-dispute-decided").get_text()
    plain = _item(site, ACME, "2023-06-01-plain").get_text()
    assert "replied" not in plain and "Disputed" not in plain


def test_an_open_dispute_has_a_banner_and_counts_in_neither_grade_nor_rates(site: Built) -> None:
    banner = article(site.page(OPEN)).find(class_="tr-banner--dispute")
    assert isinstance(banner, Tag)
    words = " ".join(banner.get_text().split())
    assert "Disputed. Acme Parcels disputes this record (since 2023-03-01)" in words
    assert "not counted in the company's grade or rates" in words
    assert "does not work for it" in words
    why = article(site.page(ACME)).find("table", class_="tr-why")
    assert isinstance(why, Tag)
    row = next(tr for tr in why.find_all("tr") if "Driver threw" in tr.get_text())
    assert "disputed: not counted" in row.get_text() and "0.0%" in row.get_text()
    company = json.loads(site.json_text("api/v2/companies/acme.json"))["company"]
    metrics = company["metrics"]
    # Counted: 1 (answered), 3 (not), 4 (answered), 6 (not); the open dispute and the withdrawn record are not.
    assert metrics["disputed"] == 1 and metrics["total"] == 5
    assert metrics["answers"] == {"answered": 2, "not_answered": 2, "not_known": 0}
    assert metrics["response_rate"] == 0.5 and metrics["contacted"] == 4
    line = next(li for li in company["grade"]["lines"] if li["incident"] == "acme/2023-02-01-disputed-open")
    assert line["disputed"] is True and line["graded"] is False and line["share"] == 0
    assert company["grade"]["stories"] == 4
    assert "2 of 5 incidents" not in article(site.page(ACME)).get_text()
    assert "1 of 5 incidents is disputed: not counted" in " ".join(article(site.page(ACME)).get_text().split())


def test_a_decided_dispute_shows_its_decision_and_counts_again(site: Built) -> None:
    banner = article(site.page(DECIDED)).find(class_="tr-banner--dispute")
    assert isinstance(banner, Tag)
    words = " ".join(banner.get_text().split())
    assert "Dispute decided." in words and "decided on 2023-04-01" in words
    assert "the record stands as written" in words
    lines = json.loads(site.json_text("api/v2/companies/acme.json"))["company"]["grade"]["lines"]
    line = next(li for li in lines if li["incident"] == "acme/2023-03-01-dispute-decided")
    assert line["graded"] is True and line["disputed"] is False and line["share"] > 0


def test_corrections_quotes_archived_copies_and_sources_not_online(site: Built) -> None:
    body = article(site.page(CORRECTED))
    corrections = body.find("ol", class_="tr-corrections")
    assert isinstance(corrections, Tag)
    words = " ".join(corrections.get_text().split())
    assert "2023-05-01" in words and "wrongly given as Springfield" in words and "names Shelbyville" in words
    sources = body.find("ul", class_="tr-sources")
    assert isinstance(sources, Tag)
    first, cited = sources.find_all("li", recursive=False)
    assert first.find("blockquote", class_="tr-quote").get_text() == "They found it within the hour and apologised."
    archived = first.find("a", class_="tr-archived")
    assert archived is not None and archived["href"] == "https://archive.example/web/2023/https://blog.example/quick-fix"
    assert "not online" in cited.get_text() and "not online" not in first.get_text()
    full = next(i for i in json.loads(site.json_text("api/v2/companies/acme.json"))["company"]["incidents"]
                if i["id"] == "acme/2023-04-01-corrected")
    assert full["corrections"] == [{"date": "2023-05-01", "changed": "The town was wrongly given as Springfield.",
                                    "why": "The customer's post names Shelbyville."}]
    assert full["sources"][0]["quote"].startswith("They found it")


def test_a_withdrawn_record_is_a_notice_and_nowhere_else(site: Built) -> None:
    page = site.page(WITHDRAWN)
    body = article(page)
    words = " ".join(body.get_text().split())
    assert "withdrawn on 2023-06-01" in words and "no other source could be found" in words
    assert "burned" not in str(page) and "warehouse" not in str(page)
    assert page.find(attrs={"data-pagefind-body": True}) is None, "the notice is not searchable"
    for path in site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml") and path.parent.name != "2023-05-01-withdrawn":
            data = path.read_text("utf-8")
            assert "burned warehouse" not in data and "warehouse burned" not in data, path
            if path.suffix != ".json" and path.name != "sitemap.xml":  # the sitemap lists the notice's address
                assert "2023-05-01-withdrawn" not in data, path
    listed = json.loads(site.json_text("api/v2/incidents.json"))
    assert "acme/2023-05-01-withdrawn" not in [i["id"] for i in listed["incidents"]]
    assert listed["withdrawn"] == [{
        "id": "acme/2023-05-01-withdrawn", "company": "acme", "withdrawn": True, "withdrawn_on": "2023-06-01",
        "reason": "The only source was taken down and no other source could be found.",
        "url": "https://fixture.example.org/incidents/acme/2023-05-01-withdrawn/"}]
    company = json.loads(site.json_text("api/v2/companies/acme.json"))["company"]
    assert [w["id"] for w in company["withdrawn"]] == ["acme/2023-05-01-withdrawn"]
    feed = json.loads(site.json_text("feeds/feed.json"))
    assert len(feed["items"]) == 5 and not any("withdrawn" in item["id"] for item in feed["items"])
    assert "5 incidents" in article(site.page(ACME)).get_text()


def test_no_history_line_without_git(site: Built) -> None:
    assert article(site.page(REPLIED)).find(class_="tr-history") is None


def test_last_change_and_history_link_come_from_git(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", SITE_FIXTURES / "reply" / "reviews")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

    def git(*args: str, when: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    git("init", "-q", "-b", "main", when="2024-01-01T12:00:00Z")
    git("add", "-A", when="2024-01-01T12:00:00Z")
    git("commit", "-q", "-m", "records", when="2024-01-01T12:00:00Z")
    record = project / "reviews/incidents/acme/2023-04-01-corrected.yml"
    record.write_text(record.read_text("utf-8") + "tags: [quick-fix]\n", "utf-8")
    git("commit", "-q", "-am", "a tag", when="2024-02-03T12:00:00Z")
    # A fresh process, as a user builds: in this one a plugin started for `serve` by another test may persist.
    done = run_mkdocs(project, "build", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    built = Built(project, tmp_path / "site")
    for url, day in ((CORRECTED, "2024-02-03"), (REPLIED, "2024-01-01")):
        line = article(built.page(url)).find("p", class_="tr-history")
        assert isinstance(line, Tag), url
        assert f"Last changed {day}" in line.get_text()
        link = line.find("a")
        assert link is not None
        assert link["href"] == f"{REPO_URL}/commits/main/reviews/{url.rstrip('/')}.yml"
