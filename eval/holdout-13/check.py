"""Sanity checks for the sealed held-out set 13 (eval/holdout-13).

    /work/venv/bin/python eval/holdout-13/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (front matter stripped, exactly as
the project sees the text) and runs the shared checks of eval/validate.py: FICTIONAL marker on the
first line, a date line in the first five lines matching the front-matter date, title/publisher/
published in the front matter, the title within the first ten lines, 250-1500 English words or
400-2000 Han characters; gold lines with exactly the guideline's fields, codebook values, ISO
countries, regions that agree with the table below (and with the project's gazetteer), ordered
years, offsets inside the reader's text, keys with the fict-h13- prefix. Exits 1 on any error.
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
    title_in_first_ten_lines,
)

# Region of every country used in this set (guideline: Russia -> Europe; US, CA add no region).
REGION_OF: dict[str, str | None] = {
    **{c: "Central Asia" for c in "KZ KG TJ TM UZ".split()},
    **{c: "Africa" for c in "KE TZ ZM NG ET UG NA MZ SN CI".split()},
    **{c: "Southeast Asia" for c in "KH LA MM TH VN".split()},
    **{c: "South Asia" for c in "PK NP MV BD".split()},
    **{c: "Europe" for c in "RS HU HR IT BA GB RU".split()},
    **{c: "Latin America" for c in "AR UY CU NI BO SR PE VE CO".split()},
    **{c: "Pacific" for c in "PG SB".split()},
    **{c: "Middle East" for c in "AE SA OM QA KW BH".split()},
    "CA": None,
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout-13.jsonl",
    marker=EVAL_MARKER,
    key_prefix="fict-h13-",
    region_of=REGION_OF,
    length=Length(en=(250, 1500), zh=(400, 2000)),
    years=(1990, 2035),
    date_rule=date_in_first_five_lines,
    title_rule=title_in_first_ten_lines,
    check_duplicate_regions=True,
    check_region_table=True,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
