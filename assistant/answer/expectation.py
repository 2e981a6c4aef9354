"""What kind of answer a question asks for, and whether a sentence can possibly give it.

A sentence that shares a question's words but not the kind of answer it wants (no number for "how
many", no date for "when", no name for "what is the name of") is the classic false answer; these
checks let the assistant abstain instead.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.answer.lexical import content_terms, numbers, tokens


class Expect(Enum):
    ANY = "any"
    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    PERSON = "person"


_QUANTITIES = (
    r"revenue|profit|sales|income|budget|salary|salaries|price|prices|cost|costs|population|"
    r"turnover|valuation|debt|output|capacity|market cap|share price"
)
_NUMBER_Q = re.compile(
    r"\b(how (many|much|long|old|far|large|big|tall|often)|what (number|percentage|percent|share|"
    r"proportion|amount|fraction)|number of|(" + _QUANTITIES + r")\b)",
    re.IGNORECASE,
)
# "how many employees does ...", "name of the party secretary", "revenue": the thing asked about.
_FOCUS = re.compile(
    r"\b(?:how many|how much|number of|name of|amount of|percentage of|share of|"
    r"who (?:is|was|are|were))\s+"
    r"(?:the\s+|a\s+|an\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,4}?)"
    r"(?=\s+(?:does|do|did|is|are|was|were|has|have|had|will|can|could|would|in|at|on|for|"
    r"of|by|that|who|which|per)\b|\s*[?.!]|\s*$)",
    re.IGNORECASE,
)
_FOCUS_QUANTITY = re.compile(r"\b(" + _QUANTITIES + r")\b", re.IGNORECASE)
_DATE_Q = re.compile(
    r"\b(when|what (year|date|day|month|time)|which (year|date|day|month)|since when)\b",
    re.IGNORECASE,
)
_NAME_Q = re.compile(
    r"\b(name of|what is the name|what's the name|whose name|named what|full name)\b", re.IGNORECASE
)
_ROLE_PATTERN = (
    r"chairman|chairwoman|chair|chairperson|secretary|president|ceo|cfo|coo|director|minister|"
    r"premier|governor|mayor|leader|head|founder|chief executive|manager|spokesperson|spokesman|"
    r"spokeswoman|commissioner|owner|editor|author"
)
# "Who is the CEO of X?" asks for a person's name; "Who chairs the team?" may be answered by a role.
_WHO_ROLE_Q = re.compile(
    r"\bwho\s+(?:is|was|are|were)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}?(?:"
    + _ROLE_PATTERN
    + r")\b",
    re.IGNORECASE,
)
_PERSON_Q = re.compile(
    r"^\W*(who|whom|whose)\b|\b(who (is|was|are|were|chairs|leads|heads|runs))\b", re.IGNORECASE
)

_MONTHS = """january february march april june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday yesterday today tomorrow""".split()
_DATE_IN_TEXT = re.compile(
    r"\b(1[5-9]\d\d|20\d\d)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(" + "|".join(_MONTHS) + r")\b",
    re.IGNORECASE,
)
ROLE_WORDS = frozenset(
    """chairman chairwoman chair chairperson secretary president ceo cfo coo director minister
    premier governor mayor leader head founder chief executive manager officer spokesperson
    spokesman spokeswoman general commissioner official officials board committee team""".split()
)
_NOT_NAMES = ROLE_WORDS | frozenset(
    """the a an this that these those it its in on at of for and but or if as by with from to
    party group company corporation corp inc ltd exchange exchanges government ministry council
    committee bank state china chinese communist western european american""".split()
)


def expectation(question: str) -> Expect:
    if _NAME_Q.search(question) or _WHO_ROLE_Q.search(question):
        return Expect.NAME
    if _DATE_Q.search(question):
        return Expect.DATE
    if _NUMBER_Q.search(question):
        return Expect.NUMBER
    if _PERSON_Q.search(question):
        return Expect.PERSON
    return Expect.ANY


def focus_terms(question: str) -> set[str]:
    """Content terms of what the question counts, measures or names ('employees', 'revenue')."""
    match = _FOCUS.search(question)
    if match:
        return content_terms(match.group(1))
    quantity = _FOCUS_QUANTITY.search(question)
    return content_terms(quantity.group(1)) if quantity else set()


def can_answer(expect: Expect, question: str, sentence: str) -> bool:
    """Whether `sentence` holds something of the expected kind that the question does not already.

    For counted, measured or named things, the sentence must also mention the thing itself.
    """
    if expect is Expect.ANY:
        return True
    focus = focus_terms(question)
    if len(focus - content_terms(sentence)) > len(focus) // 4:
        return False
    if expect is Expect.NUMBER:
        return bool(numbers(sentence) - numbers(question))
    if expect is Expect.DATE:
        asked = {m.group(0).lower() for m in _DATE_IN_TEXT.finditer(question)}
        return any(m.group(0).lower() not in asked for m in _DATE_IN_TEXT.finditer(sentence))
    asked = {t.removesuffix("'s") for t in tokens(question)}
    new_names = _proper_names(sentence) - asked
    if expect is Expect.NAME:
        return bool(new_names)
    new_roles = {t for t in tokens(sentence) if t in ROLE_WORDS} - asked
    return bool(new_names or new_roles)


def _proper_names(sentence: str) -> set[str]:
    """Capitalised words that are not sentence-initial, titles, organisations or common words."""
    names = set()
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", sentence)
    for position, word in enumerate(words):
        if position == 0 or not word[0].isupper() or word.isupper():
            continue
        base = word.lower().replace("’", "'").removesuffix("'s")
        if base not in _NOT_NAMES:
            names.add(base)
    return names
