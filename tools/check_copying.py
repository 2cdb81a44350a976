"""Check that the bundled demo documents do not copy sentences from the seed documents.

Run outside the test suite, where ../shared/seeds exists:

    python tools/check_copying.py [--seeds ../shared/seeds] [--max-words 7]

Prints, per demo document, the longest run of words (English) or characters / 3
(Chinese) it shares with any seed, and exits 1 if any run is longer than allowed. The
citation line and quoted titles are left out: they cite, they do not copy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from footprint.demo import documents_folder
from footprint.ingest.readers import READERS, Parsed, detect_format

TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]+")


QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|《[^》\n]*》|「[^」\n]*」')
CITATION = re.compile(r"^(Source:|来源：|來源：).*$", re.M)


def own_words(text: str) -> str:
    """The text minus its citation line and quoted titles or slogans, which cite rather
    than copy."""
    return QUOTED.sub(" ", CITATION.sub(" ", text))


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def longest_shared_run(a: list[str], b: list[str]) -> tuple[int, str]:
    best, where = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, where = current[j], i
        previous = current
    return best, " ".join(a[where - best : where])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default=str(Path(__file__).parents[1] / "../shared/seeds"))
    parser.add_argument("--max-words", type=int, default=7)
    args = parser.parse_args()
    seeds = {p.name: tokens(p.read_text("utf-8")) for p in sorted(Path(args.seeds).glob("*"))}
    worst, rows = 0, []
    with documents_folder() as folder:
        for path in sorted(folder.iterdir()):
            data = path.read_bytes()
            (doc,) = READERS[detect_format(path.name, data)](path.name, data, None)
            assert isinstance(doc, Parsed)
            mine = tokens(own_words(doc.text))
            cjk = any("\u4e00" <= t <= "\u9fff" for t in mine)
            run, words, seed = max(
                (*longest_shared_run(mine, theirs), name) for name, theirs in seeds.items()
            )
            # A Chinese character is about a third of an English word.
            score = run // 3 if cjk else run
            worst = max(worst, score)
            rows.append({"document": path.name, "shared_run": run, "seed": seed, "text": words})
    print(
        json.dumps(
            {"max_allowed_words": args.max_words, "documents": rows}, indent=2, ensure_ascii=False
        )
    )
    return 1 if worst > args.max_words else 0


if __name__ == "__main__":
    sys.exit(main())
