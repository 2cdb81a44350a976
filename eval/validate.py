"""Shared checks for the evaluation sets under eval/ (tune*, holdout-*).

Each set's ``check.py`` declares a :class:`SetConfig` (marker line, title and date rules, length
limits, key prefix, year range, country -> region table, report style) and calls :func:`run`.
The checks and the printed totals are the ones the per-set copies used to carry:

- every document in docs/ is listed in gold/documents.txt and vice versa; each is read through
  ``footprint.ingest.read_path`` and must have the marker, a date line matching the front-matter
  date, a title/publisher/published date, the title near the top and a length within limits;
- every gold line parses, has exactly :data:`FIELDS`, valid codebook values and ISO countries,
  regions that agree with the set's region table, plausible ordered years, a positive people
  count or null, a key with the set's prefix, a note, and in-range offsets on the reader's text;
- each event key keeps one type and has at most one mention per document.

Prints totals, warnings and errors; :func:`run` returns 1 on any error, else 0.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from footprint import codebook
from footprint.ingest import read_path

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
DATE_EN = re.compile(r"Date: (\d{4})-(\d{2})-(\d{2})")
DATE_ZH = re.compile(r"日期：(\d{4})年(\d{1,2})月(\d{1,2})日")
HAN = re.compile(r"[\u4e00-\u9fff]")
TEST_MARKER = "FICTIONAL TEST DOCUMENT — not a real event."
EVAL_MARKER = "[FICTIONAL document written for evaluation]"

Mention = dict[str, Any]


def is_country(code: object) -> bool:
    """True for an ISO 3166-1 alpha-2 code known to pycountry."""
    return (
        isinstance(code, str)
        and len(code) == 2
        and pycountry.countries.get(alpha_2=code) is not None
    )


# --- per-set rules -------------------------------------------------------------------------


@dataclass(frozen=True)
class Length:
    """Length limits: English words, or Han characters for Chinese documents.

    A document counts as Chinese from ``zh_from`` Han characters on. With ``han_per_word`` set,
    a Chinese document is measured in words too (Han characters / ``han_per_word``, rounded).
    """

    en: tuple[int, int]
    zh: tuple[int, int]
    zh_from: int = 50
    han_per_word: float | None = None

    def measure(self, text: str) -> tuple[str, str, int, int, int]:
        """(language, unit, count, minimum, maximum) of a document."""
        han = len(HAN.findall(text))
        if han < self.zh_from:
            return "en", "words", len(text.split()), *self.en
        if self.han_per_word:
            return "zh", "words", round(han / self.han_per_word), *self.zh
        return "zh", "Han characters", han, *self.zh


DateRule = Callable[[list[str]], tuple[re.Match[str] | None, str]]
TitleRule = Callable[[str, list[str]], str | None]


def date_on_second_line(lines: list[str]) -> tuple[re.Match[str] | None, str]:
    """The date line is exactly the second line of the text."""
    m = (DATE_EN.fullmatch(lines[1]) or DATE_ZH.fullmatch(lines[1])) if len(lines) > 1 else None
    return m, "second line must be the date line"


def date_in_first_five_lines(lines: list[str]) -> tuple[re.Match[str] | None, str]:
    """The date line is one of lines 2-5 (surrounding whitespace ignored)."""
    m = next(
        (
            x
            for ln in lines[1:5]
            if (x := DATE_EN.fullmatch(ln.strip()) or DATE_ZH.fullmatch(ln.strip()))
        ),
        None,
    )
    return m, "no date line in the first five lines"


def title_on_third_line(title: str, lines: list[str]) -> str | None:
    """The third line repeats the front-matter title."""
    if len(lines) < 3 or lines[2].strip() != title.strip():
        return "third line should repeat the front-matter title"
    return None


def title_in_first_ten_lines(title: str, lines: list[str]) -> str | None:
    """The front-matter title is one of the first ten lines."""
    if title.strip() not in [ln.strip() for ln in lines[:10]]:
        return "the front-matter title should appear in the first ten lines"
    return None


def title_in_first_eight_lines(title: str, lines: list[str]) -> str | None:
    """The front-matter title is one of the first eight lines (whitespace runs collapsed)."""
    if " ".join(title.split()) not in [" ".join(ln.split()) for ln in lines[:8]]:
        return "the front-matter title should appear within the first 8 lines"
    return None


# --- state and reports ---------------------------------------------------------------------


@dataclass
class Checked:
    """What the checks found: documents, mentions grouped by key, warnings and errors."""

    listed: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    publishers: dict[str, str | None] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_key: dict[str, list[Mention]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def without_mentions(self) -> list[str]:
        """Listed documents that were read and have no gold mention, in listing order."""
        return [
            d
            for d in self.listed
            if d in self.texts and not any(m["doc"] == d for m in self.mentions)
        ]

    def shared(self) -> dict[str, list[Mention]]:
        """Keys reported by two or more documents."""
        return {k: ms for k, ms in self.by_key.items() if len({m["doc"] for m in ms}) > 1}


Report = Callable[[Checked], None]


def print_key(c: Checked, key: str, ms: list[Mention]) -> None:
    """One line per event key: type, documents and the number of distinct publishers."""
    pubs = sorted({c.publishers.get(m["doc"]) or "?" for m in ms})
    docs = ",".join(sorted(m["doc"][:-4] for m in ms))
    print(f"  {key:50s} {ms[0]['type']:20s} docs={docs}  publishers={len(pubs)}")


def print_mentions_per_type(c: Checked) -> None:
    """Mentions per event type, most frequent first."""
    print(
        "mentions per type:", dict(collections.Counter(m["type"] for m in c.mentions).most_common())
    )


def report_standard(c: Checked) -> None:
    """Totals, mentions and distinct events per type, non-Chinese providers, shared keys."""
    totals = f"events (distinct keys): {len(c.by_key)}  mentions: {len(c.mentions)}"
    print(f"documents: {len(c.listed)}  {totals}")
    print_mentions_per_type(c)
    print(
        "distinct events per type:",
        dict(collections.Counter(ms[0]["type"] for ms in c.by_key.values()).most_common()),
    )
    others = sorted({m["event_key"] for m in c.mentions if m["provider"] != "CN"})
    print("non-Chinese providers:", others)
    shared = c.shared()
    print(f"keys reported by two or more documents: {len(shared)}")
    for key, ms in sorted(shared.items()):
        print_key(c, key, ms)


def report_per_field(c: Checked) -> None:
    """Totals, events per type/status/provider and per document, shared keys (eval/tune)."""
    totals = f"gold events (mentions): {len(c.mentions)}  distinct keys: {len(c.by_key)}"
    print(f"documents: {len(c.listed)}  {totals}")
    for name in ("type", "status", "provider"):
        counts = collections.Counter(m[name] for m in c.mentions)
        print(f"events per {name}:", dict(counts.most_common()))
    per_doc = collections.Counter(m["doc"] for m in c.mentions)
    print("events per document:", {d: per_doc.get(d, 0) for d in c.listed})
    shared = c.shared()
    print(f"keys reported by more than one document: {len(shared)}")
    for key, ms in sorted(shared.items()):
        print_key(c, key, ms)


def report_all_keys(c: Checked) -> None:
    """Totals, mentions per type and every event key (the resolution set)."""
    totals = f"events (distinct keys): {len(c.by_key)}  mentions: {len(c.mentions)}"
    print(f"documents: {len(c.listed)}  {totals}")
    print_mentions_per_type(c)
    for key, ms in sorted(c.by_key.items()):
        print_key(c, key, ms)


def report_targets(
    c: Checked,
    *,
    mentions: tuple[int, int],
    min_distinct: dict[str, int],
    min_empty: int,
    min_foreign: int,
    languages: dict[str, int],
) -> None:
    """Check a set's design targets (mention range, distinct events per type, documents without
    events, non-Chinese providers, languages), then print totals and same-event pairs."""
    empty = c.without_mentions()
    lo, hi = mentions
    if not lo <= len(c.mentions) <= hi:
        c.errors.append(f"{len(c.mentions)} mentions, outside the {lo}-{hi} target")
    distinct = collections.Counter(ms[0]["type"] for ms in c.by_key.values())
    for t, need in sorted(min_distinct.items()):
        if distinct[t] < need:
            c.errors.append(f"type {t}: {distinct[t]} distinct events, fewer than {need}")
    if len(empty) < min_empty:
        c.errors.append(f"only {len(empty)} document(s) without events, need at least {min_empty}")
    foreign = [k for k, ms in c.by_key.items() if any(m["provider"] != "CN" for m in ms)]
    if len(foreign) < min_foreign:
        c.errors.append(
            f"only {len(foreign)} event(s) with a non-Chinese provider, need {min_foreign}"
        )
    langs = collections.Counter(c.languages.values())
    if langs != collections.Counter(languages):
        wanted = " + ".join(f"{n} {lang}" for lang, n in languages.items())
        c.errors.append(f"languages {dict(langs)}, expected {wanted}")

    shared = {k: ms for k, ms in c.by_key.items() if len(ms) > 1}
    pairs = sum(len(ms) * (len(ms) - 1) // 2 for ms in shared.values())
    n = len(c.mentions)
    totals = f"events (distinct keys): {len(c.by_key)}  mentions: {n}"
    print(f"documents: {len(c.listed)} ({dict(langs)})  {totals}")
    print_mentions_per_type(c)
    print("distinct events per type:", dict(distinct.most_common()))
    print("documents without events:", ", ".join(empty) or "-")
    print("events with a non-Chinese provider:", ", ".join(sorted(foreign)))
    print(
        f"events reported by more than one document: {len(shared)}; "
        f"same-event pairs: {pairs} of {n * (n - 1) // 2} mention pairs"
    )
    for key, ms in sorted(shared.items()):
        print_key(c, key, ms)


def report_design(c: Checked, *, min_per_type: dict[str, int]) -> None:
    """Note documents without events (at least one is required), check the mentions per type,
    then print totals per language and type, events per document and shared keys."""
    shared = c.shared()
    empty = c.without_mentions()
    for doc in empty:
        print(f"note: {doc} has no gold event (any extracted event is a false alarm)")
    if not empty:
        c.errors.append("no document without gold events")
    per_type = collections.Counter(m["type"] for m in c.mentions)
    for typ, low in sorted(min_per_type.items()):
        if per_type[typ] < low:
            c.errors.append(f"only {per_type[typ]} {typ} events (at least {low} wanted)")

    langs = collections.Counter(c.languages.values())
    print(
        f"documents: {len(c.listed)} (en {langs['en']}, zh {langs['zh']})  gold events: "
        f"{len(c.mentions)}  distinct keys: {len(c.by_key)}  shared keys: {len(shared)}"
    )
    print("events per type:", dict(per_type.most_common()))
    print("events per document:", dict(collections.Counter(m["doc"] for m in c.mentions)))
    print("shared keys:")
    for key, ms in sorted(shared.items()):
        print_key(c, key, ms)


# --- configuration -------------------------------------------------------------------------


@dataclass(frozen=True)
class SetConfig:
    """The parameters on which the evaluation sets differ."""

    here: Path  # the set's folder (docs/, gold/documents.txt, gold/<gold>)
    gold: str  # gold file name inside gold/
    marker: str  # exact first line of every document's text
    key_prefix: str  # event keys are <key_prefix>[a-z0-9][a-z0-9-]*
    region_of: dict[str, str | None]  # country -> codebook region (None: adds no region)
    length: Length
    years: tuple[int, int] = (2000, 2035)
    date_rule: DateRule = date_on_second_line
    title_rule: TitleRule = title_on_third_line
    allow_global: bool = False  # "Global" may be added on top of the recipients' regions
    check_duplicate_regions: bool = False
    check_region_table: bool = False  # region_of must agree with the project's gazetteer
    warn_single_document_keys: bool = False
    warn_empty_documents: bool = True
    report: Report = report_standard


# --- checks --------------------------------------------------------------------------------


def check_listing(cfg: SetConfig, c: Checked) -> list[str]:
    """Read gold/documents.txt, compare it with docs/, return the documents on disk."""
    listed_file = cfg.here / "gold" / "documents.txt"
    c.listed = [ln.strip() for ln in listed_file.read_text("utf-8").splitlines() if ln.strip()]
    if len(c.listed) != len(set(c.listed)):
        c.errors.append("documents.txt has duplicates")
    on_disk = sorted(p.name for p in (cfg.here / "docs").glob("*.txt"))
    for doc in c.listed:
        if doc not in on_disk:
            c.errors.append(f"documents.txt: {doc} not found in docs/")
    for doc in on_disk:
        if doc not in c.listed:
            c.errors.append(f"docs/{doc} is not listed in documents.txt")
    return on_disk


def gazetteer_regions() -> dict[str, set[str]]:
    """Codebook regions each country belongs to according to the gazetteer (regional
    groupings only)."""
    import yaml

    path = Path(codebook.__file__).resolve().parent / "gazetteer" / "regions.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    out: dict[str, set[str]] = collections.defaultdict(set)
    for name, g in data.get("groupings", {}).items():
        if name in {"sco", "brics", "g7", "belt_and_road", "global", "east_asia", "european_union"}:
            continue
        for c in g.get("members") or []:
            out[c].add(g["region"])
    for c in ("MN", "JP", "KR", "KP"):
        out[c].add("Asia")
    return out


def check_region_table(region_of: dict[str, str | None], errors: list[str]) -> None:
    """Every entry of the set's region table agrees with the gazetteer."""
    gaz = gazetteer_regions()
    for c, r in region_of.items():
        if gaz.get(c) and r not in gaz[c]:
            errors.append(f"REGION_OF[{c}] = {r} but the gazetteer puts {c} in {sorted(gaz[c])}")


def check_documents(cfg: SetConfig, c: Checked, on_disk: list[str]) -> None:
    """Read every document the way the project reads it and check its form and length."""
    docs = cfg.here / "docs"
    for name in on_disk:
        parsed = read_path(str(docs / name))
        if len(parsed) != 1:
            c.errors.append(f"{name}: reader returned {len(parsed)} documents")
            continue
        d = parsed[0]
        text = d.text
        c.texts[name] = text
        c.publishers[name] = d.publisher
        lines = text.splitlines()
        if not lines or lines[0] != cfg.marker:
            c.errors.append(f"{name}: first line of the text must be the FICTIONAL marker")
        m, problem = cfg.date_rule(lines)
        if not m:
            c.errors.append(f"{name}: {problem}")
        elif d.published:
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            if not str(d.published).startswith(date):
                c.errors.append(f"{name}: front-matter date {d.published} != date line {date}")
        for attr in ("title", "publisher", "published"):
            if not getattr(d, attr):
                c.errors.append(f"{name}: no {attr} in front matter")
        if d.title and (problem := cfg.title_rule(d.title, lines)):
            c.errors.append(f"{name}: {problem}")
        lang, unit, n, lo, hi = cfg.length.measure(text)
        c.languages[name] = lang
        if not lo <= n <= hi:
            c.errors.append(f"{name}: {n} {unit}, outside {lo}-{hi}")


def check_type_status_provider(e: Mention, where: str, errors: list[str]) -> None:
    """Type and status are in the codebook; the provider is an ISO country code."""
    if e["type"] not in TYPES:
        errors.append(f"{where}: bad type")
    if e["status"] not in STATUSES:
        errors.append(f"{where}: bad status")
    if not is_country(e["provider"]):
        errors.append(f"{where}: bad provider {e['provider']}")


def check_years_people(e: Mention, where: str, errors: list[str], years: tuple[int, int]) -> None:
    """Years are null or within ``years`` and ordered; people is null or a positive integer."""
    lo, hi = years
    for k in ("year_start", "year_end"):
        v = e[k]
        if v is not None and not (isinstance(v, int) and lo <= v <= hi):
            errors.append(f"{where}: bad {k} {v}")
    if (
        isinstance(e["year_start"], int)
        and isinstance(e["year_end"], int)
        and e["year_start"] > e["year_end"]
    ):
        errors.append(f"{where}: year_start > year_end")
    if e["people"] is not None and not (isinstance(e["people"], int) and e["people"] > 0):
        errors.append(f"{where}: bad people")


def check_regions(cfg: SetConfig, c: Checked, e: Mention, where: str, recs: list[str]) -> None:
    """Regions are codebook regions and agree with the recipients' regions in the table."""
    regs = e["recipient_regions"]
    if not isinstance(regs, list) or not all(r in REGIONS for r in regs):
        c.errors.append(f"{where}: bad regions {regs}")
    elif recs:
        unknown = [k for k in recs if k not in cfg.region_of]
        if unknown:
            c.warnings.append(
                f"{where}: no region table entry for {unknown}; regions not cross-checked"
            )
        else:
            expected = {cfg.region_of[k] for k in recs} - {None}
            allowed = [expected, expected | {"Global"}] if cfg.allow_global else [expected]
            if set(regs) not in allowed:
                c.errors.append(f"{where}: regions {regs} do not match recipients {recs}")
    if cfg.check_duplicate_regions and len(set(regs)) != len(regs):
        c.errors.append(f"{where}: duplicate regions")


def check_mention(cfg: SetConfig, c: Checked, n: int, e: Mention, show_spans: bool) -> None:
    """Check one parsed gold line; keep it in ``c.mentions`` if its document was read."""
    errors = c.errors
    where = f"line {n} ({e.get('doc')}, {e.get('type')}, {e.get('event_key')})"
    if set(e) != FIELDS:
        errors.append(f"{where}: fields {sorted(set(e) ^ FIELDS)} missing or extra")
        return
    check_type_status_provider(e, where, errors)
    recs = e["recipients"]
    if not isinstance(recs, list) or not all(is_country(k) for k in recs):
        errors.append(f"{where}: bad recipients {recs}")
        recs = []
    if len(set(recs)) != len(recs):
        errors.append(f"{where}: duplicate recipients")
    check_regions(cfg, c, e, where, recs)
    if not recs and not e["recipient_regions"]:
        errors.append(f"{where}: neither recipients nor regions")
    check_years_people(e, where, errors, cfg.years)
    if not (
        isinstance(e["event_key"], str)
        and re.fullmatch(re.escape(cfg.key_prefix) + r"[a-z0-9][a-z0-9-]*", e["event_key"])
    ):
        errors.append(f"{where}: event_key must match {cfg.key_prefix}[a-z0-9-]+")
    if not (isinstance(e["note"], str) and e["note"].strip()):
        errors.append(f"{where}: empty note")
    if e["doc"] not in c.listed:
        errors.append(f"{where}: document not in documents.txt")
    text = c.texts.get(e["doc"])
    if text is None:
        errors.append(f"{where}: document not found in docs/")
        return
    s, t = e["start"], e["end"]
    if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
        errors.append(f"{where}: offsets missing or out of range ({s}, {t}, len {len(text)})")
    else:
        span = text[s:t]
        if span != span.strip():
            errors.append(f"{where}: span has leading/trailing whitespace")
        if show_spans:
            print(f"{e['doc']} {e['type']} {e['event_key']}: {span[:140]!r}")
    c.mentions.append(e)


def check_gold(cfg: SetConfig, c: Checked, gold: Path, show_spans: bool) -> None:
    """Parse and check every line of the gold file."""
    for n, line in enumerate(gold.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as exc:
            c.errors.append(f"line {n}: does not parse ({exc})")
            continue
        check_mention(cfg, c, n, e, show_spans)


def check_keys(cfg: SetConfig, c: Checked) -> None:
    """Group mentions by key: one type per key, at most one mention per document."""
    by_key: dict[str, list[Mention]] = collections.defaultdict(list)
    for e in c.mentions:
        by_key[e["event_key"]].append(e)
    c.by_key = by_key
    for key, ms in sorted(by_key.items()):
        types = {m["type"] for m in ms}
        if len(types) > 1:
            c.errors.append(f"{key}: mentions have different types {sorted(types)}")
        docs = {m["doc"] for m in ms}
        if len(docs) != len(ms):
            c.errors.append(f"{key}: more than one mention in the same document")
        if cfg.warn_single_document_keys and len(docs) < 2:
            c.warnings.append(f"{key}: reported by only one document")
    if cfg.warn_empty_documents:
        for doc in c.without_mentions():
            c.warnings.append(f"{doc}: no gold mention (counts as a false-alarm document)")


def run(cfg: SetConfig, argv: list[str] | None = None) -> int:
    """Validate one evaluation set from the command line; return the exit code."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-spans", action="store_true")
    ap.add_argument(
        "--gold",
        type=Path,
        default=cfg.here / "gold" / cfg.gold,
        help=f"gold file to check (default: gold/{cfg.gold})",
    )
    args = ap.parse_args(argv)
    c = Checked()
    on_disk = check_listing(cfg, c)
    if cfg.check_region_table:
        check_region_table(cfg.region_of, c.errors)
    check_documents(cfg, c, on_disk)
    check_gold(cfg, c, args.gold, args.show_spans)
    check_keys(cfg, c)
    cfg.report(c)
    for w in c.warnings:
        print("WARNING:", w)
    for err in c.errors:
        print("ERROR:", err)
    print("OK" if not c.errors else f"{len(c.errors)} error(s)")
    return 1 if c.errors else 0
