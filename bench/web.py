"""Web app speed: API and page latency over HTTP with 100,000 events and 20,000 documents.

Builds a SQLite store with bulk inserts (events spread over types, statuses, countries,
regions, years, actors and review states, each with one to three evidence quotes in
documents that are also in the full-text index), starts ``footprint serve`` in its own
process on 127.0.0.1, and measures p50/p95 with httpx for the events list, facets and
overview API and for the main pages, each over a rotation of filters. Prints JSON.

Targets (issue 5): events list, facets and overview API p95 < 100 ms; pages < 300 ms.
Measured twice: cold (``serve --no-cache``: every request computed from the database)
and warm (as served: facet counts, the overview and summaries kept until the database
changes).

    python bench/web.py [--events 100000] [--documents 20000] [--requests 60]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pycountry
from sqlalchemy import insert, text

from footprint import codebook, db, dialect
from footprint.model import (
    Actor,
    AuditEntry,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
WORDS = (
    "police training cooperation agreement ministry public security officers patrol joint "
    "station overseas surveillance technology forensics laboratory extradition return "
    "forum academy course delegation exchange programme law enforcement capacity building "
    "safe city cameras border counter terrorism cybersecurity equipment donation"
).split()
ACTIONS = {"accepted": "accept", "edited": "edit", "rejected": "reject", "unsure": "unsure"}
ZH = "公安部警察培训合作协议执法联合巡逻海外警务服务站监控技术引渡论坛学院交流"


def _weights(n: int) -> list[float]:
    return [1 / (i + 1) ** 0.9 for i in range(n)]  # a few countries hold most events


def _text(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return "。".join(
            "".join(rng.choice(ZH) for _ in range(rng.randint(15, 40))) for _ in range(20)
        )
    sentences = (
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."
        for _ in range(14)
    )
    return " ".join(sentences)


def build(path: Path, events: int, documents: int, seed: int = 5) -> dict[str, float]:
    rng = random.Random(seed)
    book = codebook.load()
    types, statuses, regions = list(book.event_types), list(book.statuses), list(book.regions)
    countries = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in ("CN", "AQ")]
    rng.shuffle(countries)
    weights = _weights(len(countries))
    timings: dict[str, float] = {}
    engine = db.connect(path)
    started = time.perf_counter()
    docs = []
    for i in range(documents):
        chinese = rng.random() < 0.15
        body = _text(rng, chinese)
        docs.append(
            {
                "id": i + 1,
                "source": f"https://news{i % 300}.example/{i}",
                "title": f"Report {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
                "publisher": f"Publisher {i % 300}",
                "published": f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}",
                "language": "zh" if chinese else "en",
                "format": "html",
                "text": body,
                "sha256": f"{i:064x}",
                "chars": len(body),
                "ingested_at": START,
            }
        )
    actors = [
        {
            "id": i + 1,
            "name": f"Bureau {i}",
            "kind": rng.choice(list(book.actor_kinds)),
            "country": "CN",
        }
        for i in range(400)
    ]
    event_rows, recipients, region_rows, actor_rows, evidence, audit = [], [], [], [], [], []
    for i in range(1, events + 1):
        year = rng.randint(2000, 2025) if rng.random() < 0.92 else None
        review = rng.choices(
            ["machine", "accepted", "edited", "rejected", "unsure"], [70, 20, 5, 3, 2]
        )[0]
        kind = rng.choices(types, [30, 15, 10, 8, 10, 8, 7, 8, 4])[0]
        sources = min(6, int(rng.expovariate(0.8)) + 1)
        created = START + timedelta(minutes=i)
        event_rows.append(
            {
                "id": i,
                "type": kind,
                "status": rng.choice(statuses),
                "provider_country": "CN",
                "year_start": year,
                "year_end": None if year is None else year + rng.choice([0, 0, 0, 1, 2]),
                "people": rng.randint(10, 3000)
                if kind == "training" and rng.random() < 0.5
                else None,
                "quantities": {},
                "review_state": review,
                "locked_fields": [],
                "sources": sources,
                "confidence": round(rng.random(), 3),
                "confidence_level": rng.choice(list(book.confidence_levels)),
                "disputed": rng.random() < 0.05,
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }
        )
        for code in set(rng.choices(countries, weights, k=rng.choice([1, 1, 1, 2, 3]))):
            recipients.append({"event_id": i, "country": code})
        region_rows.append({"event_id": i, "region": rng.choice(regions)})
        if rng.random() < 0.6:
            actor_rows.append({"event_id": i, "actor_id": rng.randint(1, 400), "role": "provider"})
        for _ in range(min(sources, 3)):
            doc = docs[rng.randrange(documents)]
            start = rng.randrange(0, doc["chars"] - 200)
            end = start + rng.randint(60, 190)
            evidence.append(
                {
                    "event_id": i,
                    "document_id": doc["id"],
                    "start": start,
                    "end": end,
                    "quote": doc["text"][start:end],
                    "extractor": "rules",
                    "extractor_version": "bench",
                    "confidence": 0.7,
                    "fields": {"type": kind, "year_start": year},
                    "created_at": created,
                }
            )
        if review != "machine":
            audit.append(
                {
                    "at": created,
                    "who": "bench",
                    "action": ACTIONS[review],
                    "entity": "event",
                    "entity_id": i,
                    "before": {"review_state": "machine"},
                    "after": {"review_state": review},
                }
            )
    timings["generate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    with engine.begin() as conn:
        for table, rows in [
            (Document, docs),
            (Actor, actors),
            (Event, event_rows),
            (EventRecipient, recipients),
            (EventRegion, region_rows),
            (EventActor, actor_rows),
            (Evidence, evidence),
            (AuditEntry, audit),
        ]:
            for offset in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[offset : offset + 20_000])
        conn.execute(
            text("INSERT INTO document_fts(rowid, title, body) VALUES (:id, :title, :body)"),
            [
                {
                    "id": d["id"],
                    "title": dialect.segment(d["title"]),
                    "body": dialect.segment(d["text"]),
                }
                for d in docs
            ],
        )
        conn.execute(text("ANALYZE"))
    timings["insert_s"] = round(time.perf_counter() - started, 1)
    timings["evidence"] = len(evidence)
    engine.dispose()
    return timings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(path: Path, port: int, cache: bool) -> subprocess.Popen:
    env = os.environ | {"FOOTPRINT_SECRET_KEY": "bench-" + "x" * 40}
    command = [sys.executable, "-m", "footprint.cli", "--db", str(path), "serve"]
    command += ["--port", str(port), "--cache" if cache else "--no-cache"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start: " + process.stderr.read().decode())


def measure(client: httpx.Client, urls: list[str], requests: int) -> dict[str, float]:
    for url in urls:  # warm up: first use of each query plan and template
        client.get(url).raise_for_status()
    times = []
    for i in range(requests):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        client.get(url).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
        "max_ms": round(times[-1], 1),
        "requests": requests,
    }


FILTERS = [
    "",
    "?type=training",
    "?country={c1}",
    "?country={c2}&type=agreement",
    "?region=Africa&year_from=2015&year_to=2020",
    "?status=completed&min_sources=2",
    "?review_state=machine&disputed=true",
    "?actor=Bureau%207",
    "?provider=CN&sort=-year",
    "?year_from=2020&offset=500",
]


def routes(client: httpx.Client, events: int, documents: int) -> tuple[dict, dict, list]:
    countries = client.get("/api/v1/countries").json()
    c1, c2 = countries[0]["country"], countries[15]["country"]
    filters = [f.format(c1=c1, c2=c2) for f in FILTERS]
    small = next(c["country"] for c in countries if c["events"] < 300)
    api = {
        "events_list": [f"/api/v1/events{f}" for f in filters],
        "facets": [f"/api/v1/events/facets{f}" for f in filters],
        "overview": ["/api/v1/overview"],
        "event": [f"/api/v1/events/{i}" for i in range(1, events, 997)],
    }
    pages = {
        "overview": ["/"],
        "events": [f"/events{f}" for f in filters],
        "event": [f"/events/{i}" for i in range(1, events, 997)],
        "document": [f"/documents/{i}" for i in range(1, documents, 499)],
        "review": ["/review", "/review?type=training"],
        "documents_search": ["/documents?q=police+training", "/documents?q=警察"],
        "country_small": [f"/countries/{small}"],
    }
    return api, pages, [c1, small]


def run(path: Path, args, cache: bool) -> dict:
    port = free_port()
    process = serve(path, port, cache)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            api, pages, (big, small) = routes(client, args.events, args.documents)
            out = {
                "api": {k: measure(client, v, args.requests) for k, v in api.items()},
                "pages": {k: measure(client, v, args.requests) for k, v in pages.items()},
                "country_small": small,
            }
            if cache:
                # Summaries from footprint.analyse: the first view computes them (timed
                # here), later views are served from the cache. bench/analyse.py times the
                # summaries themselves, in process.
                out["analysis_first_view_ms"] = {}
                for name, url in [
                    (f"country_{big}", f"/countries/{big}"),
                    ("coverage", "/coverage"),
                    ("actor", "/actors/Bureau%207"),
                    ("network_api", "/api/v1/network"),
                ]:
                    started = time.perf_counter()
                    client.get(url).raise_for_status()
                    elapsed = round((time.perf_counter() - started) * 1000)
                    out["analysis_first_view_ms"][name] = elapsed
                    out["pages"][f"{name}_cached"] = measure(client, [url], args.requests)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return out


def verdict(result: dict) -> dict[str, bool]:
    api = ("events_list", "facets", "overview")
    return {
        "api_p95_under_100ms": all(result["api"][k]["p95_ms"] < 100 for k in api),
        "pages_p95_under_300ms": all(v["p95_ms"] < 300 for v in result["pages"].values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="Keep the database here (reused if present).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        report: dict = {"events": args.events, "documents": args.documents}
        if not path.exists():
            report["build"] = build(path, args.events, args.documents)
        # Cold: every request computed from the database (--no-cache). Warm: as served,
        # with counts and summaries kept until the database changes.
        report["cold"] = run(path, args, cache=False)
        report["warm"] = run(path, args, cache=True)
        report["targets_met"] = {"cold": verdict(report["cold"]), "warm": verdict(report["warm"])}
        print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
