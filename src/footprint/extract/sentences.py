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
# Footnote markers after the stop ("...governance".[21] Officials) belong to the sentence.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\[\d+\])*(?=\s)|[。！？!?；]+[”’」』）)]*(?:\[\d+\])*|\n+")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and not _ends_sentence(text, match.start(), end):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    before = _WORD_BEFORE.search(text[max(0, dot - 12) : dot + 1])
    if before:
        word = before.group(1).lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    following = text[end : end + 3].lstrip()
    # "... in the U.S. embassy" or "3.5": a lower-case or digit continuation is not a new one.
    return not following or not (following[0].islower() or following[0] in ",;:")


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
