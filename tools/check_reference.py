"""Check the reference dataset (src/footprint/reference/events.yaml). No network.

    python tools/check_reference.py [--path events.yaml] [--seeds ../shared/seeds] [--max-words 7]

Runs footprint.reference.validate() (keys, codebook types, statuses and regions, ISO codes,
links, and every evidence quote found verbatim in its demo document as ingested), then,
when the seed folder exists, checks that no title or summary shares a run of more than
--max-words consecutive words with a seed text (quoted phrases left out, as in
tools/check_copying.py). Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from check_copying import own_words, tokens  # noqa: E402

from footprint import reference  # noqa: E402

DEFAULT_SEEDS = Path(__file__).parents[1] / "../shared/seeds"


def seed_ngrams(folder: Path, n: int) -> dict[tuple[str, ...], str]:
    """Every run of n words in the seed texts, with the seed it comes from."""
    grams: dict[tuple[str, ...], str] = {}
    for path in sorted(folder.glob("*")):
        if path.is_file():
            words = tokens(path.read_text("utf-8", errors="replace"))
            for i in range(len(words) - n + 1):
                grams.setdefault(tuple(words[i : i + n]), path.name)
    return grams


def copied_runs(events: list, grams: dict[tuple[str, ...], str], n: int, where: str) -> list[str]:
    problems = []
    for event in events:
        if not isinstance(event, dict):
            continue
        for field in ("title", "summary"):
            value = event.get(field)
            if not isinstance(value, str):
                continue
            words = tokens(own_words(value))
            for i in range(len(words) - n + 1):
                run = tuple(words[i : i + n])
                if run in grams:
                    problems.append(
                        f"{where}: {event.get('key')}: {field}: shares more than {n - 1} words "
                        f"in a row with seed {grams[run]}: {' '.join(run)!r}"
                    )
                    break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=None, help="events file (default: the bundled one)")
    parser.add_argument("--seeds", default=str(DEFAULT_SEEDS))
    parser.add_argument("--max-words", type=int, default=7)
    args = parser.parse_args()
    where = args.path or str(reference.default_path())
    problems = reference.validate(args.path)
    seeds = Path(args.seeds)
    if seeds.is_dir():
        try:
            events = reference.load(args.path)
        except Exception:  # already reported by validate()
            events = []
        n = args.max_words + 1
        problems += copied_runs(events, seed_ngrams(seeds, n), n, where)
        seed_note = f"titles and summaries checked against the seeds in {seeds.resolve()}"
    else:
        seed_note = f"seed folder {seeds} not found: copying check skipped"
    for line in problems:
        print(line)
    try:
        count = len(reference.load(args.path))
    except Exception:
        count = 0
    print(f"{count} events, {len(problems)} problems; {seed_note}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
