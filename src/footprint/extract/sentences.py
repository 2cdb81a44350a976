"""Sentence splitting for English and Chinese, keeping character offsets."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "gov",
    "sen",
    "rep",
    "inc",
    "corp",
    "co",
    "ltd",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "fig",
    "approx",
    "est",
    "dept",
    "min",
    "p.r.c",
    "a.m",
    "p.m",
}
# A candidate end: terminal punctuation (with closing quotes/brackets), or a line break.
# Footnote markers after the stop ("...governance".[21] Officials, "in Bangkok.4 Its")
# belong to the sentence.
_END = re.compile(
    r"[.!?]+[\"'”’)\]]*(?:\[\d+\])*(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})?(?=\s)"
    r"|[。！？!?；]+[”’」』）)]*(?:\[\d+\])*|\n+"
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    width = _wrap_width(text)
    for match in _END.finditer(text):
        end = match.end()
        if match.group() == "\n" and _runs_on(text, match.start(), width):
            continue
        first = match.group()[0]
        if match.group()[-1].isdigit() and text[match.start() - 1 : match.start()].isdigit():
            continue  # "2.5 Million": a decimal, not a footnote mark after a full stop
        if first == "." and not _ends_sentence(text, match.start(), end):
            continue
        if first in "?!" and _continues(text, end):
            continue  # "institutions of MIA? of PRC": a mangled character, not a question
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


_LINE_GOES_ON = re.compile(r"[a-z,]-?\n[a-z]")  # "… and the investiga-\ntion units …"
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "。", "！", "？", "：", "；")
_ITEM = re.compile(r"\s*([-•*|#>]|\d{1,2}[.)]\s|\(?[a-z]\)\s)")


def _wrap_width(text: str) -> int | None:
    """The line width of hard-wrapped text (a PDF's text layer saved as plain text): most
    long lines end near one width, many of them in mid-sentence. None for running text."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 8:
        return None
    width = sorted(map(len, lines))[int(len(lines) * 0.9)]
    if not 40 <= width <= 160:
        return None
    cut = sum(
        1 for line in lines if len(line) >= 0.8 * width and not line.rstrip().endswith(_TERMINAL)
    )
    return width if cut >= max(4, len(lines) // 4) else None


def _runs_on(text: str, newline: int, width: int | None) -> bool:
    """A single line break inside a sentence: the line is cut, not ended."""
    if _LINE_GOES_ON.search(text, max(0, newline - 2), newline + 2):
        return True  # a lower-case word or comma, then a lower-case word
    if width is None:
        return False
    line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip()
    following = text[newline + 1 : newline + 6]
    return (
        len(line) >= 0.7 * width
        and "|" not in line  # a table row
        and not line.endswith(_TERMINAL)
        and bool(following.strip())
        and not _ITEM.match(following)
    )


# "memoran- dum", "Cyber- security", "law- enforcement": a word broken at a line end in a PDF
# and flattened. Not "short- and long-term", where the hyphen is suspended.
_BROKEN_WORD = re.compile(r"\b([A-Za-z]{2,})-[ \n]([a-z]{2,})\b(?<!\band)(?<!\bor)(?<!\bto)")
# First halves that make a compound, so the hyphen is the word's own: "cross-border".
_COMPOUND_HEAD = frozenset(
    "law cross anti non self co multi inter well state police high long short full "
    "two three four five one part".split()
)


def mend_broken_words(text: str) -> str:
    """Words broken at a line end put back together, keeping the text's length (the pieces
    close up and the freed characters go after the word), so every offset still holds."""

    def joined(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if head.lower() in _COMPOUND_HEAD:
            return f"{head}-{tail} "
        return f"{head}{tail}  "

    return _BROKEN_WORD.sub(joined, text) if "-" in text else text


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    before = _WORD_BEFORE.search(text[max(0, dot - 12) : dot + 1])
    if before:
        word = before.group(1).lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return not _continues(text, end)


def _continues(text: str, end: int) -> bool:
    """ "... in the U.S. embassy" or "3.5": a lower-case continuation is not a new sentence."""
    following = text[end : end + 3].lstrip()
    return bool(following) and (following[0].islower() or following[0] in ",;:")


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
