"""Sanity checks for the sealed held-out set 5 (eval/holdout-5).

    /work/venv/bin/python eval/holdout-5/check.py [--show-spans] [--gold FILE]

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
  its front matter (published == date line), the title within its first ten lines, and
  250-1500 English words or 400-2000 Han characters;
- event keys use the fict-h5- prefix, each key keeps one event type and at most one mention per
  document; keys reported by two or more documents are listed.

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import EVAL_MARKER, Length, SetConfig, run, title_in_first_ten_lines  # noqa: E402

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    **{c: "Africa" for c in "KE TZ UG ET ZM ZW MZ ZA NG CI SN CM AO GH RW NA SO".split()},
    **{c: "Latin America" for c in "VE HN SV PA DO CO".split()},
    **{c: "South Asia" for c in "PK LK NP MV".split()},
    **{c: "Middle East" for c in "AE SA QA KW OM BH TR".split()},
    **{c: "Southeast Asia" for c in "TH LA MM KH VN MY".split()},
    **{c: "Central Asia" for c in "KZ KG TJ TM UZ".split()},
    **{c: "Pacific" for c in "SB PG VU KI".split()},
    **{c: "Europe" for c in "RS MT GR IT HR HU DE".split()},
    "MN": "Asia",
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout.jsonl",
    marker=EVAL_MARKER,
    key_prefix="fict-h5-",
    region_of=REGION_OF,
    length=Length(en=(250, 1500), zh=(400, 2000)),
    title_rule=title_in_first_ten_lines,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
