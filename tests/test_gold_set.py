"""The development gold set kept in eval/: well-formed, and a floor under extraction quality.

The seed documents are not in the repository (a user's clone does not have ../shared), so
the quality floor is measured on the demo and stress documents only; the full figures
come from `footprint eval` run outside the test suite (see README).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from footprint import codebook
from footprint.evaluate import evaluate_extraction, load_gold
from footprint.extract import get_extractor

ROOT = Path(__file__).parents[1]
GOLD = ROOT / "eval" / "gold" / "dev.jsonl"
FOLDERS = [ROOT / "eval" / "docs", ROOT / "src" / "footprint" / "demo" / "documents"]


def _is_seed(name: str) -> bool:
    return name[:3].isdigit() and "_" in name


def test_gold_set_is_large_valid_and_quotes_nothing():
    events, documents = load_gold(GOLD)
    assert len(events) >= 80 and len(documents) >= 20
    for event in events:
        assert "quote" not in event  # offsets and fields only, never copied sentences
        for code in event["recipients"]:
            codebook.country(code)
        for region in event["recipient_regions"]:
            codebook.region(region)
        codebook.status(event["status"])
        assert event["event_key"]
    for name in documents:
        assert _is_seed(name) or any((folder / name).exists() for folder in FOLDERS), name


def test_extraction_quality_floor_on_the_repository_documents(tmp_path):
    events, documents = load_gold(GOLD)
    subset = tmp_path / "dev.jsonl"
    subset.write_text("".join(json.dumps(e) + "\n" for e in events if not _is_seed(e["doc"])))
    (tmp_path / "documents.txt").write_text(
        "".join(name + "\n" for name in documents if not _is_seed(name))
    )
    report = evaluate_extraction(subset, FOLDERS, get_extractor())
    # A regression guard, set below the figure measured when it was written (F1 0.85).
    assert report.overall.f1 >= 0.80, report.as_dict()
    assert report.overall.precision >= 0.80, report.as_dict()


def test_holdout_set_is_valid():
    holdout = ROOT / "eval" / "holdout"
    events, documents = load_gold(holdout / "gold" / "holdout.jsonl")
    assert len(events) >= 50 and len(documents) == 12
    for event in events:
        assert "quote" not in event
        codebook.status(event["status"])
    text_of = {name: (holdout / "docs" / name).read_text(encoding="utf-8") for name in documents}
    for event in events:
        if event.get("start") is not None:
            assert 0 <= event["start"] < event["end"] <= len(text_of[event["doc"]])


def test_resolution_holdout_passes_its_checker():
    checker = ROOT / "eval" / "holdout-resolution" / "check.py"
    result = subprocess.run(
        [sys.executable, str(checker)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    events, documents = load_gold(ROOT / "eval" / "holdout-resolution" / "gold" / "holdout.jsonl")
    keys = {e["event_key"] for e in events}
    assert len(documents) == 18 and len(keys) == 12 and len(events) == 29


@pytest.mark.parametrize(
    "checker",
    sorted((ROOT / "eval").glob("*/check.py")),
    ids=lambda p: p.parent.name,
)
def test_every_evaluation_set_passes_its_checker(checker):
    """Each set's validator (a thin config over eval/validate.py) accepts its own gold."""
    result = subprocess.run(
        [sys.executable, str(checker)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout
