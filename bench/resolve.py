"""Incremental resolution speed: 1,000 new mentions into a store of 100,000 events.

Builds a SQLite store with bulk inserts (events spread over types, recipient countries,
regions and years, each with one evidence row), then adds new mentions — about half of
them new sources of stored events, half new events — and times ``footprint.resolve``.

    python bench/resolve.py [--events 100000] [--mentions 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pycountry
from sqlalchemy import insert, select

from footprint import codebook, db
from footprint.model import Document, Event, EventRecipient, EventRegion, Evidence
from footprint.resolve import resolve

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _fields(rng: random.Random, types, countries, regions) -> dict:
    year = rng.randint(2000, 2024)
    place = rng.random()
    return {
        "type": rng.choice(types),
        "status": rng.choice(["completed", "ongoing", "unknown", "planned"]),
        "provider": "CN",
        "provider_orgs": [],
        "recipients": [rng.choice(countries)] if place < 0.8 else [],
        "recipient_regions": [rng.choice(regions)] if place >= 0.8 else [],
        "year_start": year if rng.random() < 0.85 else None,
        "year_end": year if rng.random() < 0.85 else None,
        "people": rng.choice([None, None, rng.randint(10, 5000)]),
    }


def build_store(engine, count: int, rng: random.Random) -> list[dict]:
    book = codebook.load()
    types = list(book.event_types)
    countries = [c.alpha_2 for c in pycountry.countries]
    regions = [r for r in book.regions if r != "Global"]
    documents = max(count // 5, 1)
    with engine.begin() as conn:
        conn.execute(
            insert(Document),
            [
                {
                    "id": i + 1,
                    "source": f"doc{i}",
                    "publisher": f"publisher {i % 400}",
                    "language": "en",
                    "format": "txt",
                    "text": "x" * 400,
                    "sha256": f"{i:064d}",
                    "chars": 400,
                    "ingested_at": NOW,
                }
                for i in range(documents)
            ],
        )
        stored = []
        for start in range(0, count, 10_000):
            events, recipients, regions_rows, evidence = [], [], [], []
            for i in range(start, min(start + 10_000, count)):
                f = _fields(rng, types, countries, regions)
                if f["year_start"] and f["year_end"] and f["year_end"] < f["year_start"]:
                    f["year_end"] = f["year_start"]
                events.append(
                    {
                        "id": i + 1,
                        "type": f["type"],
                        "status": f["status"],
                        "provider_country": "CN",
                        "year_start": f["year_start"],
                        "year_end": f["year_end"],
                        "people": f["people"],
                        "quantities": {},
                        "review_state": "machine",
                        "locked_fields": [],
                        "sources": 1,
                        "confidence": 0.6,
                        "confidence_level": "low",
                        "disputed": False,
                        "version": 1,
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                )
                recipients += [{"event_id": i + 1, "country": c} for c in f["recipients"]]
                regions_rows += [{"event_id": i + 1, "region": r} for r in f["recipient_regions"]]
                evidence.append(
                    {
                        "event_id": i + 1,
                        "document_id": rng.randint(1, documents),
                        "start": 0,
                        "end": 60,
                        "quote": f"Stored mention number {i} of a {f['type']} event.",
                        "extractor": "rules",
                        "extractor_version": "bench",
                        "confidence": 0.6,
                        "fields": f,
                        "created_at": NOW,
                    }
                )
                stored.append(f)
            conn.execute(insert(Event), events)
            if recipients:
                conn.execute(insert(EventRecipient), recipients)
            if regions_rows:
                conn.execute(insert(EventRegion), regions_rows)
            conn.execute(insert(Evidence), evidence)
    return stored


def add_mentions(engine, stored: list[dict], count: int, rng: random.Random) -> None:
    book = codebook.load()
    countries = [c.alpha_2 for c in pycountry.countries]
    regions = [r for r in book.regions if r != "Global"]
    with engine.begin() as conn:
        documents = conn.scalar(select(Document.id).order_by(Document.id.desc()).limit(1))
        rows = []
        for i in range(count):
            # Half retell a stored event (another source), half are new events.
            f = (
                dict(rng.choice(stored))
                if i % 2
                else _fields(rng, list(book.event_types), countries, regions)
            )
            rows.append(
                {
                    "event_id": None,
                    "document_id": rng.randint(1, documents),
                    "start": 0,
                    "end": 60,
                    "quote": f"New mention number {i} of a {f['type']} event.",
                    "extractor": "rules",
                    "extractor_version": "bench",
                    "confidence": 0.6,
                    "fields": f,
                    "created_at": NOW,
                }
            )
        conn.execute(insert(Evidence), rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        engine = db.connect(Path(folder) / "bench.db")
        began = time.perf_counter()
        stored = build_store(engine, args.events, rng)
        built = time.perf_counter() - began
        add_mentions(engine, stored, args.mentions, rng)
        began = time.perf_counter()
        report = resolve(engine)
        seconds = time.perf_counter() - began
        engine.dispose()
    print(
        json.dumps(
            {
                "stored_events": args.events,
                "new_mentions": report.mentions,
                "seconds": round(seconds, 2),
                "mentions_per_second": round(report.mentions / seconds, 1),
                "joined_existing": report.attached,
                "new_events": report.created,
                "store_build_seconds": round(built, 1),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "target_seconds": 10,
            }
        )
    )


if __name__ == "__main__":
    main()
