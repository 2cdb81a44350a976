"""Sanity checks for the tuning set 12 (eval/tune12).

    /work/venv/bin/python eval/tune12/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (so the YAML front matter is
stripped, exactly as the project sees the text) and checks that:

- every line of gold/tune12.jsonl parses and has exactly the expected fields;
- types, statuses and regions are allowed by the codebook; provider and recipients are
  ISO 3166-1 alpha-2 codes known to pycountry; regions agree with the recipients' regions;
- years are plausible and ordered; people is a positive integer or null;
- every gold document exists in docs/ and is listed in gold/documents.txt, and every listed
  document exists;
- offsets satisfy 0 <= start < end <= len(text) on the reader's text, and the span has no
  leading/trailing whitespace;
- every document has the FICTIONAL marker and a date line, a title/publisher/published date in
  its front matter (published == date line), and 250-1500 English words or 400-2000 Han characters;
- event keys use the fict-tune12- prefix, each key keeps one event type and at most one mention per
  document; keys reported by two or more documents are listed.

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import pycountry

from footprint import codebook
from footprint.ingest import read_path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold" / "tune12.jsonl"
LISTED = HERE / "gold" / "documents.txt"

CB = codebook.load()
TYPES = set(CB.event_types)
STATUSES = set(CB.statuses)
REGIONS = set(CB.regions)
FIELDS = {
    "doc",
    "type",
    "status",
    "provider",
    "recipients",
    "recipient_regions",
    "year_start",
    "year_end",
    "people",
    "start",
    "end",
    "event_key",
    "note",
}
MARKER = "[FICTIONAL document written for evaluation]"
DATE_EN = re.compile(r"Date: (\d{4})-(\d{2})-(\d{2})")
DATE_ZH = re.compile(r"日期：(\d{4})年(\d{1,2})月(\d{1,2})日")
# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF = {
    **{c: "Central Asia" for c in "KZ KG TJ TM UZ".split()},
    **{c: "Africa" for c in "ZM ET UG CI".split()},
    **{c: "Southeast Asia" for c in "KH LA TH MM ID VN TL".split()},
    **{c: "South Asia" for c in "PK NP MV".split()},
    **{c: "Europe" for c in "BY RU GB HR RS HU".split()},
    **{c: "Latin America" for c in "EC BO PE AR VE NI".split()},
    **{c: "Pacific" for c in "SB KI VU TO FJ WS PG".split()},
}


def is_country(code: object) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 2
        and pycountry.countries.get(alpha_2=code) is not None
    )


def length(text: str) -> tuple[str, int, int, int]:
    """(unit, count, min, max): English words 250-1500, or Han characters 400-2000."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if han < 50:
        return "words", len(text.split()), 250, 1500
    return "Han characters", han, 400, 2000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-spans", action="store_true")
    ap.add_argument(
        "--gold", type=Path, default=GOLD, help="gold file to check (default: gold/tune12.jsonl)"
    )
    args = ap.parse_args()
    errors: list[str] = []
    warnings: list[str] = []

    listed = [ln.strip() for ln in LISTED.read_text("utf-8").splitlines() if ln.strip()]
    if len(listed) != len(set(listed)):
        errors.append("documents.txt has duplicates")
    on_disk = sorted(p.name for p in DOCS.glob("*.txt"))
    for doc in listed:
        if doc not in on_disk:
            errors.append(f"documents.txt: {doc} not found in docs/")
    for doc in on_disk:
        if doc not in listed:
            errors.append(f"docs/{doc} is not listed in documents.txt")

    # documents, read the way the project reads them
    texts: dict[str, str] = {}
    publishers: dict[str, str | None] = {}
    for name in on_disk:
        parsed = read_path(str(DOCS / name))
        if len(parsed) != 1:
            errors.append(f"{name}: reader returned {len(parsed)} documents")
            continue
        d = parsed[0]
        text = d.text
        texts[name] = text
        publishers[name] = d.publisher
        lines = text.splitlines()
        if not lines or lines[0] != MARKER:
            errors.append(f"{name}: first line of the text must be the FICTIONAL marker")
        m = (DATE_EN.fullmatch(lines[1]) or DATE_ZH.fullmatch(lines[1])) if len(lines) > 1 else None
        if not m:
            errors.append(f"{name}: second line must be the date line")
        elif d.published:
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            if not str(d.published).startswith(date):
                errors.append(f"{name}: front-matter date {d.published} != date line {date}")
        for field in ("title", "publisher", "published"):
            if not getattr(d, field):
                errors.append(f"{name}: no {field} in front matter")
        if d.title and (len(lines) < 3 or lines[2].strip() != d.title.strip()):
            errors.append(f"{name}: third line should repeat the front-matter title")
        unit, n, lo, hi = length(text)
        if not lo <= n <= hi:
            errors.append(f"{name}: {n} {unit}, outside {lo}-{hi}")

    mentions = []
    for n, line in enumerate(args.gold.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: does not parse ({exc})")
            continue
        where = f"line {n} ({e.get('doc')}, {e.get('type')}, {e.get('event_key')})"
        if set(e) != FIELDS:
            errors.append(f"{where}: fields {sorted(set(e) ^ FIELDS)} missing or extra")
            continue
        if e["type"] not in TYPES:
            errors.append(f"{where}: bad type")
        if e["status"] not in STATUSES:
            errors.append(f"{where}: bad status")
        if not is_country(e["provider"]):
            errors.append(f"{where}: bad provider {e['provider']}")
        recs = e["recipients"]
        if not isinstance(recs, list) or not all(is_country(c) for c in recs):
            errors.append(f"{where}: bad recipients {recs}")
            recs = []
        if len(set(recs)) != len(recs):
            errors.append(f"{where}: duplicate recipients")
        regs = e["recipient_regions"]
        if not isinstance(regs, list) or not all(r in REGIONS for r in regs):
            errors.append(f"{where}: bad regions {regs}")
        elif recs:
            unknown = [c for c in recs if c not in REGION_OF]
            if unknown:
                warnings.append(
                    f"{where}: no region table entry for {unknown}; regions not cross-checked"
                )
            elif set(regs) != {REGION_OF[c] for c in recs}:
                errors.append(f"{where}: regions {regs} do not match recipients {recs}")
        if not recs and not regs:
            errors.append(f"{where}: neither recipients nor regions")
        for k in ("year_start", "year_end"):
            v = e[k]
            if v is not None and not (isinstance(v, int) and 1990 <= v <= 2035):
                errors.append(f"{where}: bad {k} {v}")
        if (
            isinstance(e["year_start"], int)
            and isinstance(e["year_end"], int)
            and e["year_start"] > e["year_end"]
        ):
            errors.append(f"{where}: year_start > year_end")
        if e["people"] is not None and not (isinstance(e["people"], int) and e["people"] > 0):
            errors.append(f"{where}: bad people")
        if not (
            isinstance(e["event_key"], str)
            and re.fullmatch(r"fict-tune12-[a-z0-9][a-z0-9-]*", e["event_key"])
        ):
            errors.append(f"{where}: event_key must match fict-tune12-[a-z0-9-]+")
        if not (isinstance(e["note"], str) and e["note"].strip()):
            errors.append(f"{where}: empty note")
        if e["doc"] not in listed:
            errors.append(f"{where}: document not in documents.txt")
        text = texts.get(e["doc"])
        if text is None:
            errors.append(f"{where}: document not found in docs/")
            continue
        s, t = e["start"], e["end"]
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            errors.append(f"{where}: offsets missing or out of range ({s}, {t}, len {len(text)})")
        else:
            span = text[s:t]
            if span != span.strip():
                errors.append(f"{where}: span has leading/trailing whitespace")
            if args.show_spans:
                print(f"{e['doc']} {e['type']} {e['event_key']}: {span[:140]!r}")
        mentions.append(e)

    # resolution structure
    by_key: dict[str, list[dict]] = collections.defaultdict(list)
    for e in mentions:
        by_key[e["event_key"]].append(e)
    for key, ms in sorted(by_key.items()):
        types = {m["type"] for m in ms}
        if len(types) > 1:
            errors.append(f"{key}: mentions have different types {sorted(types)}")
        docs = {m["doc"] for m in ms}
        if len(docs) != len(ms):
            errors.append(f"{key}: more than one mention in the same document")

    for doc in listed:
        if doc in texts and not any(m["doc"] == doc for m in mentions):
            warnings.append(f"{doc}: no gold mention (counts as a false-alarm document)")

    totals = f"events (distinct keys): {len(by_key)}  mentions: {len(mentions)}"
    print(f"documents: {len(listed)}  {totals}")
    print(
        "mentions per type:", dict(collections.Counter(m["type"] for m in mentions).most_common())
    )
    print(
        "distinct events per type:",
        dict(collections.Counter(ms[0]["type"] for ms in by_key.values()).most_common()),
    )
    others = sorted({m["event_key"] for m in mentions if m["provider"] != "CN"})
    print("non-Chinese providers:", others)
    shared = {k: ms for k, ms in by_key.items() if len({m["doc"] for m in ms}) > 1}
    print(f"keys reported by two or more documents: {len(shared)}")
    for key, ms in sorted(by_key.items()):
        if key not in shared:
            continue
        pubs = sorted({publishers.get(m["doc"]) or "?" for m in ms})
        docs = ",".join(sorted(m["doc"][:-4] for m in ms))
        print(f"  {key:50s} {ms[0]['type']:20s} docs={docs}  publishers={len(pubs)}")
    for w in warnings:
        print("WARNING:", w)
    for err in errors:
        print("ERROR:", err)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
