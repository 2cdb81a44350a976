"""Analysis summaries over a small dataset built through the ORM."""

from __future__ import annotations

import json

import pytest

from footprint import analyse, codebook
from footprint.db import session_scope
from tests.publish import factory


@pytest.fixture
def data(engine):
    with session_scope(engine) as session:
        built = factory.build(session)
        ids = {name: e.id for name, e in built["events"].items()}
    with session_scope(engine) as session:
        yield session, ids


def test_dataset_summary_counts_all_but_rejected(data):
    session, ids = data
    summary = analyse.dataset_summary(session)
    json.dumps(summary)  # JSON-ready
    assert summary["events"] == 7
    assert ids["rejected"] not in summary["event_ids"]
    by_type = {row["type"]: row for row in summary["by_type"]}
    assert by_type["training"]["events"] == 2
    assert by_type["training"]["label"] == "Training"
    assert sorted(by_type["training"]["event_ids"]) == sorted(
        [ids["kenya_training"], ids["pledge"]]
    )
    states = {row["review_state"]: row["events"] for row in summary["by_review_state"]}
    assert states == {"accepted": 4, "edited": 1, "machine": 2}
    assert summary["documents"] == 4
    assert summary["evidence"] == 9


def test_dataset_summary_years_countries_actors_recent(data):
    session, ids = data
    summary = analyse.dataset_summary(session)
    years = {row["year"]: row for row in summary["by_year"]}
    assert sorted(years) == [2017, 2018, 2019, 2022, 2025]
    assert years[2018]["by_type"] == {"overseas_station": 1, "training": 1}
    assert summary["undated"] == {"events": 1, "event_ids": [ids["forum"]]}
    top = summary["top_recipients"][0]
    assert (top["country"], top["name"], top["events"]) == ("KE", "Kenya", 3)
    actors = {row["name"]: row for row in summary["top_actors"]}
    assert actors["Ministry of Public Security"]["events"] == 2
    assert actors["Ministry of Public Security"]["roles"] == ["implementer", "provider"]
    assert summary["recent"][0]["id"] == ids["forum"]


def test_officers_trained_rests_on_completed_training_and_keeps_pledges_apart(data):
    session, ids = data
    trained = analyse.dataset_summary(session)["officers_trained"]
    assert trained["total"] == 2000
    assert trained["event_ids"] == [ids["kenya_training"]]
    assert trained["pledged"] == 3000
    assert trained["pledged_event_ids"] == [ids["pledge"]]


def test_reviewed_only_leaves_machine_events_out(data):
    session, ids = data
    summary = analyse.dataset_summary(session, reviewed_only=True)
    assert summary["reviewed_only"] is True
    assert summary["events"] == 5
    assert ids["patrol"] not in summary["event_ids"]


def test_country_summary(data):
    session, ids = data
    kenya = analyse.country_summary(session, "ke")
    assert kenya["country"] == "KE" and kenya["events"] == 3
    assert kenya["first_event"]["id"] == ids["lab"]
    assert kenya["last_event"]["id"] == ids["pledge"]
    assert kenya["officers_trained"]["by_year"] == [
        {"year": 2021, "people": 2000, "cumulative": 2000, "event_ids": [ids["kenya_training"]]}
    ]
    assert kenya["pushback"] == []
    assert [p["country"] for p in kenya["providers"]] == ["CN"]
    assert {a["name"] for a in kenya["actors"]} == {
        "Ministry of Public Security",
        "Kenya National Police Service",
        "Meiya Pico",
    }
    netherlands = analyse.country_summary(session, "NL")
    assert [e["id"] for e in netherlands["pushback"]] == [ids["closure"]]
    assert netherlands["last_event"]["id"] == ids["closure"]


def test_country_summary_refuses_an_unknown_code(data):
    session, _ = data
    with pytest.raises(codebook.CodebookError, match="country"):
        analyse.country_summary(session, "XX")


def test_actor_summary_by_name_or_alias(data):
    session, ids = data
    mps = analyse.actor_summary(session, "公安部")
    assert mps["name"] == "Ministry of Public Security"
    assert sorted(mps["event_ids"]) == sorted([ids["kenya_training"], ids["patrol"]])
    assert {c["country"] for c in mps["countries"]} == {"KE", "RS"}
    assert [p["name"] for p in mps["partners"]] == ["Kenya National Police Service"]
    assert mps["first_event"]["id"] == ids["kenya_training"]
    with pytest.raises(analyse.ActorNotFound, match="Nobody"):
        analyse.actor_summary(session, "Nobody")


def test_network_has_centrality_and_traceable_edges(data):
    session, ids = data
    net = analyse.network(session)
    json.dumps(net)
    nodes = {n["id"]: n for n in net["nodes"]}
    china = nodes["country:CN"]
    assert china["role"] == "provider"
    assert china["betweenness"] == max(n["betweenness"] for n in net["nodes"])
    assert nodes["country:KE"]["role"] == "recipient"
    mps = nodes["actor:CN:Ministry of Public Security"]
    assert mps["kind"] == "actor" and mps["events"] == 2
    edge = next(
        e for e in net["edges"] if (e["source"], e["target"]) == ("country:CN", "country:KE")
    )
    assert edge["weight"] == 3
    assert sorted(edge["event_ids"]) == sorted([ids["kenya_training"], ids["pledge"], ids["lab"]])
    assert all(e["source"] < e["target"] for e in net["edges"])


def test_coverage_shows_where_the_record_is_thin(data):
    session, _ = data
    rows = {r["country"]: r for r in analyse.coverage(session)}
    kenya = rows["KE"]
    assert kenya["events"] == 3
    assert kenya["documents"] == 3
    assert kenya["publishers"] == ["Harbour Post", "Reuters-like Wire", "人民日报样例"]
    assert kenya["languages"] == {"en": 2, "zh": 1}
    assert kenya["single_source_events"] == 2
    assert not kenya["thin"]
    assert rows["RS"]["thin"] and rows["RS"]["publisher_count"] == 1
    assert rows["NL"]["publishers"] == ["Reuters-like Wire", "watchdog.example"]
