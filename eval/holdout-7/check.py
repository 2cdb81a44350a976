"""Sanity checks for the SEALED held-out set 7 (eval/holdout-7).

    /work/venv/bin/python eval/holdout-7/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (so the YAML front matter is
stripped, exactly as the project sees the text) and checks that:

- every line of gold/holdout-7.jsonl parses and has exactly the expected fields;
- types, statuses and regions are allowed by the codebook; provider and recipients are
  ISO 3166-1 alpha-2 codes known to pycountry; regions agree with the recipients' regions;
- years are plausible and ordered; people is a positive integer or null;
- every gold document exists in docs/ and is listed in gold/documents.txt, and every listed
  document exists;
- offsets satisfy 0 <= start < end <= len(text) on the reader's text, and the span has no
  leading/trailing whitespace;
- every document has the FICTIONAL marker and a date line, a title/publisher/published date in
  its front matter (published == date line), and 250-1500 English words or 400-2000 Han characters;
- event keys use the fict-h7- prefix, each key keeps one event type and at most one mention per
  document; keys reported by two or more documents are listed.

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import EVAL_MARKER, Length, SetConfig, run  # noqa: E402

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    **{c: "Africa" for c in "KE TZ UG ET ZM NG".split()},
    **{c: "Latin America" for c in "EC VE BO AR UY CL HN BR PE NI".split()},
    **{c: "South Asia" for c in "NP".split()},
    **{c: "Southeast Asia" for c in "LA MM TH KH VN".split()},
    **{c: "Central Asia" for c in "KZ KG TJ UZ".split()},
    **{c: "Middle East" for c in "SA TR OM IQ AE".split()},
    **{c: "Europe" for c in "GB PL HU RS".split()},
    **{c: "Pacific" for c in "SB KI VU PG WS TO FJ".split()},
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout-7.jsonl",
    marker=EVAL_MARKER,
    key_prefix="fict-h7-",
    region_of=REGION_OF,
    length=Length(en=(250, 1500), zh=(400, 2000)),
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
