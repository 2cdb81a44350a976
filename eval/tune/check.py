"""Sanity checks for the tuning set (eval/tune).

    /work/venv/bin/python eval/tune/check.py [--show-spans] [--gold FILE]

Adapted from eval/holdout-resolution/check.py.

Reads every document through ``footprint.ingest.read_path`` (so the YAML front matter is
stripped, exactly as the project sees the text) and checks that:

- every line of gold/tune.jsonl parses and has exactly the expected fields;
- types, statuses and regions are allowed by the codebook; provider and recipients are
  ISO 3166-1 alpha-2 codes known to pycountry; regions agree with the recipients' regions
  (countries without a codebook region, such as CA and US, add none; "Global" may be added on
  top of the named recipients' regions when the document says the participants were worldwide);
- years are plausible and ordered; people is a positive integer or null;
- every gold document exists in docs/ and is listed in gold/documents.txt, and every listed
  document exists;
- offsets satisfy 0 <= start < end <= len(text) on the reader's text, and the span has no
  leading/trailing whitespace;
- every document has the FICTIONAL marker and a date line, a title/publisher/published date in
  its front matter (published == date line), and 350-900 words (Chinese: 500-1200 Han
  characters);
- event keys use the fict-tune- prefix, each key keeps one event type and appears at most once
  per document.

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import TEST_MARKER, Length, SetConfig, report_per_field, run  # noqa: E402

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...;
# countries with no codebook region map to None and add no region).
REGION_OF: dict[str, str | None] = {
    **dict.fromkeys(["LA", "KH", "MM", "TH", "VN", "PH", "ID"], "Southeast Asia"),
    **dict.fromkeys(["NP", "LK", "PK", "BD"], "South Asia"),
    **dict.fromkeys(["MN"], "Asia"),
    **dict.fromkeys(["KZ", "KG", "TJ", "UZ", "TM"], "Central Asia"),
    **dict.fromkeys(["SB", "VU", "FJ", "KI", "WS", "PG", "TO"], "Pacific"),
    **dict.fromkeys(["RS", "HU", "IT", "HR", "NL", "IE", "GB", "RU"], "Europe"),
    **dict.fromkeys(["CA", "US", "AU"], None),
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="tune.jsonl",
    marker=TEST_MARKER,
    key_prefix="fict-tune-",
    region_of=REGION_OF,
    length=Length(en=(350, 900), zh=(500, 1200)),
    allow_global=True,
    check_duplicate_regions=True,
    report=report_per_field,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
