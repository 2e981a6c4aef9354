"""[n] citation markers in generated text, and the sentences they belong to.

Models put markers after the full stop ("… points. [1]") or before it ("… points [1]."), and
sometimes as "[1, 2]" or "[1][2]". A sentence owns the markers inside it and those right after
it, so a streamed sentence is complete only once the next sentence has begun (or the text ends).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from index.sentences import split_sentences

_MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[,;]\s*\d{1,4})*)\s*\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\s*\d{1,4}(?:\s*[,;]\s*\d{1,4})*\s*\])+")
_PARTIAL_MARKERS = re.compile(r"\s*(?:\[\s*\d{0,4}(?:\s*[,;]\s*\d{0,4})*\s*\]?\s*)*")
_LABEL = re.compile(r"^\s*(?:answer|a)\s*:\s*", re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
# "According to [1], …" and "…, as stated in [1]." name the source the marker already cites; once
# the marker is lifted out they read "According to, …" and "as stated in.".
_SOURCE_WORDS = r"(?:\s+the)?(?:\s+(?:sources?|passages?|articles?|text))?"
_ATTRIBUTION_LEAD = re.compile(
    r"^(?:(?:according to|as (?:stated|mentioned|noted|reported|shown) in)"
    + _SOURCE_WORDS
    + r"\s*,|(?:the\s+)?(?:sources?|passages?|articles?)\s+"
    r"(?:states?|says?|shows?|indicates?|mentions?)\s+that"
    # "This can be seen in [1], which states: “…”"
    r"|this (?:can be|is) (?:seen|stated|shown|found) in"
    + _SOURCE_WORDS
    + r"\s*,?\s*(?:which (?:states?|says?|reads?))?\s*:)\s*",
    re.IGNORECASE,
)
_ATTRIBUTION_TAIL = re.compile(
    r",?\s+(?:according to|as (?:stated|mentioned|noted|reported|shown) in)"
    + _SOURCE_WORDS
    + r"\s*(?=[.!?]?$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitedSentence:
    text: str  # without markers, whitespace collapsed
    markers: tuple[int, ...]  # in order of appearance, no repeats


def markers_in(text: str) -> list[int]:
    return [int(n) for group in _MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def strip_markers(text: str) -> str:
    cleaned = " ".join(_SPACE_BEFORE_PUNCT.sub(r"\1", _MARKER.sub(" ", text)).split())
    cleaned = _ATTRIBUTION_TAIL.sub("", cleaned)
    lead = _ATTRIBUTION_LEAD.match(cleaned)
    if lead and cleaned[lead.end() :]:
        rest = cleaned[lead.end() :]
        cleaned = rest[0].upper() + rest[1:]
    return cleaned


def cited_sentences(deltas: Iterable[str]) -> Iterator[CitedSentence]:
    """Sentences of a streamed text, each as soon as it is complete."""
    assembler = SentenceAssembler()
    for delta in deltas:
        yield from assembler.feed(delta)
    yield from assembler.finish()


def parse(text: str) -> list[CitedSentence]:
    """Every sentence of a finished text with its markers."""
    assembler = SentenceAssembler()
    return assembler.feed(text) + assembler.finish()


class SentenceAssembler:
    """Cuts streamed text into cited sentences as soon as each one is complete."""

    def __init__(self) -> None:
        self._buffer = ""
        self._started = False

    def feed(self, delta: str) -> list[CitedSentence]:
        self._buffer += delta
        if not self._started:
            if not self._buffer.strip() or len(self._buffer.lstrip()) < len("answer:"):
                return []  # wait: a leading "Answer:" label may still be arriving
            self._buffer = _LABEL.sub("", self._buffer, count=1)
            self._started = True
        return self._take(final=False)

    def finish(self) -> list[CitedSentence]:
        if not self._started:
            self._buffer = _LABEL.sub("", self._buffer, count=1)
            self._started = True
        return self._take(final=True)

    def _take(self, *, final: bool) -> list[CitedSentence]:
        pieces: list[_Piece] = []
        for span in split_sentences(self._buffer):
            leading = _LEADING_MARKERS.match(span.text)
            if leading and pieces:
                # Markers that open a span belong to the sentence before it.
                body = span.start + leading.end()
                pieces[-1] = pieces[-1]._replace(end=body)
                if span.text[leading.end() :].strip():
                    pieces.append(_Piece(body, span.end))
            else:
                pieces.append(_Piece(span.start, span.end))
        if not final:
            # Hold back the last piece (it may still grow or still get its markers), and any
            # trailing piece that is only a marker in the making ("[1", "[1, ").
            while pieces and _PARTIAL_MARKERS.fullmatch(
                self._buffer[pieces[-1].start : pieces[-1].end]
            ):
                pieces.pop()
            pieces = pieces[:-1]
        out: list[CitedSentence] = []
        for piece in pieces:
            raw = self._buffer[piece.start : piece.end]
            text = strip_markers(raw)
            if text:
                out.append(CitedSentence(text=text, markers=tuple(dict.fromkeys(markers_in(raw)))))
        self._buffer = "" if final else self._buffer[pieces[-1].end if pieces else 0 :]
        return out


class _Piece(NamedTuple):
    start: int
    end: int  # past the markers that follow the sentence
