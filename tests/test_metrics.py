"""Company metrics on small hand-built incidents; every expected number is worked out in the comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from generator.metrics import RECENT_DAYS, company_metrics, is_contacted, is_resolved, is_responded
from generator.model import Incident, Source, TimelineEntry

D = dt.date.fromisoformat


def make(date: str, rating: str = "bad", name: str = "case", **fields: Any) -> Incident:
    return Incident(
        company="acme",
        slug=f"{date}-{name}",
        path=f"reviews/incidents/acme/{date}-{name}.yml",
        title="A case",
        date=D(date),
        initial_rating=rating,  # type: ignore[arg-type]
        issue="What happened.",
        response="What the company did.",
        sources=(Source(url="https://example.org/"),),
        **fields,
    )


def test_counts_use_the_current_rating_and_list_every_rating() -> None:
    incidents = [
        make("2024-01-01", "bad", "a"),
        # bad at first, a later update rates it good: counts as good now
        make("2024-02-01", "bad", "b", timeline=(TimelineEntry(D("2024-03-01"), "Refunded.", "good"),)),
        # good at first, later ugly: counts as ugly
        make("2024-02-02", "good", "c", timeline=(TimelineEntry(D("2024-03-01"), "Turned sour.", "ugly"),)),
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
        make("2023-06-30", "bad", "old"),
        make("2023-07-01", "ugly", "edge"),
        make("2024-06-30", "good", "today"),
        # dated after the reference date (only possible with an explicit as_of): age 0, so recent
        make("2024-07-05", "bad", "later"),
    ]
    metrics = company_metrics(incidents, as_of)
    assert dict(metrics.counts) == {"good": 1, "bad": 2, "ugly": 1}
    assert dict(metrics.recent_counts) == {"good": 1, "bad": 1, "ugly": 1}
    assert metrics.recent_total == 3


# One incident per case of the definitions (C = contacted, R = responded, S = resolved):
CASES: dict[str, tuple[dict[str, Any], tuple[bool, bool, bool]]] = {
    "nothing": ({}, (False, False, False)),
    "channel-only": ({"channel": ("phone",)}, (True, False, False)),
    "contacted-open": ({"contacted": D("2024-01-02"), "status": "open"}, (True, False, False)),
    "status-responded": ({"status": "responded"}, (True, True, False)),
    "dated-response": ({"contacted": D("2024-01-02"), "first_response": D("2024-01-05")}, (True, True, False)),
    "status-resolved": ({"status": "resolved", "resolved": D("2024-02-01")}, (True, True, True)),
    "unresolved": ({"channel": ("email",), "status": "unresolved"}, (True, False, False)),
    "resolved-date-only": ({"resolved": D("2024-02-01")}, (True, True, True)),
    "disputed-no-contact": ({"status": "disputed"}, (False, False, False)),
}


@pytest.mark.parametrize("name", CASES)
def test_each_definition_case(name: str) -> None:
    fields, expected = CASES[name]
    incident = make("2024-01-01", "bad", name, **fields)
    assert (is_contacted(incident), is_responded(incident), is_resolved(incident)) == expected


def test_rates_over_the_definition_cases() -> None:
    incidents = [make("2024-01-01", "bad", name, **fields) for name, (fields, _) in CASES.items()]
    metrics = company_metrics(incidents, D("2024-06-30"))
    # contacted: channel-only, contacted-open, status-responded, dated-response, status-resolved, unresolved,
    #            resolved-date-only = 7
    # responded: status-responded, dated-response, status-resolved, resolved-date-only = 4
    # resolved:  status-resolved, resolved-date-only = 2
    assert (metrics.total, metrics.contacted, metrics.responded, metrics.resolved) == (9, 7, 4, 2)
    assert metrics.response_rate == 4 / 7
    assert metrics.resolution_rate == 2 / 7
    # only dated-response has both dates: 2024-01-05 - 2024-01-02 = 3 days
    assert metrics.median_days_to_response == 3.0
    assert metrics.timed_responses == 1


def _timed(days: list[int]) -> list[Incident]:
    return [
        make("2024-01-01", "bad", f"t{n}", contacted=D("2024-01-01"), first_response=D("2024-01-01") + dt.timedelta(d))
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
    incidents = [make("2024-01-01", "bad", "x", first_response=D("2024-01-09")), *_timed([6])]
    metrics = company_metrics(incidents, D("2024-06-30"))
    assert metrics.median_days_to_response == 6.0
    assert (metrics.contacted, metrics.responded) == (2, 2)


def test_no_incidents_gives_zeros_and_no_rates() -> None:
    metrics = company_metrics([], D("2024-06-30"))
    assert metrics.total == 0
    assert dict(metrics.counts) == {"good": 0, "bad": 0, "ugly": 0}
    assert dict(metrics.recent_counts) == {"good": 0, "bad": 0, "ugly": 0}
    assert (metrics.contacted, metrics.responded, metrics.resolved) == (0, 0, 0)
    assert metrics.response_rate is None
    assert metrics.resolution_rate is None
    assert metrics.median_days_to_response is None


def test_incidents_never_raised_with_the_company_give_no_rates() -> None:
    metrics = company_metrics([make("2024-01-01", "ugly", "a"), make("2024-01-02", "bad", "b")], D("2024-06-30"))
    assert metrics.total == 2
    assert metrics.contacted == 0
    assert metrics.response_rate is None and metrics.resolution_rate is None


def test_all_contacted_none_answered_is_a_zero_rate_not_none() -> None:
    metrics = company_metrics([make("2024-01-01", "bad", "a", channel=("phone",))], D("2024-06-30"))
    assert metrics.response_rate == 0.0
    assert metrics.resolution_rate == 0.0


def test_the_writer_does_not_change_the_metrics() -> None:
    incidents = [make("2024-01-01", "bad", name, **fields) for name, (fields, _) in CASES.items()]
    as_of = D("2024-06-30")
    assert company_metrics(incidents, as_of) == company_metrics(
        [replace(i, reported_by="someone-else") for i in incidents], as_of
    )


def test_as_dict_is_plain_json() -> None:
    import json

    data = company_metrics(_timed([2, 4]), D("2024-06-30")).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["median_days_to_response"] == 3.0
    assert data["counts"] == {"good": 0, "bad": 2, "ugly": 0}
