"""The checkable facts of a sentence: its numbers and its names, as eval fact groups.

An exported case must test what the person meant ("It has 20 key tasks" → "20") without failing
on wording the assistant would never reproduce, so only numbers (with their %, $ or unit word)
and capitalised names are kept. A text with neither is kept whole.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(
    r"[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?%|\s(?:million|billion|trillion|percent))?", re.IGNORECASE
)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of|de|the|and|&)?\s*[A-Z][\w'’.-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([A-Z][\w'’-]*)")
_SMALL = {"The", "A", "An", "It", "This", "That", "They", "He", "She", "We", "I", "In", "On"}


def facts_of(text: str) -> list[list[str]]:
    """Fact groups (one alternative each) for `text`; [[text]] when it has no number or name."""
    facts: list[str] = [m.group(0).strip().rstrip(",") for m in _NUMBER.finditer(text)]
    openers = {m.group(1) for m in _SENTENCE_START.finditer(text)}
    for match in _NAME.finditer(text):
        name = match.group(0).strip().rstrip(".")
        words = name.split()
        if len(words) == 1 and (name in openers or name in _SMALL):
            continue  # a capital only because a sentence starts there
        if words[0] in _SMALL and len(words) > 1:
            name = " ".join(words[1:])
        facts.append(name)
    unique = list(dict.fromkeys(f for f in facts if f))
    return [[fact] for fact in unique] if unique else [[text.strip()]]


def facts_stated(quotes: list[str], answer: str) -> list[list[str]]:
    """Facts of the quotes that the answer also states: what a 👍 vouched for."""
    folded = answer.casefold()
    found = [
        group for quote in quotes for group in facts_of(quote) if group[0].casefold() in folded
    ]
    return list({group[0].casefold(): group for group in found}.values())
