"""Answer candidates the evidence agrees on: for "which country / which app" questions, the names
that the best sentences keep mentioning.

A news article names its subject again and again ("Oman" in the lead, the quote and the
background), while a sentence that merely shares the question's words names whatever it happens
to. So each name a good sentence brings (one the question does not already hold) gets that
sentence's weight, and a sentence naming the most-agreed name is read first. Days, months and
wire-service tags are not names of things and get no vote.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from assistant.ask.answer.expectation import CALENDAR_WORDS, ROLE_WORDS
from assistant.ask.answer.terms import NUMBER_WORDS, STOP_WORDS, tokens

VOTE_FLOOR = 0.3  # sentences scoring below this share of the best one cast no vote
AGREEMENT_WEIGHT = 0.5  # a sentence naming the most-agreed name scores up to 1 + this times more

# A run of capitalised words, allowing "of"/"the"/"de" inside ("Bank of England").
NAME_RUN = re.compile(r"[A-Z][\w'’&.-]*(?:\s+(?:(?:of|the|de|la|del|van|von)\s+)?[A-Z][\w'’&.-]*)*")
_NOT_THINGS = CALENDAR_WORDS | frozenset("u.s us reuters ap afp cnn said".split())


def names_in(sentence: str, asked: frozenset[str]) -> set[str]:
    """The name words `sentence` brings that the question (its lower-cased `asked` words)
    lacks. Words, not whole names: "Chief Justice John Roberts" and "Roberts" agree."""
    return {
        plain_word(word).rstrip(".")
        for run in NAME_RUN.finditer(sentence)
        for word in run.group(0).split()
        if _is_name_word(word) and plain_word(word) not in asked
    }


def agreement(sentences: Sequence[str], scores: Sequence[float], question: str) -> list[float]:
    """Each sentence's multiplier: 1 + `AGREEMENT_WEIGHT` × (its best name's votes ÷ the top
    name's votes)."""
    asked = _asked(question)
    named = [names_in(text, asked) for text in sentences]  # once per sentence, for both passes
    tally = _tally(named, scores)
    top = max(tally.values(), default=0.0)
    if top <= 0:
        return [1.0] * len(sentences)
    return [
        1.0 + AGREEMENT_WEIGHT * max((tally[n] for n in names), default=0.0) / top
        for names in named
    ]


def _tally(named: Sequence[set[str]], scores: Sequence[float]) -> dict[str, float]:
    """Each name word's votes: the squared relative scores of the good sentences naming it."""
    best = max(scores, default=0.0)
    tally: defaultdict[str, float] = defaultdict(float)
    if best <= 0:
        return tally
    for names, score in zip(named, scores, strict=True):
        share = score / best
        if share >= VOTE_FLOOR:
            for name in names:
                tally[name] += share**2
    return tally


def _asked(question: str) -> frozenset[str]:
    return frozenset(plain_word(t) for t in tokens(question))


def plain_word(word: str) -> str:
    """Lower-cased, accents and possessive dropped: "Guantánamo's" is "guantanamo"."""
    folded = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).removesuffix("'s")


def _is_name_word(word: str) -> bool:
    plain = plain_word(word)
    return (
        plain not in STOP_WORDS
        and plain not in ROLE_WORDS
        and plain.rstrip(".") not in _NOT_THINGS
        and plain not in NUMBER_WORDS
    )
