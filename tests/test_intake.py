"""Intake for people who don't use git: issue form body -> `trackrecord new --from-issue` -> draft.

The bodies below are written the way GitHub renders a submitted issue form: one `### Label`
section per field, `_No response_` for an optional field left empty.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.cli.intake import IGNORED_LABELS, LABELS, MAX_BODY_BYTES, IntakeError, draft_from_issue, parse_sections
from generator.cli.scaffold import NewSite, site_files
from generator.records.schema import schema
from generator.scoring.answers import LEGACY_ANSWERED_STATUS

FORM = Path(__file__).resolve().parents[1] / ".github" / "ISSUE_TEMPLATE" / "incident.yml"


def body(**answers: str) -> str:
    """An issue body with the given answers (by record field); every other section says _No response_."""
    sections = []
    for label, name in LABELS.items():
        sections.append(f"### {label}\n\n{answers.get(name, '_No response_')}\n")
    sections.append("### Before you send\n\n- [X] What I wrote is true to the best of my knowledge.\n")
    return "\n".join(sections)


VALID_NEW_COMPANY = body(
    company="Comcast",
    title="Technician fell asleep on the customer's couch",
    date="2006-06-20",
    rating="ugly",
    issue="A technician came to fix a broken modem, waited on hold with his own office\n"
          "for over an hour, and fell asleep on the couch. <script>alert(1)</script>",
    response="Nothing at first; after the video spread, the company apologised.",
    sources="- https://example.com/2006/06/sleeping-tech\n- The sleeping tech | Example Blog | 2006-06-21",
    channel="phone, in-store",
    contacted="2006-06-20",
    first_response="2006-06-28",
    status="resolved",
    outcome="apology",
    tags="Video, Home visit",
    reported_by="@jdoe",
)
# Only the company and a title: rating, text, date and sources are left for the writer.
INCOMPLETE = body(company="Acme Widgets", title="Parcel never arrived")


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root with one company on file, United Airlines (alias: United)."""
    companies = tmp_path / "reviews" / "companies"
    companies.mkdir(parents=True)
    (companies / "united-airlines.yml").write_text("name: United Airlines\naliases: [United]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def from_issue(repo: Path, text: str | bytes) -> Result:
    issue = repo / "issue.md"
    if isinstance(text, bytes):
        issue.write_bytes(text)
    else:
        issue.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["new", "--from-issue", str(issue)])


def validate(path: str) -> Result:
    return CliRunner().invoke(main, ["validate", path])


def reported_fields(result: Result) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^\S+:\d+:\d+: (\S+?): ", result.stdout, re.MULTILINE)}


def incident_files(repo: Path) -> list[Path]:
    return sorted((repo / "reviews" / "incidents").rglob("*.yml")) if (repo / "reviews" / "incidents").exists() else []


# --- the form and the parser agree -----------------------------------------------------------


def test_form_labels_ids_and_required_fields_match_intake_and_schema() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = [f for f in form["body"] if f["type"] != "markdown"]
    labels = [f["attributes"]["label"] for f in fields]
    assert labels == [*LABELS, *sorted(IGNORED_LABELS)]
    spec = schema("incident")
    for item in fields:
        name = LABELS.get(item["attributes"]["label"])
        if name is None:
            continue
        assert item["id"] == name
        assert name in spec["properties"], name
        required = bool(item.get("validations", {}).get("required"))
        assert required == (name in spec["required"]), f"{name}: required in the form must follow the schema"
    # The spam guard: every required record field is required in the form.
    assert set(spec["required"]) <= {LABELS[f["attributes"]["label"]] for f in fields
                                     if f.get("validations", {}).get("required") and f["attributes"]["label"] in LABELS}


@pytest.mark.parametrize("name", ["rating", "channel", "status", "outcome", "answer"])
def test_dropdown_options_are_the_schema_values(name: str) -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    [item] = [f for f in form["body"] if f.get("id") == name]
    prop = schema("incident")["properties"][name]
    allowed = prop.get("enum") or prop.get("items", {}).get("enum")
    if allowed is None:  # rating refers to a shared definition
        allowed = schema("incident")["$defs"]["rating"]["enum"]
    # The old format's status responded is still read, but the form does not offer it.
    assert item["attributes"]["options"] == [value for value in allowed if value != LEGACY_ANSWERED_STATUS]


@pytest.mark.parametrize("made_by_init", [False, True], ids=["this repository", "made by init"])
def test_issue_templates_config_refuses_blank_issues(made_by_init: bool) -> None:
    if made_by_init:
        files = site_files(NewSite(name="x", url="https://owner.github.io/records/", repo_url=None, version="0"))
        config = yaml.safe_load(files[".github/ISSUE_TEMPLATE/config.yml"])
        site_url = yaml.safe_load(files["mkdocs.yml"])["site_url"]
        # init's form is this one: `trackrecord new --from-issue` reads its labels.
        assert files[".github/ISSUE_TEMPLATE/incident.yml"] == FORM.read_text(encoding="utf-8")
    else:
        config = yaml.safe_load((FORM.parent / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert {link["name"] for link in config["contact_links"]} >= {"Contribution guide"}
    if made_by_init:
        # The links follow the site's address: init writes both from one answer.
        assert site_url == "https://owner.github.io/records/"
        assert [link["url"] for link in config["contact_links"]] == [site_url, site_url + "contributing/"]


# --- valid and incomplete bodies --------------------------------------------------------------


def test_valid_body_becomes_a_draft_that_passes_validate(repo: Path) -> None:
    result = from_issue(repo, VALID_NEW_COMPANY)
    assert result.exit_code == 0, result.output
    path = result.stdout.strip()
    assert path == "reviews/incidents/comcast/2006-06-20-technician-fell-asleep-on-the-customer-s-couch.yml"
    assert (repo / "reviews" / "companies" / "comcast.yml").exists()
    checked = validate("reviews")
    assert checked.exit_code == 0, checked.output
    record = yaml.safe_load((repo / path).read_text(encoding="utf-8"))
    assert record["sources"] == [
        "https://example.com/2006/06/sleeping-tech",
        {"title": "The sleeping tech", "publisher": "Example Blog", "date": dt.date(2006, 6, 21)},
    ]
    assert record["channel"] == ["phone", "in-store"]
    assert record["tags"] == ["video", "home-visit"]
    assert record["reported_by"] == "jdoe"
    assert "resolved" not in record  # _No response_ leaves the optional field out
    # Markup is kept as the reader wrote it; the site sanitizes it when it renders.
    assert record["issue"].rstrip("\n").endswith("<script>alert(1)</script>")


def test_known_company_is_found_by_alias_and_no_company_file_is_added(repo: Path) -> None:
    text = VALID_NEW_COMPANY.replace("\nComcast\n", "\nunited\n")
    result = from_issue(repo, text)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("reviews/incidents/united-airlines/")
    assert sorted(p.name for p in (repo / "reviews" / "companies").iterdir()) == ["united-airlines.yml"]
    assert validate("reviews").exit_code == 0


def test_incomplete_body_gives_a_draft_that_validate_rejects_naming_what_is_missing(repo: Path) -> None:
    result = from_issue(repo, INCOMPLETE)
    assert result.exit_code == 0, result.output
    path = result.stdout.strip()
    # No date in the form: the file is named for today until the writer fills it in.
    assert path == f"reviews/incidents/acme-widgets/{dt.date.today().isoformat()}-parcel-never-arrived.yml"
    checked = validate(path)
    assert checked.exit_code == 1
    assert {"date", "rating", "issue", "response", "sources"} <= reported_fields(checked), checked.stdout
    assert "title" not in reported_fields(checked)


def test_a_bad_date_is_kept_for_validate_to_name(repo: Path) -> None:
    result = from_issue(repo, VALID_NEW_COMPANY.replace("\n2006-06-20\n", "\n2006-02-30\n", 1))
    assert result.exit_code == 0, result.output
    checked = validate(result.stdout.strip())
    assert checked.exit_code == 1
    assert "date" in reported_fields(checked)


# --- hostile bodies ---------------------------------------------------------------------------


def test_heading_typed_inside_an_answer_is_refused_not_guessed(repo: Path) -> None:
    sneaky = VALID_NEW_COMPANY.replace(
        "fell asleep on the couch.", "fell asleep.\n\n### Rating\n\ngood\n\n### Sources\n\nhttps://evil.example"
    )
    result = from_issue(repo, sneaky)
    assert result.exit_code == 1
    assert "'### Rating' appears more than once" in result.output
    assert "Traceback" not in result.output
    assert incident_files(repo) == []


def test_yaml_looking_answers_stay_text(repo: Path) -> None:
    # Lines that would be keys, anchors or tags in YAML must come back as the same text.
    issue = 'rating: good\nresponse: "forged"\n&a [*a, *a]\n!!python/object:os.system ["id"]\n  - indented'
    text = VALID_NEW_COMPANY.replace(
        "Technician fell asleep on the customer's couch", 'Title" rating: good #'
    ).replace("A technician came", issue + "\nA technician came")
    result = from_issue(repo, text)
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((repo / result.stdout.strip()).read_text(encoding="utf-8"))
    assert record["title"] == 'Title" rating: good #'
    assert record["rating"] == "ugly"
    assert record["issue"].startswith(issue + "\nA technician came")
    assert validate("reviews").exit_code == 0


def test_control_characters_and_odd_line_breaks_are_removed(repo: Path) -> None:
    hostile = "A\x00 tech\x1b[31mnician\u2028came\rback and"
    text = VALID_NEW_COMPANY.replace("\n", "\r\n").replace("A technician", hostile)
    result = from_issue(repo, text)
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((repo / result.stdout.strip()).read_text(encoding="utf-8"))
    assert record["issue"].startswith("A tech[31mnician\ncame\nback and")
    assert validate("reviews").exit_code == 0


def test_company_name_cannot_leave_the_reviews_folder(repo: Path) -> None:
    result = from_issue(repo, VALID_NEW_COMPANY.replace("\nComcast\n", "\n../../etc/passwd\n"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("reviews/incidents/etc-passwd/")
    assert (repo / "reviews" / "companies" / "etc-passwd.yml").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "names no company"),
        ("Just some text someone typed, no form at all.", "names no company"),
        (body(company="!!! ???", title="x"), "no letters or digits"),
        ("### Company\n\n" + "x" * (MAX_BODY_BYTES + 1), "larger than"),
        (b"### Company\n\n\xff\xfe Acme\n", "not UTF-8"),
    ],
    ids=["empty", "not-a-form", "company-without-letters", "oversized", "not-utf8"],
)
def test_unusable_bodies_give_one_clear_error(repo: Path, text: str | bytes, message: str) -> None:
    result = from_issue(repo, text)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert incident_files(repo) == []


def test_parser_takes_only_known_headings_and_no_response_as_empty() -> None:
    text = "intro\n### Company\n\nAcme\n\n#### Title\n\n### Unknown\nkept\n\n### Tags\n\n_No response_\n"
    sections = parse_sections(text)
    assert sections == {"Company": "Acme\n\n#### Title\n\n### Unknown\nkept", "Tags": None}


def test_missing_company_is_the_only_hard_error() -> None:
    with pytest.raises(IntakeError):
        draft_from_issue(body(title="Only a title"))
    draft = draft_from_issue(body(company="Acme"))
    assert draft.company == "acme" and draft.date is None
    assert draft.values["sources"] == [] and draft.values["rating"] == ""
