"""Whether a quote supports a claim: the one home of that judgement, for every answer mode.

A claim is judged on what it states *beyond the question the reader was asked*. A model that
restates the question and adds the fact ("Under the 2006 law, 25% of the floor may be a smoking
area.") is supported by a source sentence holding the fact, even when the restated words are not
in it: the question licenses them. What the question cannot license is still killed:

- a claim must state at least one word or number the question does not;
- every number must be in the quote, or be the question's own and occur in the cited document
  (its text or its published date);
- a name (a run of capitalised words, titles aside) must have its last word and at least half
  of its words in the quote or the question, the rest in the cited document ("Joe Biden" where
  the quote says "Biden"; not "Longwood Gardens" where it says "Longwood", nor "Presidents Day"
  where it says "Veterans Day");
- a negation must be in the quote or the question;
- most (`THRESHOLD`) of the claim's remaining content words must be in the quote.

Units and forms are compared canonically ("400 milligrams" = "400 mg", "25%" = "25 percent"),
through `lexical.content_terms`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.ask.answer.expectation import ROLE_WORDS
from assistant.ask.answer.terms import STOP_WORDS, content_terms, numbers, tokens

THRESHOLD = 0.6

_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't didn't doesn't don't isn't "
    "wasn't weren't aren't hasn't haven't hadn't won't wouldn't couldn't shouldn't can't".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Asked:
    """The question the reader saw (the standalone rewrite for a follow-up), as terms."""

    terms: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]  # lower-cased surface words: names and negations it licenses

    @classmethod
    def of(cls, question: str) -> Asked:
        return cls(
            terms=frozenset(content_terms(question)),
            numbers=frozenset(numbers(question)),
            words=frozenset(_words(question)),
        )


NOTHING_ASKED = Asked(frozenset(), frozenset(), frozenset())


def support(claim: str, quote: str, asked: Asked = NOTHING_ASKED, document: str = "") -> float:
    """Share of the claim's unlicensed content words found in `quote`; 0 when a hard rule fails.

    `document` is the cited document's text (and date), which licenses a number the question
    brought and a name the document gives; without it, both must be in the quote.
    """
    claimed_numbers = numbers(claim)
    quoted_numbers = numbers(quote)
    vouched_numbers, document_words = _vouched(document)
    for number in claimed_numbers - quoted_numbers:
        if number not in asked.numbers or number not in vouched_numbers:
            return 0.0
    quote_words = _words(quote)
    if (_words(claim) & _NEGATIONS) - quote_words - asked.words:
        return 0.0
    completed: set[str] = set()  # name words the document gives where the quote gives the rest
    quoted_names = [[w for w in span if w not in ROLE_WORDS] for span in _name_spans(quote)]
    for span in _name_spans(claim):
        words = [w for w in span if w not in ROLE_WORDS]
        elsewhere = [w for w in words if w not in quote_words and w not in asked.words]
        if not elsewhere:
            continue
        if (
            words[-1] in elsewhere  # the quote must give the name's head: "Biden", "Gardens"
            or 2 * len(elsewhere) > len(words)
            or any(w not in document_words for w in elsewhere)
            or _another_name(words, quoted_names)
        ):
            return 0.0  # a name the quote does not give, or one from nowhere
        completed |= content_terms(" ".join(elsewhere))
    new_numbers = claimed_numbers - asked.numbers
    claimed = content_terms(claim) - claimed_numbers - asked.terms
    if not claimed:
        # Nothing but numbers (all checked above) and the question's own words: a bare
        # restatement of the question states nothing.
        return 1.0 if new_numbers or asked is NOTHING_ASKED else 0.0
    found = claimed & content_terms(quote)
    if not found and not new_numbers:
        return 0.0  # the quote must carry something new itself, not only the document
    return len(claimed & (found | completed)) / len(claimed)


def _another_name(words: list[str], quoted: list[list[str]]) -> bool:
    """Whether the quote gives the name's head only inside a different name: "Presidents Day"
    is not "Veterans Day", though "Joe Biden" is "Biden" and "President Joe Biden"."""
    heads = [span for span in quoted if span and span[-1] == words[-1]]
    return bool(heads) and all(set(span) - set(words) for span in heads)


def supports(claim: str, quote: str, asked: Asked = NOTHING_ASKED, document: str = "") -> bool:
    return support(claim, quote, asked, document) >= THRESHOLD


@functools.lru_cache(maxsize=32)
def _vouched(document: str) -> tuple[frozenset[str], frozenset[str]]:
    """A cited document's numbers and words, once per document, not once per candidate quote."""
    return frozenset(numbers(document)), frozenset(_words(document))


def _words(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in tokens(text)}


def _name_spans(sentence: str) -> list[list[str]]:
    """Runs of capitalised words, lower-cased ("President Joe Biden" → one run of three).

    A sentence's first word starts a run only if it is not a stop word ("The", "In").
    """
    spans: list[list[str]] = []
    current: list[str] = []
    end = -1
    for position, match in enumerate(_WORD.finditer(sentence)):
        word = match.group(0)
        capital = word[0].isupper() and not (position == 0 and word.lower() in STOP_WORDS)
        joined = current and sentence[end : match.start()].strip(" .") == ""
        if capital and joined:
            current.append(_base(word))
        elif capital:
            current = [_base(word)]
            spans.append(current)
        else:
            current = []
        end = match.end()
    return spans


def _base(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")
