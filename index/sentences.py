"""Sentence spans with character offsets, so every quoted sentence is checkable in place."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "lt",
    "col", "sgt", "capt", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s", "u.k",
    "u.n", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "fig", "est", "approx", "dept", "univ", "vol",
}  # fmt: skip
# A sentence ends at . ! or ? (plus closing quotes/brackets) before whitespace and a likely start.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪–]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentences of `text`, split at line breaks and sentence ends; offsets are shifted by `offset`.

    Bullet markers are left out of the span, so a quote reads as the sentence itself.
    """
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        for start, end in _line_sentences(line):
            spans.append(
                Span(
                    start=offset + line_start + start,
                    end=offset + line_start + end,
                    text=line[start:end],
                )
            )
        line_start += len(line) + 1
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    bullet = _BULLET.match(line)
    cursor = bullet.end() if bullet else 0
    pieces: list[tuple[int, int]] = []
    piece_start = cursor
    for match in _BOUNDARY.finditer(line, cursor):
        if _is_abbreviation(line, match.start()):
            continue
        pieces.append((piece_start, match.end()))
        piece_start = match.end()
    pieces.append((piece_start, len(line)))
    spans = []
    for start, end in pieces:
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", line[:dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or len(token) == 1
