"""The full name a sentence gives only in part: "Brody" where its article says "Adrien Brody".

News names a person or thing in full once, then by a short form ("Brody broke the record for
the longest acceptance speech"). A reader asking "Which actor...?" wants the name as the article
gives it, so an extractive answer leads with the full form, cut verbatim from the sentence of the
same article that holds it (and cited to that sentence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ask.answer.candidates import NAME_RUN, plain_word
from assistant.ask.answer.draft import Quote
from assistant.ask.answer.terms import STOP_WORDS, tokens

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MIN_HEAD = 3  # "Al", "Li": too short to tell a surname from a word


@dataclass(frozen=True)
class FullName:
    text: str  # as the article writes it: "Adrien Brody"
    quote: Quote  # the article's sentence holding it


def full_name(chosen: Quote, article: Sequence[Quote], question: str) -> FullName | None:
    """The fuller form of a name `chosen` gives only in part, from another sentence of its
    article (`article`: that article's sentences at hand); None when there is none to give.

    Of several short names in the sentence, the one the article mentions most is taken (the
    subject), in the full form the article uses most ("Adrien Brody"; ties: the first given).
    A name the question already holds is no answer and is not completed.
    """
    asked = {_plain(w) for w in tokens(question)}
    article = [q for q in article if q.doc_id == chosen.doc_id]
    named = _inner_capitals(article)
    own = " ".join(_plain(w) for w in _WORD.findall(chosen.text))
    fuller: dict[str, Counter[str]] = {}  # head word -> full forms, counted
    holder: dict[str, Quote] = {}  # full form -> the first sentence giving it
    mentions: Counter[str] = Counter()
    for quote in article:
        for run in _runs(quote.text, named):
            mentions[run[-1][1]] += 1
            if quote == chosen or len(run) < 2:
                continue
            words = [plain for _, plain in run]
            if " ".join(words) in own or words[-1] in asked:
                continue  # the sentence gives it whole already, or the question names it
            text = _surface(run)
            fuller.setdefault(words[-1], Counter())[text] += 1
            holder.setdefault(text, quote)
    heads = {  # names the sentence gives by one word only: "Brody", not "Philadelphia Eagles"
        run[0][1]
        for run in _runs(chosen.text, named, shortest=True)
        if len(run) == 1 and len(run[0][1]) >= _MIN_HEAD and run[0][1] not in asked
    }
    found = sorted((h for h in heads if h in fuller), key=lambda h: -mentions[h])
    if not found:
        return None
    text, _ = fuller[found[0]].most_common(1)[0]  # ties: the first the article gives
    return FullName(text=text, quote=holder[text])


def _runs(
    sentence: str, named: frozenset[str], *, shortest: bool = False
) -> list[list[tuple[str, str]]]:
    """Each name run's words as (surface, plain), stop words at its edges dropped ("The").

    A sentence's first word is capitalised whatever it is ("Defeated Kansas City Chiefs",
    "Meet Nikki Glaser"): it leaves a run of three or more unless it is one of `named`, the
    words the article capitalises elsewhere too ("President Joe Biden, who..."); a run of two
    keeps it ("Adrien Brody won"), or the name would be cut to one word; with `shortest` (the
    short forms of the answer sentence: "Watch Biden deliver...") it never does.
    """
    runs = []
    for match in NAME_RUN.finditer(sentence):
        words = [(w, _plain(w)) for w in match.group(0).split()]
        opener = match.start() == _first_word(sentence) and words[0][1] not in named
        if opener and (shortest or len(words) > 2):
            words.pop(0)  # "Meet Nikki Glaser"; but "Adrien Brody won", a name left whole
        while words and words[0][1] in STOP_WORDS:
            words.pop(0)
        while words and words[-1][1] in STOP_WORDS:
            words.pop()
        if words:
            runs.append(words)
    return runs


def _first_word(sentence: str) -> int:
    match = _WORD.search(sentence)
    return match.start() if match else -1


def _inner_capitals(article: Sequence[Quote]) -> frozenset[str]:
    """Words the article capitalises past a sentence's start: names, not sentence openers."""
    words: set[str] = set()
    for quote in article:
        first = _first_word(quote.text)
        words.update(
            _plain(m.group(0))
            for m in _WORD.finditer(quote.text)
            if m.group(0)[0].isupper() and m.start() != first
        )
    return frozenset(words)


def _surface(run: list[tuple[str, str]]) -> str:
    """The run as the sentence writes it, possessive and trailing stop dropped."""
    text = " ".join(surface for surface, _ in run)
    return re.sub(r"['’]s$", "", text).rstrip(".,;:")


def _plain(word: str) -> str:
    return plain_word(word).strip(".")  # "Jr." is "jr"
