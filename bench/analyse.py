"""Analysis speed: the summaries of ``footprint.analyse`` over 100,000 events.

Builds the same SQLite store as ``bench/web.py`` (100,000 events, 20,000 documents),
then times, in this process and on one core, each summary the web app and the CLI show:
the dataset summary, the busiest country's profile, an actor's profile, the network and
the coverage table. Each is computed ``--repeat`` times, each time in a fresh session, so
nothing is served from the ORM's identity map. Prints JSON (milliseconds).

Target (analysis issue): each summary under 1 s, ideally under 300 ms.

    python bench/analyse.py [--events 100000] [--documents 20000] [--keep PATH]
    python bench/analyse.py --keep /tmp/bench.db --dump /tmp/out   # also write the results

``--dump`` writes each result as JSON, so two versions of the code can be compared on
the same store with ``diff -r``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))  # bench/web.py builds the store

import web  # noqa: E402
from footprint import analyse, db  # noqa: E402
from footprint.model import Event, EventRecipient  # noqa: E402

ACTOR = "Bureau 7"


def busiest_country(session: Session) -> str:
    query = (
        select(EventRecipient.country)
        .join(Event, Event.id == EventRecipient.event_id)
        .where(Event.review_state != "rejected")
        .group_by(EventRecipient.country)
        .order_by(func.count().desc(), EventRecipient.country)
        .limit(1)
    )
    return session.scalar(query)


def summaries(country: str) -> dict[str, Callable[[Session], Any]]:
    return {
        "dataset": analyse.dataset_summary,
        "dataset_reviewed": lambda s: analyse.dataset_summary(s, reviewed_only=True),
        f"country_{country}": lambda s: analyse.country_summary(s, country),
        "actor": lambda s: analyse.actor_summary(s, ACTOR),
        "network": analyse.network,
        "coverage": analyse.coverage,
    }


def timed(engine, compute: Callable[[Session], Any], repeat: int) -> tuple[dict, Any]:
    times, result = [], None
    for _ in range(repeat):
        # Each run starts from the same heap: the previous result (13 MB of lists for the
        # network) would otherwise make the garbage collector's passes longer.
        result = None
        gc.collect()
        with Session(engine) as session:
            started = time.perf_counter()
            result = compute(session)
            times.append((time.perf_counter() - started) * 1000)
    return {"first_ms": round(times[0]), "median_ms": round(statistics.median(times))}, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Keep the database here (reused if present).")
    parser.add_argument("--dump", type=Path, help="Write each result as JSON in this folder.")
    parser.add_argument("--only", help="Time only the summaries whose name starts so.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        report: dict[str, Any] = {"events": args.events, "documents": args.documents}
        if not path.exists():
            report["build"] = web.build(path, args.events, args.documents)
        engine = db.connect(path)
        with Session(engine) as session:
            country = busiest_country(session)
        report["timings"] = {}
        for name, compute in summaries(country).items():
            if args.only and not name.startswith(args.only):
                continue
            report["timings"][name], result = timed(engine, compute, args.repeat)
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                text = json.dumps(result, indent=1, ensure_ascii=False)
                (args.dump / f"{name}.json").write_text(text, "utf-8")
        worst = max(t["median_ms"] for t in report["timings"].values())
        report["targets_met"] = {"under_1s": worst < 1000, "under_300ms": worst < 300}
        engine.dispose()
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
