"""Sanity checks for the development gold set.

    /work/venv/bin/python eval/check_gold.py [--show-spans] [--max-shared-words 7]

Checks that every line of gold/dev.jsonl parses and has exactly the expected fields; that
types, statuses, regions and ISO 3166-1 alpha-2 countries are valid; that every document is
listed in gold/documents.txt and exists in one of the three document folders; that offsets are
in range (and null where the text is not read as UTF-8); that stress documents carry the
FICTIONAL marker and a date line and have 150-500 words; and that no eval file shares a long run
of words with the seed texts (the seed texts must not be copied into the repo). Prints totals
per type and per document. Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

from validate import (
    FIELDS,
    REGIONS,
    TYPES,
    check_type_status_provider,
    check_years_people,
    is_country,
)

EVAL = Path(__file__).resolve().parent
REPO = EVAL.parent
FOLDERS = [
    Path("/work/shared/seeds"),
    REPO / "src" / "footprint" / "demo" / "documents",
    EVAL / "docs",
]
NON_UTF8 = {
    "zh-gb18030-01-overseas-police-stations.txt",
    "zh-big5-01-pacific-police-cooperation.txt",
}
MARKER = "FICTIONAL TEST DOCUMENT — not a real event."
TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]+")


def locate(doc: str) -> Path | None:
    for folder in FOLDERS:
        p = folder / doc
        if p.is_file():
            return p
    return None


def longest_shared_run(a: list[str], b: list[str]) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-spans", action="store_true")
    ap.add_argument("--max-shared-words", type=int, default=7)
    args = ap.parse_args()
    errors: list[str] = []

    listed = [
        ln.strip()
        for ln in (EVAL / "gold" / "documents.txt").read_text("utf-8").splitlines()
        if ln.strip()
    ]
    if len(listed) != len(set(listed)):
        errors.append("documents.txt has duplicates")
    for doc in listed:
        if locate(doc) is None:
            errors.append(f"documents.txt: {doc} not found in any document folder")

    events = []
    for n, line in enumerate((EVAL / "gold" / "dev.jsonl").read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: does not parse ({exc})")
            continue
        where = f"line {n} ({e.get('doc')}, {e.get('type')})"
        if set(e) != FIELDS:
            errors.append(f"{where}: fields {sorted(set(e) ^ FIELDS)} missing or extra")
            continue
        check_type_status_provider(e, where, errors)
        if not isinstance(e["recipients"], list) or not all(is_country(c) for c in e["recipients"]):
            errors.append(f"{where}: bad recipients {e['recipients']}")
        if len(set(e["recipients"])) != len(e["recipients"]):
            errors.append(f"{where}: duplicate recipients")
        if not isinstance(e["recipient_regions"], list) or not all(
            r in REGIONS for r in e["recipient_regions"]
        ):
            errors.append(f"{where}: bad regions {e['recipient_regions']}")
        if not e["recipients"] and not e["recipient_regions"]:
            errors.append(f"{where}: neither recipients nor regions")
        check_years_people(e, where, errors, (1950, 2035))
        if not (
            isinstance(e["event_key"], str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", e["event_key"])
        ):
            errors.append(f"{where}: bad event_key")
        if not (isinstance(e["note"], str) and e["note"].strip()):
            errors.append(f"{where}: empty note")
        if e["doc"].startswith("stress") != e["event_key"].startswith("fict-"):
            errors.append(f"{where}: stress events (and only they) must use fict- keys")
        path = locate(e["doc"])
        if path is None:
            errors.append(f"{where}: document not found")
            continue
        if e["doc"] not in listed:
            errors.append(f"{where}: document not in documents.txt")
        null_ok = path.suffix == ".html" or e["doc"] in NON_UTF8
        s, t = e["start"], e["end"]
        if null_ok:
            if s is not None or t is not None:
                errors.append(f"{where}: offsets must be null for this document")
        else:
            text = path.read_text("utf-8")
            if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
                errors.append(
                    f"{where}: offsets missing or out of range ({s}, {t}, len {len(text)})"
                )
            else:
                span = text[s:t]
                if span != span.strip():
                    errors.append(f"{where}: span has leading/trailing whitespace")
                if args.show_spans:
                    print(f"{e['doc']} {e['type']} {e['recipients']}: {span[:160]!r}")
        events.append(e)

    # stress documents: marker, date line, length
    for p in sorted((EVAL / "docs").glob("*.txt")):
        text = p.read_text("utf-8")
        lines = text.splitlines()
        if not lines or lines[0] != MARKER:
            errors.append(f"{p.name}: first line must be the FICTIONAL marker")
        if len(lines) < 2 or not re.fullmatch(
            r"Date: \d{4}-\d{2}-\d{2}|日期：\d{4}年\d{1,2}月\d{1,2}日", lines[1]
        ):
            errors.append(f"{p.name}: second line must be the date line")
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        words = (
            len(text.split()) if han < 50 else round(han / 1.5)
        )  # Chinese: ~1.5 characters per word
        if not 150 <= words <= 500:
            errors.append(f"{p.name}: {words} words, outside 150-500")
        if p.name not in listed:
            errors.append(f"{p.name}: not in documents.txt")

    # copying check against the seeds (seed text must never enter the repo)
    seeds = {
        p.name: TOKEN.findall(p.read_text("utf-8").lower()) for p in sorted(FOLDERS[0].glob("*"))
    }
    mine = [EVAL / "GUIDELINES.md", *sorted((EVAL / "docs").glob("*.txt"))]
    mine_texts = {p.name: p.read_text("utf-8") for p in mine}
    mine_texts["dev.jsonl notes"] = "\n".join(e["note"] for e in events)
    for name, text in mine_texts.items():
        toks = TOKEN.findall(text.lower())
        worst = max((longest_shared_run(toks, s) for s in seeds.values()), default=0)
        if worst > args.max_shared_words:
            errors.append(f"{name}: shares a run of {worst} words with a seed")

    by_type = collections.Counter(e["type"] for e in events)
    by_doc = collections.Counter(e["doc"] for e in events)
    print(
        f"{len(events)} events over {len(listed)} documents "
        f"({sum(1 for d in listed if by_doc[d])} with events, "
        f"{sum(1 for d in listed if not by_doc[d])} without)"
    )
    print("\nper type:")
    for t in sorted(TYPES):
        print(f"  {t:20s} {by_type[t]:4d}")
    print("\nper document:")
    for d in listed:
        print(f"  {by_doc[d]:3d}  {d}")
    keys = collections.Counter(e["event_key"] for e in events)
    multi = {k: v for k, v in keys.items() if v > 1}
    print(f"\n{len(keys)} distinct event keys, {len(multi)} reported in more than one document")
    if errors:
        print("\nERRORS:")
        for err in errors:
            print("  " + err)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
