"""Ingestion throughput: N generated ~800-word articles (txt, html, one jsonl dump) into a
fresh SQLite file. Prints JSON figures.

    python bench/ingest.py [--docs 500]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from footprint import db
from footprint.ingest import ingest

WORDS = (
    "police training academy officers ministry security cooperation agreement patrol joint "
    "station overseas forensic laboratory equipment extradition forum delegation course "
    "exchange programme capacity surveillance city province bureau country region year"
).split()


def article(rng: random.Random, n_words: int = 800) -> str:
    sentences, count = [], 0
    while count < n_words:
        length = rng.randint(12, 28)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + ".")
        count += length
    return " ".join(sentences)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        third = args.docs // 3
        for i in range(third):
            (folder / f"a{i}.txt").write_text(f"Title {i}\n\n{article(rng)}", encoding="utf-8")
        for i in range(third):
            body = "".join(f"<p>{p}</p>" for p in article(rng).split(". "))
            (folder / f"b{i}.html").write_text(
                f"<html><head><title>Page {i}</title></head><body><nav>Home News</nav>"
                f"<article><h1>Page {i}</h1>{body}</article></body></html>",
                encoding="utf-8",
            )
        rows = args.docs - 2 * third
        with (folder / "dump.jsonl").open("w", encoding="utf-8") as out:
            for i in range(rows):
                out.write(json.dumps({"title": f"Row {i}", "text": article(rng)}) + "\n")
        engine = db.connect(Path(tmp) / "bench.db")
        started = time.perf_counter()
        report = ingest(engine, [str(folder)])
        elapsed = time.perf_counter() - started
        again = time.perf_counter()
        repeat = ingest(engine, [str(folder)])
        repeat_elapsed = time.perf_counter() - again
    print(
        json.dumps(
            {
                "benchmark": "ingest",
                "documents": args.docs,
                "words_per_document": 800,
                "new": len(report.new),
                "quarantined": len(report.quarantined),
                "seconds": round(elapsed, 3),
                "documents_per_second": round(args.docs / elapsed, 1),
                "reingest_documents_per_second": round(len(repeat.duplicates) / repeat_elapsed, 1),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
