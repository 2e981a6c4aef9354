"""Whether an expected fact occurs in a text, after folding both the same way.

Folding: accents dropped, case folded, punctuation and whitespace reduced to word boundaries,
thousands separators removed, "%" read as "percent", and numbers canonicalised to digits
("fifty-eight" → "58", "2.5 million" → "2500000"). A fact matches a whole run of words, so
"58" never matches "158". This is deliberately independent of the assistant's own text handling
(`assistant.ask.answer.terms`): the scorer must not share the bugs of what it scores.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

Folded = tuple[str, ...]

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def fold(text: str) -> Folded:
    """The words and canonical numbers of `text`, in order."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = _THOUSANDS.sub("", plain).replace("%", " percent ")
    return tuple(_canonical_numbers(_TOKEN.findall(plain)))


def occurs(needle: Folded, haystack: Folded) -> bool:
    """Whether `needle` appears in `haystack` as a contiguous run of whole words."""
    if not needle or len(needle) > len(haystack):
        return False
    first = needle[0]
    size = len(needle)
    return any(
        haystack[i] == first and haystack[i : i + size] == needle
        for i in range(len(haystack) - size + 1)
    )


def mentions(text: str, fact: str) -> bool:
    """Whether `fact` occurs in `text` (both folded)."""
    return occurs(fold(fact), fold(text))


def _canonical_numbers(words: Sequence[str]) -> list[str]:
    """Number words become digits; a digit followed by a scale word is multiplied out.

    A lone "one" stays a word: it is far more often "one of" or "no one" than a count.
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        value, end = _spelled_number(words, i)
        if end > i and words[i:end] != ["one"]:
            out.append(str(value))
            i = end
            continue
        word = words[i]
        if word[0].isdigit() and i + 1 < len(words) and words[i + 1] in _SCALES:
            out.append(_number_text(Decimal(word) * _SCALES[words[i + 1]]))
            i += 2
            continue
        out.append(_number_text(Decimal(word)) if word[0].isdigit() else word)
        i += 1
    return out


def _spelled_number(words: Sequence[str], i: int) -> tuple[int, int]:
    """Parse e.g. "two hundred and five thousand six" at `i`: (value, end), end == i if none."""
    total = 0
    last_scale = 10**15
    while True:
        value, end = _below_thousand(words, i)
        if end == i:
            break
        if end < len(words) and words[end] in _SCALES and _SCALES[words[end]] < last_scale:
            last_scale = _SCALES[words[end]]
            total += value * last_scale
            i = end + 1
            joined = i + 1 < len(words) and words[i] == "and"
            if joined and _below_thousand(words, i + 1)[1] > i + 1:
                i += 1
            continue
        total += value
        i = end
        break
    return total, i


def _below_thousand(words: Sequence[str], i: int) -> tuple[int, int]:
    value, end = _below_hundred(words, i)
    if end == i or end >= len(words) or words[end] != "hundred" or value > 9:
        return value, end
    value *= 100
    end += 1
    after = end + 1 if end < len(words) and words[end] == "and" else end
    rest, rest_end = _below_hundred(words, after)
    return (value + rest, rest_end) if rest_end > after else (value, end)


def _below_hundred(words: Sequence[str], i: int) -> tuple[int, int]:
    if i >= len(words):
        return 0, i
    word = words[i]
    if word in _TENS:
        if i + 1 < len(words) and words[i + 1] in _UNITS and words[i + 1] != "zero":
            return _TENS[word] + _UNITS[words[i + 1]], i + 2
        return _TENS[word], i + 1
    if word in _TEENS:
        return _TEENS[word], i + 1
    if word in _UNITS:
        return _UNITS[word], i + 1
    return 0, i


def _number_text(value: Decimal) -> str:
    """'58', '2500000', '3.5': integral values without a point, others without trailing zeros."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
