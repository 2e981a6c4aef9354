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
from collections import defaultdict
from collections.abc import Sequence

from assistant.ask.answer.expectation import ROLE_WORDS
from assistant.ask.answer.terms import STOP_WORDS, tokens

VOTE_FLOOR = 0.3  # sentences scoring below this share of the best one cast no vote
AGREEMENT_WEIGHT = 0.5  # a sentence naming the most-agreed name scores up to 1 + this times more

# A run of capitalised words, allowing "of"/"the"/"de" inside ("Bank of England").
_NAME_RUN = re.compile(
    r"[A-Z][\w'’&.-]*(?:\s+(?:(?:of|the|de|la|del|van|von)\s+)?[A-Z][\w'’&.-]*)*"
)
_NOT_THINGS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec u.s u.s. us reuters ap afp cnn said""".split()
)


def names_in(sentence: str, asked: frozenset[str]) -> set[str]:
    """The name words `sentence` brings that the question (its lower-cased `asked` words)
    lacks. Words, not whole names: "Chief Justice John Roberts" and "Roberts" agree."""
    return {
        _plain(word).rstrip(".")
        for run in _NAME_RUN.finditer(sentence)
        for word in run.group(0).split()
        if _is_name_word(word) and _plain(word) not in asked
    }


def agreement(sentences: Sequence[str], scores: Sequence[float], question: str) -> list[float]:
    """Each sentence's multiplier: 1 + `AGREEMENT_WEIGHT` × (its best name's votes ÷ the top
    name's votes). A name's votes are the squared relative scores of the sentences naming it."""
    asked = frozenset(_plain(t) for t in tokens(question))
    best = max(scores, default=0.0)
    if best <= 0:
        return [1.0] * len(sentences)
    named = [names_in(text, asked) for text in sentences]
    votes: defaultdict[str, float] = defaultdict(float)
    for names, score in zip(named, scores, strict=True):
        share = score / best
        if share >= VOTE_FLOOR:
            for name in names:
                votes[name] += share**2
    top = max(votes.values(), default=0.0)
    if top <= 0:
        return [1.0] * len(sentences)
    return [
        1.0 + AGREEMENT_WEIGHT * max((votes[n] for n in names), default=0.0) / top
        for names in named
    ]


def _plain(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


def _is_name_word(word: str) -> bool:
    plain = _plain(word)
    return (
        plain not in STOP_WORDS
        and plain not in ROLE_WORDS
        and plain.rstrip(".") not in _NOT_THINGS
        and plain not in _NOT_THINGS
    )
