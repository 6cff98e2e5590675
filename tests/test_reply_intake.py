"""The "Reply or correction" form -> `trackrecord reply --from-issue` -> the record change."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.cli.reply_intake import IGNORED_LABELS, KINDS, LABELS, RECEIVED_HOW
from generator.records.advice import advice
from generator.records.reader import load_corpus
from generator.records.schema import schema

FORMS = Path(__file__).resolve().parents[1] / ".github" / "ISSUE_TEMPLATE"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "reply" / "reviews"
PLAIN = "incidents/acme/2023-06-01-plain"
ISSUE = "https://github.com/example/trackrecord/issues/7"


def body(kind: str, text: str, record: str = f"https://trackrecord.example.org/{PLAIN}/", by: str = "Acme Parcels",
         source: str = "_No response_") -> str:
    answers = {"Which record": record, "What you are sending": kind, "Who you are": by, "Your text": text,
               "Where it is published": source}
    sections = [f"### {label}\n\n{answers[label]}\n" for label in LABELS]
    sections.append("### Before you send\n\n- [X] I included no email address.\n")
    return "\n".join(sections)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "reviews")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def reply(repo: Path, text: str, *args: str) -> Result:
    (repo / "issue.md").write_text(text, "utf-8")
    return CliRunner().invoke(main, ["reply", "--from-issue", "issue.md", "--checked-by", "maintainer-m", *args])


def incident(repo: Path, key: str = PLAIN) -> object:
    return next(i for i in load_corpus(repo / "reviews").incidents if f"incidents/{i.key}" == key)


def test_form_labels_and_kinds_match_the_intake() -> None:
    form = yaml.safe_load((FORMS / "reply.yml").read_text("utf-8"))
    fields = [f for f in form["body"] if f["type"] != "markdown"]
    assert [f["attributes"]["label"] for f in fields] == [*LABELS, *sorted(IGNORED_LABELS)]
    assert [f["id"] for f in fields if f["attributes"]["label"] in LABELS] == list(LABELS.values())
    [kind] = [f for f in fields if f["id"] == "kind"]
    assert kind["attributes"]["options"] == list(KINDS)
    assert set(RECEIVED_HOW) == set(schema("incident")["$defs"]["received"]["properties"]["how"]["enum"])
    # Both forms warn against private details, and require the box to be ticked.
    for name in ("reply.yml", "incident.yml"):
        text = (FORMS / name).read_text("utf-8")
        assert "Do not include private details" in text
        form_body = yaml.safe_load(text)["body"]
        boxes = [o for f in form_body if f["type"] == "checkboxes" for o in f["attributes"]["options"]]
        assert any("no email address, phone number" in o["label"] and o["required"] for o in boxes), name


def test_about_page_points_only_to_forms_that_exist() -> None:
    about = (FORMS.parents[1] / "docs" / "about.md").read_text("utf-8")
    names = {yaml.safe_load(p.read_text("utf-8"))["name"] for p in FORMS.glob("*.yml") if p.name != "config.yml"}
    assert names == {"Report an incident", "Reply or correction"}
    for name in names:
        assert f"*{name}* form" in about
    for template in ("reply.yml", "incident.yml"):
        assert f"template={template}" in about and (FORMS / template).is_file()
    assert "open an issue" not in about


def test_a_company_reply_from_the_issue_is_recorded_with_who_checked_it(repo: Path) -> None:
    result = reply(repo, body("A reply from the company", "We found the parcel.\n\nIt is on its way."),
                   "--issue-url", ISSUE)
    assert result.exit_code == 0, result.output
    item = incident(repo)
    assert item.company_reply.text == "We found the parcel.\n\nIt is on its way."  # type: ignore[attr-defined]
    assert item.company_reply.source.url == ISSUE  # type: ignore[attr-defined]
    received = item.company_reply.received  # type: ignore[attr-defined]
    assert (received.how, received.checked_by, received.date) == ("issue-form", "maintainer-m", dt.date.today())
    assert item.answer == "answered", "the reply is the company's answer; 'not-answered' would contradict it"  # type: ignore[attr-defined]
    assert CliRunner().invoke(main, ["validate"]).exit_code == 0


def test_a_reply_by_email_needs_no_public_address(repo: Path) -> None:
    result = reply(repo, body("A reply from the company", "We found the parcel."), "--received", "email",
                   "--issue-url", ISSUE)
    assert result.exit_code == 0, result.output
    item = incident(repo)
    assert item.company_reply.source is None and item.company_reply.received.how == "email"  # type: ignore[attr-defined]


def test_a_rebuttal_goes_under_the_reply(repo: Path) -> None:
    key = "incidents/acme/2023-03-01-dispute-decided"
    assert reply(repo, body("A reply from the company", "We did offer a refund.", record=key),
                 "--issue-url", ISSUE).exit_code == 0
    result = reply(repo, body("The customer's rebuttal to the company's reply", "No offer ever came.", record=key,
                              by="the customer"), "--issue-url", ISSUE)
    assert result.exit_code == 0, result.output
    assert incident(repo, key).company_reply.rebuttal.text == "No offer ever came."  # type: ignore[attr-defined]
    again = reply(repo, body("The customer's rebuttal to the company's reply", "Again.", record=key))
    assert again.exit_code != 0 and "already has a rebuttal" in again.output


@pytest.mark.parametrize(("kind", "start"), [("A correction request", "The parcel"),
                                             ("A withdrawal request", "Asks for the record to be withdrawn")])
def test_correction_and_withdrawal_requests_open_a_dispute(repo: Path, kind: str, start: str) -> None:
    result = reply(repo, body(kind, "The parcel was delivered on day two, see the signed receipt."),
                   "--issue-url", ISSUE)
    assert result.exit_code == 0, result.output
    item = incident(repo)
    assert item.disputed and item.dispute.by == "Acme Parcels"  # type: ignore[attr-defined]
    assert item.dispute.summary.startswith(start) and item.dispute.source.url == ISSUE  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "message"), [
    (body("A reply from the company", "Hi", record="the one about the parcel"), "names no record"),
    (body("Something else", "Hi"), "must be one of"),
    (body("A reply from the company", "Hi", record="incidents/acme/2099-01-01-none/"), "no record"),
    (body("A reply from the company", "Hi", source="not a link"), "not an http(s) address"),
])
def test_unusable_issues_give_one_clear_error_and_change_nothing(repo: Path, text: str, message: str) -> None:
    before = {p: p.read_bytes() for p in (repo / "reviews").rglob("*.yml")}
    result = reply(repo, text)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert before == {p: p.read_bytes() for p in (repo / "reviews").rglob("*.yml")}


def test_validate_warns_about_a_dispute_open_too_long() -> None:
    corpus = load_corpus(FIXTURE)
    warned = advice(corpus.incidents, FIXTURE.parent, today=dt.date(2023, 3, 20))
    assert not any(w.field == "dispute" for w in warned)
    warned = advice(corpus.incidents, FIXTURE.parent, today=dt.date(2023, 6, 1))
    [late] = [w for w in warned if w.field == "dispute"]
    assert late.path.endswith("2023-02-01-disputed-open.yml") and "open for 92 days" in late.message


def test_a_record_that_is_not_utf8_is_a_clear_error(repo: Path) -> None:
    record = repo / "reviews" / f"{PLAIN}.yml"
    before = record.read_bytes()
    record.write_bytes(before + b"\xff\xfe not text\n")
    result = reply(repo, body("A reply from the company", "We found the parcel."), "--received", "email")
    assert result.exit_code == 1 and "cannot read it as UTF-8 text" in result.output, result.output
    assert "Traceback" not in result.output and record.read_bytes() == before + b"\xff\xfe not text\n"
