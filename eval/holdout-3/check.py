"""Sanity checks for the sealed held-out set 3 (extraction + resolution).

    /work/venv/bin/python eval/holdout-3/check.py [--show-spans] [--gold FILE]

Adapted from eval/holdout-resolution/check.py.

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
  its front matter (published == date line), and 300-900 words (English) or 400-1200 Han
  characters (Chinese);
- event keys use the fict-h3- prefix, each key keeps one event type and appears at most once
  per document;
- the set's own targets: 70-90 mentions, at least 4 distinct events of each type except
  legal_adoption (at least 2), at least 2 documents without events, at least 2 events with a
  non-Chinese provider, 13 English and 5 Chinese documents.

Prints totals (documents, events, mentions, per type), the events reported by more than one
document and the number of same-event mention pairs. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import TEST_MARKER, TYPES, Length, SetConfig, report_targets, run  # noqa: E402

# Region of every country used in this set. Egypt belongs to both the Middle East and Africa
# groupings of the project's gazetteer; in this set it only appears next to Moroccan/Algerian
# and Gulf recipients, so the table files it under Middle East without changing any region set.
REGION_OF: dict[str, str | None] = {
    **dict.fromkeys(["ZM", "UG", "KE", "TZ", "ET", "ZA", "SO", "AO", "ZW", "MA", "DZ"], "Africa"),
    **dict.fromkeys(["KH", "LA", "MM", "TH", "VN"], "Southeast Asia"),
    **dict.fromkeys(["BR", "AR", "BO", "VE", "CU", "NI", "EC", "PE"], "Latin America"),
    **dict.fromkeys(["AE", "SA", "JO", "IQ", "OM", "KW", "QA", "EG"], "Middle East"),
    **dict.fromkeys(["PK", "LK", "MV"], "South Asia"),
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout.jsonl",
    marker=TEST_MARKER,
    key_prefix="fict-h3-",
    region_of=REGION_OF,
    length=Length(en=(300, 900), zh=(400, 1200)),
    warn_empty_documents=False,
    report=partial(
        report_targets,
        mentions=(70, 90),
        min_distinct={t: 4 for t in TYPES} | {"legal_adoption": 2},
        min_empty=2,
        min_foreign=2,
        languages={"en": 13, "zh": 5},
    ),
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
