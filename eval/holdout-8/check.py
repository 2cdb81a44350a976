"""Sanity checks for the sealed held-out set 8 (eval/holdout-8).

    /work/venv/bin/python eval/holdout-8/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (so the YAML front matter is
stripped, exactly as the project sees the text) and checks that:

- every line of gold/holdout-8.jsonl parses and has exactly the expected fields;
- types, statuses and regions are allowed by the codebook; provider and recipients are
  ISO 3166-1 alpha-2 codes known to pycountry; regions agree with the recipients' regions;
- years are plausible and ordered; people is a positive integer or null;
- every gold document exists in docs/ and is listed in gold/documents.txt, and every listed
  document exists;
- offsets satisfy 0 <= start < end <= len(text) on the reader's text, and the span has no
  leading/trailing whitespace;
- every document has the FICTIONAL marker on its first line, a date line within the first five
  lines, the front-matter title within the first eight lines (web pages put breadcrumbs around it),
  a title/publisher/published date in its front matter (published == date line), and 250-1500
  English words or 400-2000 Han characters;
- event keys use the fict-h8- prefix, each key keeps one event type and at most one mention per
  document; keys reported by two or more documents are listed.

Prints totals (documents, events, mentions) and the documents per event. Exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import (  # noqa: E402
    EVAL_MARKER,
    Length,
    SetConfig,
    date_in_first_five_lines,
    run,
    title_in_first_eight_lines,
)

# Region of every country used in this set (guideline: Mongolia -> Asia, Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    **{c: "Southeast Asia" for c in "LA KH MM TH VN PH".split()},
    **{c: "Africa" for c in "ZM TZ ET UG NG KE MW".split()},
    **{c: "Europe" for c in "RS HU ES IE RU".split()},
    **{c: "Latin America" for c in "MX BO HN SV AR VE EC PE CO NI".split()},
    **{c: "Pacific" for c in "PG SB VU KI TO WS FJ".split()},
    **{c: "Central Asia" for c in "KZ KG TJ UZ TM".split()},
    **{c: "South Asia" for c in "PK BD NP".split()},
    **{c: "Middle East" for c in "SA AE IQ JO TR".split()},
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout-8.jsonl",
    marker=EVAL_MARKER,
    key_prefix="fict-h8-",
    region_of=REGION_OF,
    length=Length(en=(250, 1500), zh=(400, 2000)),
    date_rule=date_in_first_five_lines,
    title_rule=title_in_first_eight_lines,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
