"""A verdict a reader sees at once (issue 19): on company pages, cards and the home page the counts
lead, then the grade, or a label that says what a grade needs with the company's own numbers; "why
this grade" in sentences that agree with its table; badges and grades link to the methodology.
Read from real builds of the sample and metrics fixtures, and of a small project made here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from support.pages import article, page_url, resolve
from support.records import company_yaml, incident_yaml
from support.sites import METRICS, SAMPLE, Built, build_site, write_project

from generator.records.reader import load_corpus
from generator.render.pages.home import LATEST, RANKED, most_written_about
from generator.scoring.catalog import Catalog, build_catalog
from generator.scoring.grade import MIN_RECENT_WEIGHT, MIN_STORIES, NOT_ENOUGH_RECENT_DATA
from generator.scoring.verdict import verdict_words

pytestmark = pytest.mark.integration

INTERACTIVE = ["a", "button", "input", "select", "textarea", "summary"]


def _catalog(reviews: Path) -> Catalog:
    return build_catalog(load_corpus(reviews))


def _target(site: Built, url: str, href: str) -> tuple[Path, str]:
    """The file and the fragment a link on the page at `url` points to."""
    path = resolve(site.site, url, href)
    assert path is not None and path.is_file(), href
    return path, href.partition("#")[2]


def _anchor_exists(site: Built, url: str, href: str) -> None:
    path, fragment = _target(site, url, href)
    assert fragment, f"{href} names no section"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    assert page.find(id=fragment) is not None, f"{href}: no element with id {fragment!r} on {page_url(site.site, path)}"


def _words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def _cards(site: Built, url: str) -> list[Tag]:
    cards = article(site.page(url)).select(".tr-cards > .tr-card")
    assert cards, f"no cards on {url}"
    return cards


def _rating(tag: Tag) -> str:
    """The rating of the badge in `tag`, from its word: "good", "bad" or "ugly"."""
    return tag.select_one(".tr-badge").get_text().split()[-1].lower()  # type: ignore[union-attr]


def _name(card: Tag) -> str:
    return _words(card.select_one(".tr-card__name a"))  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["sample", "metrics"])
def test_cards_lead_with_the_counts_then_the_grade_or_what_it_needs(sample_site: Built, metrics_site: Built,
                                                                    which: str) -> None:
    site, reviews = (sample_site, SAMPLE) if which == "sample" else (metrics_site, METRICS)
    catalog = _catalog(reviews)
    slugs = {c.name: c.slug for c in catalog.corpus.companies.values()}
    cards = _cards(site, "companies/")
    assert sorted(_name(card) for card in cards) == sorted(slugs)
    for card in cards:
        slug = slugs[_name(card)]
        metrics, grade = catalog.metrics[slug], catalog.grades[slug]
        parts = card.find_all(recursive=False)
        # The name, then the counts, then the grade or the label.
        assert [p.get("class")[0] for p in parts[:3]] == ["tr-card__name", "tr-card__counts", "tr-card__grade"]
        shown = {_rating(item): int(item.select_one(".tr-tally__n").get_text())  # type: ignore[union-attr]
                 for item in parts[1].select(".tr-tally__item")}
        assert shown == dict(metrics.counts)
        assert _words(parts[1]).startswith(f"{metrics.total} incident")
        if grade.letter is None:
            label = parts[2].select_one(".tr-no-grade")
            assert label is not None and label.name == "span" and _words(label) == verdict_words(grade)
            assert parts[2].select_one(".tr-grade") is None
        else:
            shown_grade = parts[2].select_one("a.tr-grade")
            assert shown_grade is not None and _words(shown_grade) == f"Grade {grade.letter}"
            assert f"score {grade.score:.1f} of 100" in _words(parts[2])
            _anchor_exists(site, "companies/", str(shown_grade["href"]))
        # One link to the company, and no link inside another.
        name_link = card.select_one(".tr-card__name a")
        assert name_link is not None
        assert resolve(site.site, "companies/", str(name_link["href"])) == site.site / f"companies/{slug}/index.html"


def test_the_label_names_the_real_threshold_and_the_count_so_far(sample_site: Built) -> None:
    catalog = _catalog(SAMPLE)
    for slug, grade in catalog.grades.items():
        assert grade.letter is None, slug
        verdict = article(sample_site.page(f"companies/{slug}/")).select_one(".tr-verdict")
        assert verdict is not None
        label = _words(verdict.select_one(".tr-no-grade"))  # type: ignore[arg-type]
        so_far = "none" if grade.stories == 0 else str(grade.stories)
        assert label == (f"No grade yet: a grade needs {MIN_STORIES} incidents raised with the company; "
                         f"{so_far} so far."), slug
        more = verdict.find("a", string="What a grade needs")
        assert isinstance(more, Tag)
        _anchor_exists(sample_site, f"companies/{slug}/", str(more["href"]))
    # Not the old full-width box: the words "Not enough data" are gone from every card and verdict.
    for card in _cards(sample_site, "companies/"):
        assert "Not enough data" not in card.get_text()


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`old`: three stories raised with it, all old: not enough recent data. `split`: three records of one
    story and a fourth on a source of its own: two stories, told in four records."""
    root = tmp_path_factory.mktemp("verdict")
    records = {
        "companies/old.yml": company_yaml("Old Co"),
        "companies/split.yml": company_yaml("Split Co"),
        "incidents/split/2024-01-01-lone.yml": incident_yaml("split", "2024-01-01", "A lone story", channel=["email"]),
    }
    for n, day in enumerate(("2010-01-01", "2011-01-01", "2012-01-01")):
        records[f"incidents/old/{day}-case-{n}.yml"] = incident_yaml("old", day, f"Old case {n}", channel=["email"])
        records[f"incidents/split/2023-0{n + 1}-01-part-{n}.yml"] = incident_yaml(
            "split", f"2023-0{n + 1}-01", f"Part {n} of one story", channel=["email"],
            sources=["https://example.org/one-story"])
    project = write_project(root / "project", records)
    return build_site(project, root / "site")


def test_not_enough_recent_data_is_said_with_the_weight_it_has(small_site: Built) -> None:
    catalog = _catalog(small_site.project / "reviews")
    grade = catalog.grades["old"]
    assert grade.shortfall == NOT_ENOUGH_RECENT_DATA and grade.stories == 3
    page = small_site.page("companies/old/")
    label = _words(article(page).select_one(".tr-verdict .tr-no-grade"))  # type: ignore[arg-type]
    assert label.startswith("No grade yet: not enough recent data.")
    assert "Its 3 incidents raised with the company are old" in label
    assert f"together count for {grade.total_weight:.2f} of a new one" in label
    assert label.endswith(f"a grade needs {MIN_RECENT_WEIGHT:g}.")
    why = _words(article(page).select_one(".tr-why__words"))  # type: ignore[arg-type]
    assert f"together they weigh {grade.total_weight:.2f} of a new incident" in why
    # The shared link and the API say the same.
    description = page.head.find("meta", attrs={"property": "og:description"})  # type: ignore[union-attr]
    assert description is not None and str(description["content"]).startswith(label)
    api = json.loads(small_site.json_text("api/v2/companies/old.json"))["company"]["grade"]
    assert api["verdict"] == label and api["total_weight"] == pytest.approx(grade.total_weight, abs=1e-4)


def test_records_of_one_story_are_counted_once_and_the_label_says_so(small_site: Built) -> None:
    grade = _catalog(small_site.project / "reviews").grades["split"]
    assert grade.letter is None and grade.stories == 2
    label = _words(article(small_site.page("companies/split/")).select_one(".tr-no-grade"))  # type: ignore[arg-type]
    assert label == (f"No grade yet: a grade needs {MIN_STORIES} incidents raised with the company; 2 so far "
                     "(4 records, but records on the same source count once).")


def test_graded_companies_show_the_grade_linked_to_the_methodology(metrics_site: Built) -> None:
    catalog = _catalog(METRICS)
    for slug in ("acme", "acme-mobile"):
        grade = catalog.grades[slug]
        url = f"companies/{slug}/"
        verdict = article(metrics_site.page(url)).select_one(".tr-verdict")
        assert verdict is not None
        counts, shown = verdict.find_all("p")
        assert counts.get("class") == ["tr-verdict__counts"]  # the counts lead
        link = shown.select_one("a.tr-grade")
        assert link is not None and link.get_text() == f"Grade {grade.letter}"
        path, fragment = _target(metrics_site, url, str(link["href"]))
        assert page_url(metrics_site.site, path) == "methodology/" and fragment == "the-grade"
        _anchor_exists(metrics_site, url, str(link["href"]))
        why = shown.find("a", string="Why this grade")
        assert isinstance(why, Tag) and why["href"] == "#why-this-grade"
        assert article(metrics_site.page(url)).find(id="why-this-grade") is not None


@pytest.mark.parametrize("url", ["", "companies/acme/", "incidents/acme/2024-06-01-refund-after-broken-blender/",
                                 "rating/bad/", "companies/"])
def test_rating_badges_link_to_what_the_ratings_mean(metrics_site: Built, url: str) -> None:
    body = article(metrics_site.page(url))
    badges = body.select(".tr-badge")
    assert badges
    linked = 0
    for badge in badges:
        assert re.search(r"\b(Good|Bad|Ugly)\b", badge.get_text()), badge  # a word, never colour alone
        assert str(badge["title"]).startswith("The writer's rating")  # labelled as the writer's judgement
        if badge.name == "a":
            linked += 1
            path, fragment = _target(metrics_site, url, str(badge["href"]))
            assert page_url(metrics_site.site, path) == "methodology/" and fragment == "ratings"
        else:
            # Only inside another link (the home page's "Browse" row) or on a card, whose link is the name.
            assert badge.find_parent("a") is not None or badge.find_parent(class_="tr-card") is not None, badge
    # Where no badge is a link (the companies' cards), the page says in words where the ratings are explained.
    explained = [a for a in body.find_all("a", href=True) if str(a["href"]).endswith("methodology/#ratings")]
    assert linked or explained
    _anchor_exists(metrics_site, url, str((body.select_one("a.tr-badge") or explained[0])["href"]))
    ratings = metrics_site.page("methodology/").find(id="ratings")
    assert ratings is not None and "judgement" in ratings.find_next("p").get_text()  # type: ignore[union-attr]


def test_home_page_is_useful_before_any_grade(sample_site: Built) -> None:
    catalog = _catalog(SAMPLE)
    assert not catalog.ranked
    body = article(sample_site.page(""))
    latest = body.find(id="latest").find_next("ul")  # type: ignore[union-attr]
    titles = [_words(a) for a in latest.select(".tr-item__title")]  # type: ignore[union-attr]
    assert titles == [i.title for i in catalog.incidents_newest[:LATEST]]
    written = body.find(id="most-written-about")
    assert written is not None
    cards = written.find_next("div", class_="tr-cards").select(".tr-card")  # type: ignore[union-attr]
    names = [catalog.company_name(s) for s in most_written_about(catalog)[:RANKED]]
    assert [_name(card) for card in cards] == names and len(names) == RANKED
    # United Airlines has posts from the web beside its incident: it is among the most written about.
    assert "United Airlines" in names
    grades = body.find(id="grades")
    assert grades is not None
    text = _words(grades.find_next("p", class_="tr-needs"))  # type: ignore[arg-type]
    assert f"A grade needs at least {MIN_STORIES} incidents raised with the company" in text
    assert "No company has a grade yet" in _words(grades.find_next("p"))  # type: ignore[arg-type]
    needs = grades.find_next("a", string="What a grade needs")
    assert isinstance(needs, Tag)
    _anchor_exists(sample_site, "", str(needs["href"]))


def test_home_page_ranks_the_graded_without_a_company_both_best_and_worst(metrics_site: Built) -> None:
    catalog = _catalog(METRICS)
    body = article(metrics_site.page(""))
    best = [_name(c) for c in body.find(id="best").find_next("div", class_="tr-cards").select(".tr-card")]  # type: ignore[union-attr]
    worst = [_name(c) for c in body.find(id="worst").find_next("div", class_="tr-cards").select(".tr-card")]  # type: ignore[union-attr]
    ranked = [catalog.company_name(s) for s in catalog.ranked]
    assert best == ranked[:1] and worst == ranked[1:][::-1] and not set(best) & set(worst)
    assert body.find(id="most-written-about") is not None
    assert body.find(id="latest") is not None


_GROUP = re.compile(
    r"(\d+) (ugly|bad|good)? ?incidents?( made right later)? \(([\d.]+)% of the grade, ([+-][\d.]+) points\)")


def _table_groups(table: Tag) -> dict[str, tuple[int, float, float]]:
    """Count, summed share (%) and summed points by kind, from the rows of the table that count."""
    found: dict[str, tuple[int, float, float]] = {}
    for row in table.select("tbody tr:not(.tr-why__prior)"):
        weight = float(row.select_one("td.tr-why__weight").get_text())  # type: ignore[union-attr]
        if weight == 0:
            continue
        cells = row.find_all("td")
        kind = "made right" if "made right" in cells[2].get_text() else _rating(cells[2])
        share = float(row.select_one("td.tr-why__share").get_text().rstrip("%"))  # type: ignore[union-attr]
        points = float(row.select_one("td.tr-why__points").get_text())  # type: ignore[union-attr]
        n, s, p = found.get(kind, (0, 0.0, 0.0))
        found[kind] = (n + 1, s + share, p + points)
    return found


@pytest.mark.parametrize("slug", ["acme", "acme-mobile"])
def test_why_this_grade_sentences_agree_with_the_table(metrics_site: Built, slug: str) -> None:
    catalog = _catalog(METRICS)
    grade = catalog.grades[slug]
    body = article(metrics_site.page(f"companies/{slug}/"))
    section = body.find(id="why-this-grade").find_parent("section")  # type: ignore[union-attr]
    words = _words(section.select_one(".tr-why__words"))  # type: ignore[union-attr, arg-type]
    table = section.select_one("table.tr-why")  # type: ignore[union-attr]
    assert table is not None
    # The sentences come before the table, and the columns say what they hold.
    assert str(section).index("tr-why__words") < str(section).index("<table")
    headers = [_words(th) for th in table.select("thead th")]
    assert headers == ["Incident", "Date", "Writer's rating", "Points for the rating", "Weight (1 = a new incident)",
                       "Share of the grade", "Adds to the grade", "Why"]
    assert "×" not in table.get_text()
    assert f"The score is {grade.score:.1f} out of 100, which is a {grade.letter}" in words
    said = {}
    for n, rating, made_right, share, points in _GROUP.findall(words):
        said["made right" if made_right else rating] = (int(n), float(share), float(points))
    rows = _table_groups(table)
    assert set(said) == set(rows)
    for kind, (n, share, points) in said.items():
        count, shares, summed = rows[kind]
        assert n == count, kind
        # The table's cells are rounded one by one; the sentence rounds the sum.
        assert share == pytest.approx(shares, abs=0.05 * count + 1e-9), kind
        assert points == pytest.approx(summed, abs=0.005 * count + 1e-9), kind
    prior = table.select_one("tr.tr-why__prior td.tr-why__share").get_text()  # type: ignore[union-attr]
    assert prior in words  # the neutral start's share, as the table gives it
    never = sum(1 for line in grade.lines if not line.graded)
    if never:
        assert f"Not counted: {never} incident" in words


@pytest.mark.parametrize("url", ["", "companies/", "companies/acme/", "rating/bad/",
                                 "incidents/acme/2024-06-01-refund-after-broken-blender/"])
def test_markup_has_no_nested_links_headings_in_order_and_named_links(metrics_site: Built, url: str) -> None:
    body = article(metrics_site.page(url))
    for tag in body.find_all(INTERACTIVE):
        # Nothing interactive inside a link, a button or a panel's summary (a <details> may hold links).
        assert tag.find_parent(["a", "button", "summary", "label"]) is None, tag
    levels = [int(h.name[1]) for h in body.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for a in body.find_all("a", href=True):
        assert _words(a) or a.get("aria-label") or a.get("title"), a


def test_the_key_names_the_reference_date(metrics_site: Built) -> None:
    """The weight column says what 1 means: an incident on the reference date, which is a date in the records."""
    key = article(metrics_site.page("companies/acme/")).select_one(".tr-why__key")
    assert key is not None and f"dated {_catalog(METRICS).as_of.isoformat()}" in key.get_text()
