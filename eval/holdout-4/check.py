"""Sanity checks for the sealed held-out set 4 (extraction on unseen documents).

    /work/venv/bin/python eval/holdout-4/check.py [--show-spans] [--gold FILE]

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
  its front matter (published == date line); English documents have 300-800 words, Chinese
  documents 400-1000 Han characters;
- event keys use the fict-h4- prefix, each key keeps one event type and appears at most once per
  document; keys reported by two or more documents are counted (shared keys);
- the set meets its design: at least 3 events of every codebook type except legal_adoption (2),
  and at least one document with no gold event.

Prints totals (documents, events per type, shared keys). Exits 1 on any error.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import TEST_MARKER, TYPES, Length, SetConfig, report_design, run  # noqa: E402

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    # Africa
    "ZM": "Africa",
    "SN": "Africa",
    # Pacific
    "NR": "Pacific",
    "SB": "Pacific",
    "VU": "Pacific",
    "KI": "Pacific",
    "FM": "Pacific",
    # Latin America
    "UY": "Latin America",
    "DO": "Latin America",
    "CR": "Latin America",
    "CO": "Latin America",
    "CU": "Latin America",
    "GY": "Latin America",
    "HN": "Latin America",
    # South Asia
    "NP": "South Asia",
    "BD": "South Asia",
    "MV": "South Asia",
    "PK": "South Asia",
    "LK": "South Asia",
    # Europe
    "HR": "Europe",
    "GR": "Europe",
    "SI": "Europe",
    "BA": "Europe",
    "HU": "Europe",
    # Middle East
    "IQ": "Middle East",
    "JO": "Middle East",
    "OM": "Middle East",
    "SA": "Middle East",
    "KW": "Middle East",
    # Central Asia
    "KG": "Central Asia",
    # Southeast Asia
    "TL": "Southeast Asia",
    "ID": "Southeast Asia",
    "PH": "Southeast Asia",
    "VN": "Southeast Asia",
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout.jsonl",
    marker=TEST_MARKER,
    key_prefix="fict-h4-",
    region_of=REGION_OF,
    length=Length(en=(300, 800), zh=(400, 1000)),
    check_region_table=True,
    warn_empty_documents=False,
    report=partial(report_design, min_per_type={t: 3 for t in TYPES} | {"legal_adoption": 2}),
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
