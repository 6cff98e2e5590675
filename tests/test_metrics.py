"""Company metrics on small hand-built incidents; every expected number is worked out in the comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from support.records import D, incident

from generator.model import CompanyReply, Incident, Source, TimelineEntry
from generator.scoring.answers import answer_of, case_state, is_contacted, is_resolved
from generator.scoring.metrics import RECENT_DAYS, company_metrics


def test_counts_use_the_current_rating_and_list_every_rating() -> None:
    incidents = [
        incident("2024-01-01", "bad", "a"),
        # bad at first, a later update rates it good: counts as good now
        incident("2024-02-01", "bad", "b", timeline=(TimelineEntry(D("2024-03-01"), "Refunded.", "good"),)),
        # good at first, later ugly: counts as ugly
        incident("2024-02-02", "good", "c", timeline=(TimelineEntry(D("2024-03-01"), "Turned sour.", "ugly"),)),
    ]
    metrics = company_metrics(incidents, D("2024-06-30"))
    assert metrics.total == 3
    assert dict(metrics.counts) == {"good": 1, "bad": 1, "ugly": 1}


def test_recent_window_is_365_days_inclusive() -> None:
    as_of = D("2024-06-30")
    # 2023-07-01 -> 2024-01-01: 31 + 31 + 30 + 31 + 30 + 31 = 184 days (Jul..Dec)
    # 2024-01-01 -> 2024-06-30: 31 + 29 + 31 + 30 + 31 + 29 = 181 days (leap February)
    # so 2023-07-01 is 365 days old -> recent; 2023-06-30 is 366 days old -> not recent
    assert RECENT_DAYS == 365
    incidents = [
        incident("2023-06-30", "bad", "old"),
        incident("2023-07-01", "ugly", "edge"),
        incident("2024-06-30", "good", "today"),
        # dated after the reference date (only possible with an explicit as_of): age 0, so recent
        incident("2024-07-05", "bad", "later"),
    ]
    metrics = company_metrics(incidents, as_of)
    assert dict(metrics.counts) == {"good": 1, "bad": 2, "ugly": 1}
    assert dict(metrics.recent_counts) == {"good": 1, "bad": 1, "ugly": 1}
    assert metrics.recent_total == 3


# One incident per case of the definitions: (contacted, answer state, resolved, case state known)
CASES: dict[str, tuple[dict[str, Any], tuple[bool, str | None, bool, bool]]] = {
    "nothing": ({}, (False, None, False, False)),
    "channel-only": ({"channel": ("phone",)}, (True, "not-known", False, False)),
    "contacted-open": ({"contacted": D("2024-01-02"), "status": "open"}, (True, "not-known", False, True)),
    "said-not-answered": ({"channel": ("email",), "answer": "not-answered"}, (True, "not-answered", False, False)),
    "said-not-known": ({"answer": "not-known"}, (True, "not-known", False, False)),
    "said-answered": ({"answer": "answered"}, (True, "answered", False, False)),
    "old-status-responded": ({"status": "responded"}, (True, "answered", False, False)),
    "dated-response": ({"contacted": D("2024-01-02"), "first_response": D("2024-01-05")},
                       (True, "answered", False, False)),
    "company-reply": ({"company_reply": CompanyReply("We are sorry.", None, Source(url="https://example.org/r"))},
                      (True, "answered", False, False)),
    "timeline-answer": ({"timeline": (TimelineEntry(D("2024-01-09"), "The company wrote back.", None, True),)},
                        (True, "answered", False, False)),
    "timeline-not-an-answer": ({"timeline": (TimelineEntry(D("2024-01-09"), "The customer wrote again."),)},
                               (False, None, False, False)),
    "status-resolved": ({"status": "resolved", "resolved": D("2024-02-01")}, (True, "answered", True, True)),
    "unresolved": ({"channel": ("email",), "status": "unresolved"}, (True, "not-known", False, True)),
    "resolved-date-only": ({"resolved": D("2024-02-01")}, (True, "answered", True, True)),
    "disputed-no-contact": ({"status": "disputed"}, (False, None, False, True)),
}


@pytest.mark.parametrize("name", CASES)
def test_each_definition_case(name: str) -> None:
    fields, expected = CASES[name]
    case = incident("2024-01-01", "bad", name, **fields)
    known = case_state(case) is not None
    assert (is_contacted(case), answer_of(case).state, is_resolved(case), known) == expected


def test_not_known_is_never_counted_as_not_answered() -> None:
    # Three contacted incidents: one answered, one said not answered, one left unsaid (not known).
    incidents = [
        incident("2024-01-01", "bad", "a", answer="answered"),
        incident("2024-01-01", "bad", "b", answer="not-answered"),
        incident("2024-01-01", "bad", "c", channel=("phone",)),
    ]
    metrics = company_metrics(incidents, D("2024-06-30"))
    # answered 1 of the 2 where it is known: 50 %, not 1 of 3
    assert (metrics.answered, metrics.not_answered, metrics.answer_not_known) == (1, 1, 1)
    assert (metrics.answer_known, metrics.response_rate) == (2, 0.5)


def test_an_answer_shown_only_by_a_reply_or_a_timeline_update_counts() -> None:
    reply = CompanyReply("Dear customer, no.", None, Source(url="https://example.org/r"))
    update = (TimelineEntry(D("2024-02-01"), "A manager wrote back.", None, True),)
    metrics = company_metrics([incident("2024-01-01", "bad", "a", channel=("email",), company_reply=reply),
                               incident("2024-01-01", "bad", "b", channel=("phone",), timeline=update)],
                              D("2024-06-30"))
    assert (metrics.answered, metrics.response_rate) == (2, 1.0)
    assert answer_of(incident("2024-01-01", "bad", "b", timeline=update)).date == D("2024-02-01")


def test_rates_over_the_definition_cases() -> None:
    incidents = [incident("2024-01-01", "bad", name, **fields) for name, (fields, _) in CASES.items()]
    metrics = company_metrics(incidents, D("2024-06-30"))
    # contacted: all but nothing, timeline-not-an-answer and disputed-no-contact = 12
    # answered: said-answered, old-status-responded, dated-response, company-reply, timeline-answer,
    #           status-resolved, resolved-date-only = 7; not answered: said-not-answered = 1;
    # not known: channel-only, contacted-open, said-not-known, unresolved = 4
    assert (metrics.total, metrics.contacted) == (15, 12)
    assert (metrics.answered, metrics.not_answered, metrics.answer_not_known) == (7, 1, 4)
    assert metrics.response_rate == 7 / 8
    # state known among the contacted: contacted-open, status-resolved, unresolved, resolved-date-only = 4;
    # resolved: status-resolved, resolved-date-only = 2
    assert (metrics.resolved, metrics.state_known, metrics.resolution_rate) == (2, 4, 0.5)
    # only dated-response has both dates: 2024-01-05 - 2024-01-02 = 3 days
    assert metrics.median_days_to_response == 3.0
    assert metrics.timed_responses == 1


def _timed(days: list[int]) -> list[Incident]:
    return [
        incident("2024-01-01", "bad", f"t{n}", contacted=D("2024-01-01"),
                 first_response=D("2024-01-01") + dt.timedelta(d))
        for n, d in enumerate(days)
    ]


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    # sorted 2, 4, 10, 30 -> (4 + 10) / 2 = 7
    metrics = company_metrics(_timed([30, 4, 2, 10]), D("2024-06-30"))
    assert metrics.median_days_to_response == 7.0
    # 3 and 4 -> 3.5: a half day survives
    assert company_metrics(_timed([3, 4]), D("2024-06-30")).median_days_to_response == 3.5


def test_median_of_an_odd_count_is_the_middle_value() -> None:
    # sorted 1, 5, 100 -> 5
    assert company_metrics(_timed([100, 1, 5]), D("2024-06-30")).median_days_to_response == 5.0


def test_a_response_without_a_contact_date_is_not_timed() -> None:
    incidents = [incident("2024-01-01", "bad", "x", first_response=D("2024-01-09")), *_timed([6])]
    metrics = company_metrics(incidents, D("2024-06-30"))
    assert metrics.median_days_to_response == 6.0
    assert (metrics.contacted, metrics.answered) == (2, 2)


def test_no_incidents_gives_zeros_and_no_rates() -> None:
    metrics = company_metrics([], D("2024-06-30"))
    assert metrics.total == 0
    assert dict(metrics.counts) == {"good": 0, "bad": 0, "ugly": 0}
    assert dict(metrics.recent_counts) == {"good": 0, "bad": 0, "ugly": 0}
    assert (metrics.contacted, metrics.answered, metrics.resolved) == (0, 0, 0)
    assert metrics.response_rate is None
    assert metrics.resolution_rate is None
    assert metrics.median_days_to_response is None


def test_incidents_never_raised_with_the_company_give_no_rates() -> None:
    metrics = company_metrics([incident("2024-01-01", "ugly", "a"), incident("2024-01-02", "bad", "b")],
                              D("2024-06-30"))
    assert metrics.total == 2
    assert metrics.contacted == 0
    assert metrics.response_rate is None and metrics.resolution_rate is None


def test_all_said_not_answered_is_a_zero_rate_not_none() -> None:
    metrics = company_metrics([incident("2024-01-01", "bad", "a", channel=("phone",), answer="not-answered",
                                    status="unresolved")], D("2024-06-30"))
    assert metrics.response_rate == 0.0
    assert metrics.resolution_rate == 0.0


def test_contacted_with_the_answer_unsaid_gives_no_rate_not_zero() -> None:
    metrics = company_metrics([incident("2024-01-01", "bad", "a", channel=("phone",))], D("2024-06-30"))
    assert (metrics.contacted, metrics.answer_not_known) == (1, 1)
    assert metrics.response_rate is None and metrics.resolution_rate is None


def test_the_writer_does_not_change_the_metrics() -> None:
    incidents = [incident("2024-01-01", "bad", name, **fields) for name, (fields, _) in CASES.items()]
    as_of = D("2024-06-30")
    assert company_metrics(incidents, as_of) == company_metrics(
        [replace(i, reported_by="someone-else") for i in incidents], as_of
    )
