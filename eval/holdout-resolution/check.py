"""Sanity checks for the resolution held-out set.

    /work/venv/bin/python eval/holdout-resolution/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (so the YAML front matter is
stripped, exactly as the project sees the text) and checks that:

- every line of gold/holdout.jsonl parses and has exactly the expected fields;
- types, statuses and regions are allowed by the codebook; provider and recipients are
  ISO 3166-1 alpha-2 codes known to pycountry; regions agree with the recipients' regions;
- years are plausible and ordered; people is a positive integer or null;
- every gold document exists in docs/ and is listed in gold/documents.txt, and every listed
  document exists;
- offsets satisfy 0 <= start < end <= len(text) on the reader's text, and the span has no
  leading/trailing whitespace;
- every document has the FICTIONAL marker and a date line, a title/publisher/published date in
  its front matter (published == date line), and 120-350 words (Chinese: Han characters / 1.5);
- event keys use the fict-res- prefix, each key keeps one event type, and each key is reported
  by at least two documents (warning only).

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import TEST_MARKER, Length, SetConfig, report_all_keys, run  # noqa: E402

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    "PE": "Latin America",
    "EC": "Latin America",
    "KE": "Africa",
    "NG": "Africa",
    "RS": "Europe",
    "MN": "Asia",
    "LA": "Southeast Asia",
    "FJ": "Pacific",
    "TO": "Pacific",
    "WS": "Pacific",
    "VU": "Pacific",
    "SB": "Pacific",
    "PG": "Pacific",
    "KI": "Pacific",
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout.jsonl",
    marker=TEST_MARKER,
    key_prefix="fict-res-",
    region_of=REGION_OF,
    length=Length(en=(120, 350), zh=(120, 350), han_per_word=1.5),
    warn_single_document_keys=True,
    report=report_all_keys,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
