"""Exports, each read back by its own library: json, csv, pyarrow, followthemoney,
networkx."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
from followthemoney import model

from footprint.db import session_scope
from footprint.model import Event
from footprint.publish import export
from tests.publish.conftest import write


def _jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_jsonl_holds_documents_actors_events_and_never_rejected(engine, dataset, tmp_path):
    write(engine, tmp_path, ["jsonl"])
    records = _jsonl(tmp_path / "footprint.jsonl")
    meta = records[0]
    assert meta["record"] == "meta" and meta["format"] == "footprint"
    assert (meta["events"], meta["documents"], meta["actors"], meta["links"]) == (7, 4, 3, 1)
    events = {r["id"]: r for r in records if r["record"] == "event"}
    assert f"fp-{dataset['rejected']}" not in events
    training = events["ref-kenya-training"]
    assert training["actors"] == [
        {"country": "CN", "name": "Ministry of Public Security", "role": "provider"},
        {"country": "KE", "name": "Kenya National Police Service", "role": "recipient"},
    ]
    assert [e["quote"] for e in training["evidence"]] == [
        "trained 2,000 Kenyan police officers",
        "2,000 of them",
    ]
    closure = events[f"fp-{dataset['closure']}"]
    assert closure["links"] == [
        {"created_by": "machine", "relation": "responds_to", "target": f"fp-{dataset['station']}"}
    ]
    documents = [r for r in records if r["record"] == "document"]
    assert all("text" not in d for d in documents)  # texts only when asked for
    assert all("generated" not in line for line in (tmp_path / "footprint.jsonl").open())


def test_jsonl_is_the_same_bytes_twice(engine, dataset, tmp_path):
    write(engine, tmp_path / "a", ["jsonl"], with_text=True)
    write(engine, tmp_path / "b", ["jsonl"], with_text=True)
    first = (tmp_path / "a" / "footprint.jsonl").read_bytes()
    assert first == (tmp_path / "b" / "footprint.jsonl").read_bytes()
    assert "中非执法合作论坛在北京举行".encode() in first


def test_reviewed_only_and_include_rejected(engine, dataset, tmp_path):
    write(engine, tmp_path / "r", ["jsonl"], reviewed_only=True)
    write(engine, tmp_path / "all", ["jsonl"], include_rejected=True)
    reviewed = _jsonl(tmp_path / "r" / "footprint.jsonl")
    assert {r["review_state"] for r in reviewed if r["record"] == "event"} == {"accepted", "edited"}
    everything = _jsonl(tmp_path / "all" / "footprint.jsonl")
    assert everything[0]["events"] == 8


def test_stable_ids_never_collide_with_imported_keys(engine, dataset):
    with session_scope(engine) as session:
        session.get(Event, dataset["lab"]).key = f"fp-{dataset['patrol']}"
    with session_scope(engine) as session:
        ids = export.collect(session).ids
    assert ids[dataset["lab"]] == f"fp-{dataset['patrol']}"
    assert ids[dataset["patrol"]] == f"fp-{dataset['patrol']}-local"


def test_every_export_carries_the_data_dictionary(engine, dataset, tmp_path):
    write(engine, tmp_path, ["csv"])
    dictionary = json.loads((tmp_path / "codebook.json").read_text())
    assert "training" in dictionary["codebook"]["event_types"]
    assert dictionary["codebook"]["regions"][0] == "Africa"
    for table in export.TABLES:
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header and all(column in dictionary["tables"][table] for column in header)


def test_csv_events_table(engine, dataset, tmp_path):
    write(engine, tmp_path, ["csv"])
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    pledge = rows[f"fp-{dataset['pledge']}"]
    assert pledge["recipients"] == "KE;TZ"
    assert pledge["people"] == "3000"
    assert rows["ref-kenya-training"]["quantities"] == '{"courses":12}'


def test_parquet_is_read_by_pyarrow(engine, dataset, tmp_path):
    write(engine, tmp_path, ["parquet"], with_text=True)
    events = pq.read_table(tmp_path / "parquet" / "events.parquet")
    assert events.num_rows == 7
    rows = {r["id"]: r for r in events.to_pylist()}
    assert rows[f"fp-{dataset['pledge']}"]["recipients"] == ["KE", "TZ"]
    assert rows["ref-kenya-training"]["year_end"] == 2021
    assert str(events.schema.field("people").type) == "int64"
    described = events.schema.field("type").metadata[b"description"].decode()
    assert "codebook.event_types" in described
    dictionary = json.loads(events.schema.metadata[b"footprint.data_dictionary"])
    assert dictionary["codebook"]["version"] == 1
    evidence = pq.read_table(tmp_path / "parquet" / "evidence.parquet").to_pylist()
    assert len(evidence) == 9
    documents = pq.read_table(tmp_path / "parquet" / "documents.parquet").to_pylist()
    assert {d["language"] for d in documents} == {"en", "zh"}
    assert all(d["text"] for d in documents)


def test_ftm_entities_are_parsed_by_followthemoney(engine, dataset, tmp_path):
    write(engine, tmp_path, ["ftm"])
    lines = (tmp_path / "footprint.ftm.json").read_text("utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    by_schema: dict[str, list] = {}
    for proxy in proxies:
        by_schema.setdefault(proxy.schema.name, []).append(proxy)
    assert len(by_schema["Event"]) == 7
    assert len(by_schema["Article"]) == 4
    assert len(by_schema["Documentation"]) == 9
    assert {p.first("name") for p in by_schema["PublicBody"]} == {
        "Ministry of Public Security",
        "Kenya National Police Service",
    }
    assert [p.first("name") for p in by_schema["Company"]] == ["Meiya Pico"]
    ids = {p.id for p in proxies}
    training = next(p for p in by_schema["Event"] if p.first("recordId") == "ref-kenya-training")
    assert set(training.get("country")) == {"ke", "cn"}
    assert training.first("startDate") == "2018" and training.first("endDate") == "2021"
    assert all(i in ids for i in training.get("organizer") + training.get("involved"))
    for link in by_schema["Documentation"]:
        assert link.first("document") in ids and link.first("entity") in ids


def test_geojson_has_a_feature_per_recipient_country(engine, dataset, tmp_path):
    write(engine, tmp_path, ["geojson"])
    collection = json.loads((tmp_path / "countries.geojson").read_text())
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert sorted(features) == ["KE", "NL", "RS", "TZ"]
    kenya = features["KE"]
    assert kenya["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = kenya["geometry"]["coordinates"][0][0][0]
    assert 33 < lon < 42 and -5 < lat < 5
    assert kenya["properties"]["events"] == 3
    assert kenya["properties"]["officers_trained"] == 2000
    assert kenya["properties"]["by_type"] == {"technology_transfer": 1, "training": 2}
    assert features["TZ"]["properties"]["event_ids"] == [f"fp-{dataset['pledge']}"]


def test_graphml_is_read_by_networkx(engine, dataset, tmp_path):
    write(engine, tmp_path, ["graphml"])
    graph = nx.read_graphml(tmp_path / "network.graphml")
    assert graph.nodes["country:CN"]["role"] == "provider"
    assert graph.nodes["actor:CN:Meiya Pico"]["kind"] == "actor"
    edge = graph.edges["country:CN", "country:KE"]
    assert edge["weight"] == 3
    assert "ref-kenya-training" in edge["event_ids"].split()
    assert graph.nodes["country:CN"]["betweenness"] > 0


def test_unknown_format_is_refused(engine, dataset, tmp_path):
    with pytest.raises(export.ExportError, match="format: 'xlsx'"):
        write(engine, tmp_path, ["xlsx"])
