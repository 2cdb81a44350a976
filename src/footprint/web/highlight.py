"""Cut a document's text into pieces at every evidence boundary, for highlighting.

Spans may overlap or nest (two extracted events in one sentence), so the text is cut at
every start and end; each piece lists the spans that cover it. The template escapes each
piece, so the text is never interpreted as markup.
"""

from __future__ import annotations

from typing import Any


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pieces of ``text`` in order: {"text", "spans": [ids], "starts": [ids]}.

    ``starts`` names the spans beginning at this piece (where their anchors go). Spans
    outside the text are clipped; empty ones are ignored.
    """
    size = len(text)
    valid = []
    for span in spans:
        start, end = max(0, span["start"]), min(size, span["end"])
        if start < end:
            valid.append((start, end, span["id"]))
    cuts = sorted({0, size} | {s for s, _, _ in valid} | {e for _, e, _ in valid})
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [i for s, e, i in valid if s <= left and right <= e]
        starting = [i for s, _, i in valid if s == left]
        pieces.append({"text": text[left:right], "spans": covering, "starts": starting})
    return pieces
