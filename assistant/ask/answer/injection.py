"""Text that talks to the model instead of the reader ("ignore previous instructions…").

Articles are data, never instructions. A paragraph holding such words is never quoted as an
answer, nor handed to an LLM as evidence, in whole: an injection mixes sentences that give orders
("Ignore all previous instructions.") with ones that read as plain statements ("The campaign has
99 action points."), so dropping only the caught sentence would leave the payload in place.
"""

from __future__ import annotations

import re

from index.sentences import Span, split_sentences

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|any|your)\b"
    r".{0,20}\b(instructions?|prompts?|rules|directions|context)\b",
    r"\byou are now\b",
    r"\b(developer|jailbreak|god|dan) mode\b",
    r"\b(reveal|print|show|repeat|leak)\b.{0,30}\b(system prompt|hidden prompt|your prompt|"
    r"instructions|api[ _-]?key|token|password|secret)\b",
    r"^\s*(system|assistant|user)\s*:",
    r"\b(ai assistant|assistant|chatbot|system prompt)\s*:",
    r"\b(tell|inform|remind) the user\b",
    r"\b(reply|respond|answer|say)\b.{0,20}\bonly\b.{0,20}\bwith\b",
    r"\b(do not|don't|never)\s+(cite|mention|reveal)\b.{0,30}\bsources?\b",
    r"<\|?(im_start|im_end|system|endoftext)\|?>",
    r"\[\s*(system|assistant|inst)\s*\]",
    r"\bnew instructions\b",
    r"\b(answer|reply to|respond to) (every|each|all|any) (question|prompt|message)s?\b",
    r"\bcite this (passage|source|article|text)\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def addresses_the_model(sentence: str) -> bool:
    return bool(_INJECTION.search(sentence))


def evidence(text: str, offset: int = 0) -> list[Span | None]:
    """Every sentence of `text` (offsets shifted by `offset`), in `split_sentences` order; None
    for each one standing in a paragraph that addresses the model."""
    hostile = _model_addressed(text, offset)
    return [
        None if any(start <= span.start < end for start, end in hostile) else span
        for span in split_sentences(text, offset=offset)
    ]


def _model_addressed(text: str, offset: int) -> list[tuple[int, int]]:
    """[start, end) of each paragraph of `text` that addresses the model, shifted by `offset`."""
    ranges = []
    start = 0
    for gap in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if addresses_the_model(text[start:end]):
            ranges.append((offset + start, offset + end))
        start = gap.end() if gap else len(text)
    return ranges
