"""Sanity checks for the sealed held-out set 12 (eval/holdout-12).

    /work/venv/bin/python eval/holdout-12/check.py [--show-spans] [--gold FILE]

Reads every document through ``footprint.ingest.read_path`` (front matter stripped, exactly as the
project sees the text) and runs the shared checks of ``eval/validate.py``: fields, codebook values,
ISO countries and regions, years and people, offsets, the FICTIONAL marker, date line and title,
document lengths (250-1500 English words or 400-2000 Han characters), the ``fict-h12-`` key prefix
and one type per key. Prints totals and exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validate import EVAL_MARKER, Length, SetConfig, run  # noqa: E402

# Region of every country used in this set (guideline: Russia -> Europe ...).
REGION_OF: dict[str, str | None] = {
    **{c: "Central Asia" for c in "KZ KG TJ TM UZ".split()},
    **{c: "Africa" for c in "TZ ZM UG MZ NG ET SN KE ZW".split()},
    **{c: "Southeast Asia" for c in "KH LA MM TH VN".split()},
    **{c: "South Asia" for c in "NP PK".split()},
    **{c: "Europe" for c in "IT HU NL GB RS DE".split()},
    **{c: "Latin America" for c in "BR AR".split()},
    **{c: "Pacific" for c in "SB KI TO VU PG FJ WS".split()},
    **{c: "Middle East" for c in "IQ SA AE OM KW".split()},
}

CONFIG = SetConfig(
    here=Path(__file__).resolve().parent,
    gold="holdout-12.jsonl",
    marker=EVAL_MARKER,
    key_prefix="fict-h12-",
    region_of=REGION_OF,
    length=Length(en=(250, 1500), zh=(400, 2000)),
    years=(1990, 2035),
    check_region_table=True,
)

if __name__ == "__main__":
    sys.exit(run(CONFIG))
