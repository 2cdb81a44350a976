"""The JSON API over HTTP against a real uvicorn server: every read route and filter,
pagination, errors (404, 422 naming the field, never 500), CSV."""

from __future__ import annotations

import csv
import io

import pytest

from tests.web.conftest import HOSTILE

FILTERS_OK = {
    "type": "training",
    "status": "completed",
    "country": "ke",  # lower case is accepted and normalised
    "region": "Africa",
    "actor": "Ministry of Public Security",
    "year_to": "2018",
    "disputed": "true",
    "min_sources": "2",
    "q": "Kenyan",
}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_each_filter_selects_what_it_names(small):
    server, s, _ = small
    with server.client() as c:
        everything = ids(c.get("/api/v1/events"))
        assert everything == {s.training_ke, s.patrol_rs, s.station_nl, s.undated}
        assert s.rejected not in everything  # rejected events are hidden by default
        for name, value in FILTERS_OK.items():
            assert ids(c.get("/api/v1/events", params={name: value})) == {s.training_ke}, name
        expect = {
            ("type", "joint_patrol"): {s.patrol_rs},
            ("status", "ongoing"): {s.patrol_rs},
            ("provider", "cn"): {s.training_ke, s.patrol_rs},
            ("region", "Europe"): {s.patrol_rs, s.station_nl},
            ("country", "NL"): {s.station_nl},
            ("year_from", "2020"): {s.training_ke, s.station_nl},  # 2018-2021 meets 2020
            ("year_to", "2019"): {s.training_ke, s.patrol_rs},
            ("review_state", "accepted"): {s.patrol_rs},
            ("review_state", "machine"): {s.training_ke, s.station_nl, s.undated},
            ("review_state", "rejected"): {s.rejected},
            ("disputed", "false"): {s.patrol_rs, s.station_nl, s.undated},
            ("min_sources", "1"): {s.training_ke, s.patrol_rs, s.station_nl},
            ("document_id", str(s.doc_post)): {s.training_ke, s.station_nl},
            ("q", "Dutch"): {s.station_nl},
            ("q", "nothing matches this"): set(),
        }
        for (name, value), wanted in expect.items():
            assert ids(c.get("/api/v1/events", params={name: value})) == wanted, (name, value)
        both = c.get("/api/v1/events", params={"region": "Europe", "status": "cancelled"})
        assert ids(both) == {s.station_nl}
        # An empty value (what a form sends for "any") is no condition.
        assert ids(c.get("/api/v1/events?type=&country=&year_from=")) == everything


@pytest.mark.parametrize(
    "query, field",
    [
        ("type=nope", "type"),
        ("status=done", "status"),
        ("country=XX", "country"),
        ("country=Kenya", "country"),
        ("provider=1", "provider"),
        ("region=Mars", "region"),
        ("year_from=abc", "year_from"),
        ("year_from=99999", "year_from"),
        ("year_from=2021&year_to=2019", "year_to"),
        ("review_state=maybe", "review_state"),
        ("disputed=perhaps", "disputed"),
        ("min_sources=0", "min_sources"),
        ("min_sources=-3", "min_sources"),
        ("document_id=x", "document_id"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("sort=random", "sort"),
        ("q=" + "x" * 300, "q"),
    ],
)
def test_invalid_filter_values_are_422_naming_the_field(demo_server, query, field):
    with demo_server.client() as c:
        for path in ("/api/v1/events", "/api/v1/review"):
            r = c.get(f"{path}?{query}")
            assert r.status_code == 422, (path, query, r.text)
            body = r.json()
            assert field in body["detail"]
            assert field in {e["field"] for e in body["errors"]}
        if field not in ("limit", "offset", "sort"):
            facets = c.get(f"/api/v1/events/facets?{query}")
            assert facets.status_code == 422 and field in facets.json()["detail"]
        page = c.get(f"/events?{query}")  # the page says the same, as HTML
        assert page.status_code == 422 and field in page.text
        assert "text/html" in page.headers["content-type"]


def test_odd_input_never_gives_a_server_error(demo_server):
    odd = [
        "/api/v1/events?q=%00%01",
        "/api/v1/events?q=%22%27%3B--",
        "/api/v1/events?q=' OR 1=1 --",
        "/api/v1/events?actor=%E2%80%AE",
        "/api/v1/events?country=%F0%9F%98%80",
        "/api/v1/events?year_from=1e3",
        "/api/v1/events?disputed=",
        "/api/v1/documents?q=NEAR(a b)",
        "/api/v1/documents?q=*",
        "/api/v1/documents?q=%22unbalanced",
        "/api/v1/actors/%00",
        "/api/v1/countries/%F0%9F%98%80",
        "/api/v1/events/0",
        "/api/v1/events/-1",
        "/api/v1/events/99999999999999999999999",
        "/api/v1/documents/0",
        "/events/abc",
        "/documents/1?evidence=abc",
        "/countries/",
    ]
    with demo_server.client() as c:
        for path in odd:
            r = c.get(path)
            assert r.status_code < 500, (path, r.status_code, r.text[:300])


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events/987654",
        "/api/v1/events/987654/history",
        "/api/v1/documents/987654",
        "/api/v1/countries/ZZ",
        "/api/v1/actors/No Such Bureau",
        "/api/v1/no-such-route",
    ],
)
def test_unknown_ids_are_404_json(demo_server, path):
    with demo_server.client() as c:
        r = c.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/events/987654", "/documents/987654", "/countries/ZZ", "/actors/Nobody", "/nope"]
)
def test_unknown_ids_are_404_pages(demo_server, path):
    with demo_server.client() as c:
        r = c.get(path)
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"]
    assert "Not found" in r.text and "<nav" in r.text  # the site's own page, with navigation


def test_pagination_is_stable_and_complete(demo_server):
    with demo_server.client() as c:
        total = c.get("/api/v1/events?limit=1").json()["total"]
        assert total > 40
        seen: list[int] = []
        url = "/api/v1/events?limit=17&sort=year"
        pages = 0
        while url:
            body = c.get(url).json()
            assert body["total"] == total
            seen += [item["id"] for item in body["items"]]
            url = body["next"]
            pages += 1
        assert len(seen) == len(set(seen)) == total
        assert pages == -(-total // 17)
        # Same order when asked again.
        again = [
            i["id"] for i in c.get("/api/v1/events?limit=17&offset=17&sort=year").json()["items"]
        ]
        assert again == seen[17:34]
        newest = c.get("/api/v1/events?sort=-id&limit=5").json()["items"]
        assert [e["id"] for e in newest] == sorted((e["id"] for e in newest), reverse=True)


def test_facets_count_what_the_filter_would_list(demo_server):
    with demo_server.client() as c:
        body = c.get("/api/v1/events/facets").json()
        assert set(body["facets"]) >= {
            "type",
            "status",
            "country",
            "region",
            "provider",
            "actor",
            "year",
            "review_state",
            "disputed",
            "sources",
        }
        for name, param in [("type", "type"), ("country", "country"), ("status", "status")]:
            for row in body["facets"][name][:3]:
                listed = c.get("/api/v1/events", params={param: row["value"]}).json()["total"]
                assert listed == row["events"], (name, row)
        # A facet's own filter is left out of its counts, the others apply.
        narrowed = c.get("/api/v1/events/facets?type=training").json()
        assert len(narrowed["facets"]["type"]) == len(body["facets"]["type"])
        assert sum(r["events"] for r in narrowed["facets"]["status"]) == narrowed["total"]
        at_least = {r["value"]: r["events"] for r in body["facets"]["sources"]}
        for n, count in at_least.items():
            assert c.get(f"/api/v1/events?min_sources={n}").json()["total"] == count


def test_event_detail_has_claims_evidence_and_history(small):
    server, s, _ = small
    with server.client() as c:
        e = c.get(f"/api/v1/events/{s.training_ke}").json()
    assert e["label"] and e["type"] == "training" and e["recipients"] == ["KE"]
    assert e["conflicts"] == ["people"]  # 2,000 against 1,800
    people = {claim["value"]: claim["sources"] for claim in e["claims"]["people"]}
    assert people == {2000: ["wire"], 1800: ["harbour post"]}
    assert {ev["document"] for ev in e["evidence"]} == {s.doc_wire, s.doc_post}
    assert all(ev["quote"] for ev in e["evidence"])
    assert e["history"] == []
    assert e["provider_orgs"] == ["Ministry of Public Security"]


def test_document_segments_rebuild_the_text_and_mark_every_span(small):
    server, s, _ = small
    with server.client() as c:
        d = c.get(f"/api/v1/documents/{s.doc_hostile}").json()
    assert "".join(p["text"] for p in d["segments"]) == d["text"] == HOSTILE
    covered = {i for p in d["segments"] for i in p["spans"]}
    assert covered == {span["id"] for span in d["evidence"]}
    overlap = d["segments"][0]
    assert len(overlap["spans"]) == 2 and overlap["event"] is not None


def test_other_read_routes(small):
    server, s, _ = small
    with server.client() as c:
        overview = c.get("/api/v1/overview").json()
        assert overview["events"] == 4 and overview["documents"] == 4
        assert {r["country"] for r in overview["countries"]} == {"KE", "RS", "NL"}
        assert overview["timeline"]["years"] == [2018, 2019, 2020, 2021, 2022]
        assert overview["top_actors"] == [{"name": "Ministry of Public Security", "events": 1}]
        assert [r["id"] for r in overview["recent"]][0] == s.undated

        kenya = c.get("/api/v1/countries/ke").json()
        assert kenya["country"] == "KE" and kenya["events"] == 1
        assert kenya["officers_trained"]["total"] == 2000
        assert kenya["timeline"]["years"] == [2018]
        assert {r["country"] for r in c.get("/api/v1/countries").json()} == {"KE", "RS", "NL"}

        actor = c.get("/api/v1/actors/Ministry of Public Security").json()
        assert actor["events"] == 1 and actor["network"]["nodes"]
        assert c.get("/api/v1/actors").json()[0]["name"] == "Ministry of Public Security"
        assert c.get("/api/v1/network").json()["edges"]

        coverage = {r["country"]: r for r in c.get("/api/v1/coverage").json()}
        assert coverage["KE"]["publisher_count"] == 2 and not coverage["KE"]["thin"]
        assert coverage["RS"]["thin"]

        queue = c.get("/api/v1/review").json()
        assert {i["id"] for i in queue["items"]} == {s.training_ke, s.station_nl, s.undated}
        assert all(i["evidence"] for i in queue["items"] if i["id"] != s.undated)

        listed = c.get("/api/v1/documents").json()
        assert listed["total"] == 4 and len(listed["items"]) == 4
        hits = c.get("/api/v1/documents", params={"q": "培训"}).json()["items"]
        assert [h["title"] for h in hits] == ["中文报道"]
        assert c.get("/api/v1/codebook").json()["event_types"]["training"]["label"] == "Training"
        assert c.get("/api/v1/me").json() == {"name": None, "role": None, "public": True}
        history = c.get(f"/api/v1/events/{s.training_ke}/history")
        assert history.status_code == 200 and history.json() == []


def test_csv_download_has_the_filtered_events_and_defuses_formulas(small):
    server, s, _ = small
    with server.client() as c:
        for path in ("/events.csv", "/api/v1/events.csv"):
            r = c.get(path, params={"region": "Europe"})
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
            assert "attachment" in r.headers["content-disposition"]
            rows = list(csv.DictReader(io.StringIO(r.text)))
            assert {int(row["id"]) for row in rows} == {s.patrol_rs, s.station_nl}
        rows = list(csv.DictReader(io.StringIO(c.get("/events.csv?country=KE").text)))
    (row,) = rows
    assert row["title"].startswith("'=")  # a spreadsheet must not run it
    assert row["recipients"] == "KE" and row["people"] == "2000"


def test_openapi_schema_and_docs_page_describe_every_route(demo_server):
    with demo_server.client() as c:
        schema = c.get("/api/v1/openapi.json").json()
        docs = c.get("/api/v1/docs")
    paths = set(schema["paths"])
    for route in (
        "/api/v1/overview",
        "/api/v1/events",
        "/api/v1/events/facets",
        "/api/v1/events.csv",
        "/api/v1/events/{event_id}",
        "/api/v1/events/{event_id}/history",
        "/api/v1/events/{event_id}/accept",
        "/api/v1/countries/{code}",
        "/api/v1/actors/{name}",
        "/api/v1/documents/{document_id}",
        "/api/v1/coverage",
        "/api/v1/review",
    ):
        assert route in paths, route
        assert route in docs.text
    assert not any(p.startswith("/events") for p in paths)  # pages are not API routes
    params = {p["name"] for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert params >= set(FILTERS_OK) | {
        "provider",
        "year_from",
        "review_state",
        "document_id",
        "limit",
    }
    assert docs.status_code == 200
