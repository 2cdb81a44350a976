"""Gold sets → precision, recall and F1 of event extraction, overall and per type.

A gold file is JSON Lines, one event per line, with at least ``doc`` (a file name, found
in one of the ``--docs`` folders), ``type``, ``recipients``, ``recipient_regions``,
``year_start`` and ``year_end``. A ``documents.txt`` beside it may list every document
the set covers, so documents with no gold event still count their false alarms.

A predicted event matches a gold event of the same document when the type is equal, the
recipient countries overlap (or both name none and the regions overlap), and the year
ranges overlap (or either is unknown). Matching is one-to-one and maximal.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from footprint import codebook
from footprint.extract import Extractor


class GoldError(ValueError):
    pass


def load_gold(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
            codebook.event_type(event["type"])
            event.setdefault("recipients", [])
            event.setdefault("recipient_regions", [])
        except (json.JSONDecodeError, KeyError, codebook.CodebookError) as exc:
            raise GoldError(f"{path}:{number}: {exc}") from None
        events.append(event)
    listing = path.parent / "documents.txt"
    documents = (
        [n.strip() for n in listing.read_text(encoding="utf-8").splitlines() if n.strip()]
        if listing.exists()
        else []
    )
    for event in events:
        if event["doc"] not in documents:
            documents.append(event["doc"])
    return events, documents


def locate(name: str, folders: Sequence[Path]) -> Path:
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    raise GoldError(f"{name}: not found in {', '.join(str(f) for f in folders)}")


def _years_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a0, a1 = a.get("year_start"), a.get("year_end")
    b0, b1 = b.get("year_start"), b.get("year_end")
    if (a0 is None and a1 is None) or (b0 is None and b1 is None):
        return True
    a0, a1 = a0 if a0 is not None else a1, a1 if a1 is not None else a0
    b0, b1 = b0 if b0 is not None else b1, b1 if b1 is not None else b0
    return a0 <= b1 and b0 <= a1


def matches(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    if predicted["type"] != gold["type"]:
        return False
    p_countries, g_countries = set(predicted["recipients"]), set(gold["recipients"])
    if p_countries or g_countries:
        if not p_countries & g_countries:
            return False
    elif not set(predicted["recipient_regions"]) & set(gold["recipient_regions"]):
        return False
    return _years_overlap(predicted, gold)


def match_pairs(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn's algorithm): gold index → predicted index."""
    options = [[p for p, event in enumerate(predicted) if matches(event, g)] for g in gold]
    owner: dict[int, int] = {}  # predicted index → gold index

    def assign(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or assign(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        assign(g, set())
    return {g: p for p, g in owner.items()}


@dataclass
class Scores:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
        }


@dataclass
class Report:
    overall: Scores = field(default_factory=Scores)
    per_type: dict[str, Scores] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0

    def add(self, type_: str, outcome: str, event: dict[str, Any] | None = None) -> None:
        for scores in (self.overall, self.per_type.setdefault(type_, Scores())):
            if outcome == "tp":
                scores.true_positives += 1
            elif outcome == "fp":
                scores.false_positives += 1
            else:
                scores.false_negatives += 1
        if outcome == "fn" and event is not None:
            self.misses.append(event)
        elif outcome == "fp" and event is not None:
            self.false_alarms.append(event)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
        }


def read_document(path: Path) -> tuple[str, str | None]:
    """A file's text and date as ingestion reads them (front matter, HTML, encodings)."""
    from footprint.ingest import read_path

    documents = read_path(str(path))
    if not documents:
        return "", None
    return documents[0].text, documents[0].published


def evaluate_extraction(gold_path: Path, folders: Sequence[Path], extractor: Extractor) -> Report:
    gold, documents = load_gold(gold_path)
    report = Report(documents=len(documents))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for event in gold:
        by_doc.setdefault(event["doc"], []).append(event)
    for name in documents:
        text, published = read_document(locate(name, folders))
        predicted = [
            m.to_json() | {"doc": name}
            for m in extractor.extract(text, doc=name, published=published)
            if not m.denied
        ]
        expected = by_doc.get(name, [])
        pairs = match_pairs(predicted, expected)
        for g, event in enumerate(expected):
            report.add(event["type"], "tp" if g in pairs else "fn", event)
        matched = set(pairs.values())
        for p, event in enumerate(predicted):
            if p not in matched:
                report.add(event["type"], "fp", event)
    return report


@dataclass
class PairReport:
    """Pairwise scores of resolution: is each pair of mentions one event or two?"""

    scores: Scores = field(default_factory=Scores)
    mentions: int = 0  # gold mentions the extractor found (only these can be paired)
    gold_mentions: int = 0
    split: list[tuple[str, str]] = field(default_factory=list)  # same key, different events
    lumped: list[tuple[str, str]] = field(default_factory=list)  # different keys, one event

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairwise": self.scores.as_dict(),
            "mentions_paired": self.mentions,
            "gold_mentions": self.gold_mentions,
        }


def evaluate_resolution(
    gold_path: Path, folders: Sequence[Path], extractor: Extractor, workdir: Path
) -> PairReport:
    """Ingest, extract and resolve the gold documents in a fresh database in ``workdir``,
    then score every pair of found gold mentions against the gold ``event_key``s."""
    from sqlalchemy import select

    from footprint import db
    from footprint.extract.store import extract_documents
    from footprint.ingest import ingest
    from footprint.model import Document, Evidence
    from footprint.resolve import resolve

    gold, documents = load_gold(gold_path)
    engine = db.connect(workdir / "resolution.db")
    paths = {str(locate(name, folders)): name for name in documents}
    ingest(engine, list(paths))
    extract_documents(engine, extractor)
    resolve(engine)
    found: list[tuple[str, int, str]] = []  # (event_key, predicted event, doc)
    with db.session_scope(engine) as session:
        for document in session.scalars(select(Document)):
            name = paths.get(document.source)
            evidence = list(
                session.scalars(select(Evidence).where(Evidence.document_id == document.id))
            )
            evidence = [e for e in evidence if e.fields.get("stance") != "denied"]
            predicted = [e.fields | {"doc": name} for e in evidence]
            expected = [g for g in gold if g["doc"] == name and g.get("event_key")]
            for g, p in match_pairs(predicted, expected).items():
                found.append((expected[g]["event_key"], evidence[p].event_id, name))
    engine.dispose()
    report = PairReport(
        mentions=len(found), gold_mentions=sum(1 for g in gold if g.get("event_key"))
    )
    for i, (key_a, event_a, doc_a) in enumerate(found):
        for key_b, event_b, doc_b in found[i + 1 :]:
            same_gold, same_predicted = key_a == key_b, event_a == event_b
            if same_gold and same_predicted:
                report.scores.true_positives += 1
            elif same_predicted:
                report.scores.false_positives += 1
                report.lumped.append((f"{key_a} ({doc_a})", f"{key_b} ({doc_b})"))
            elif same_gold:
                report.scores.false_negatives += 1
                report.split.append((f"{key_a} ({doc_a})", f"{key_b} ({doc_b})"))
    return report


def resolution_on_gold_mentions(gold_path: Path, folders: Sequence[Path]) -> Scores:
    """Pairwise scores of the resolver alone: it groups the gold mentions themselves
    (their fields and quotes), so extraction errors do not count against it."""
    import itertools

    from footprint.resolve import Cluster, Profile, cluster_mentions

    gold, documents = load_gold(gold_path)
    texts = {name: read_document(locate(name, folders))[0] for name in documents}
    numbered = {name: i for i, name in enumerate(documents)}
    keyed = [g for g in gold if g.get("event_key")]
    singles = [
        Cluster(
            members=[
                Profile.of_fields(
                    g, numbered[g["doc"]], texts[g["doc"]][g.get("start", 0) : g.get("end", 0)]
                )
            ]
        )
        for g in keyed
    ]
    label = {}
    for number, cluster in enumerate(cluster_mentions(singles)):
        for member in cluster.members:
            label[id(member)] = number
    scores = Scores()
    pairs = itertools.combinations(zip(keyed, singles, strict=True), 2)
    for (g_a, c_a), (g_b, c_b) in pairs:
        same_gold = g_a["event_key"] == g_b["event_key"]
        same = label[id(c_a.members[0])] == label[id(c_b.members[0])]
        if same_gold and same:
            scores.true_positives += 1
        elif same:
            scores.false_positives += 1
        elif same_gold:
            scores.false_negatives += 1
    return scores
