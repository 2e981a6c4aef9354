"""What kind of answer a question asks for, and whether a sentence can possibly give it.

A sentence that shares a question's words but not the kind of answer it wants (no number for "how
many", no date for "when", no name for "what is the name of", no place for "where") is the classic
false answer; these checks let the assistant abstain instead.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.ask.answer.terms import NUMBER_WORDS, STOP_WORDS, content_terms, numbers, tokens


class Expect(Enum):
    ANY = "any"
    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    PERSON = "person"
    PLACE = "place"
    ENTITY = "entity"  # a named thing of an asked class: "which country", "which app"


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
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_COUNTED = re.compile(
    r"(?:\b\d[\d,.]*|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))"
    r"\s+((?:(?!(?:and|or|of|in|to|for)\b)[^\W\d_][\w'’-]*\s*){1,3})",
    re.IGNORECASE,
)
# What a sum of money answers whatever it is called ("cost", "fee", "price"): stemmed terms.
_PRICED = frozenset(
    "cost price fee salari budget revenu profit sale incom turnov valuat debt fine".split()
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|trillion)?\s*"
    r"(?:dollars?|euros?|pounds?|yuan|yen|usd|eur)\b",
    re.IGNORECASE,
)
# "What percentage...?" wants a percentage: "one in four" or "62 million" do not give one.
_PERCENT_Q = re.compile(r"\bwhat (?:percentage|percent)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bpercentage points?\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\bhow many of\b", re.IGNORECASE)
_ASKS = re.compile(r"\?[\"'”’)\]]*\s*$")
_FOCUS_QUANTITY = re.compile(r"\b(" + _QUANTITIES + r")\b", re.IGNORECASE)
_DATE_Q = re.compile(
    r"\b(when|what (year|date|day|month|time)|which (year|date|day|month)|since when)\b",
    re.IGNORECASE,
)
_NAME_Q = re.compile(
    r"\b(name of|what is the name|what's the name|whose name|named what|full name|"
    r"(?:his|her|its|their) name)\b"
    r"|\b(?:is|are|was|were)\s+(?:[\w'’-]+\s+){0,4}?(?:called|named|known as)\s*\?",
    re.IGNORECASE,
)
# "What is the campaign called?": the thing whose name is asked for.
_CALLED_FOCUS = re.compile(
    r"\b(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+"
    r"(?:called|named|known as)\b",
    re.IGNORECASE,
)
_NAME_REACH = 4  # words between an asked-for name and the thing it names
# Asking for a location, not an actor: "Which country imposed tariffs?" wants an actor (ANY).
# No "state" or "place": "in what state does China keep its industries?" asks for a condition.
_PLACE_Q = re.compile(
    r"^\W*where\b|\bwhere\s+(?:is|are|was|were|do|does|did|will|can)\b|"
    r"\b(?:in|from|at|to)\s+(?:which|what)\s+(?:city|country|province|region|town|village|"
    r"county|district|continent)\b",
    re.IGNORECASE,
)
# "Which country...?", "Which US retailer...?", "what major religious festival": a thing of a
# class whose members are proper names. Common-noun classes ("which food item", "what type of
# infection", "which part of the body") stay ANY: their answers are ordinary words.
_NAMED_CLASS = (
    r"countr(?:y|ies)|nations?|city|cities|territory|island|capital|region|province|town|"
    r"destination|compan(?:y|ies)|firm|giant|startup|retailer|store|chain|brand|airline|"
    r"automaker|carmaker|app|platform|network|newspaper|tabloid|magazine|broadcaster|party|"
    r"team|club|singer|actor|actress|comedian|rapper|musician|artist|band|star|player|"
    r"athlete|justice|senator|politician|leader|figure|astronaut|planet|holiday|festival|"
    r"volcano|charity|organi[sz]ation|agency|university|bank|prison(?:\s+site)?"
)
_ENTITY_Q = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|can|of)\b)"
    # "state" only as "which state" or "which US state": "in what state..." asks for a condition.
    r"[\w'’&.-]+\s+){0,3}?(?:" + _NAMED_CLASS + r"|(?<=which\s)states?|(?<=which\s\w\w\s)state)\b",
    re.IGNORECASE,
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
# Days and months are capitalised but name no place, thing or person: "Tuesday" answers no
# "where" and no "which country".
CALENDAR_WORDS = frozenset(_MONTHS) - {"yesterday", "today", "tomorrow"} | {"may"}
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


_PERSON_CLASS = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’&.-]+\s+){0,3}?(?:singer|actor|actress|comedian|rapper|"
    r"musician|artist|star|player|athlete|justice|senator|politician|leader|figure|astronaut|"
    r"author|writer|director|coach|quarterback|pitcher|driver|golfer|boxer|candidate|lawmaker)\b",
    re.IGNORECASE,
)


def asks_for_person(question: str) -> bool:
    """Whether the answer is a person: "Who...?", "Which actor...?", "Which global leader...?"."""
    return bool(_PERSON_Q.search(question) or _PERSON_CLASS.search(question))


def expectation(question: str) -> Expect:
    if _NAME_Q.search(question) or _WHO_ROLE_Q.search(question):
        return Expect.NAME
    if _PLACE_Q.search(question):
        return Expect.PLACE
    if _ENTITY_Q.search(question):
        return Expect.ENTITY
    if _DATE_Q.search(question):
        return Expect.DATE
    if _NUMBER_Q.search(question):
        return Expect.NUMBER
    if _PERSON_Q.search(question):
        return Expect.PERSON
    return Expect.ANY


def focus_phrase(question: str) -> str:
    """The words naming what the question counts, measures or names ('action items'), or ''."""
    match = (
        _FOCUS.search(question)
        or _CALLED_FOCUS.search(question)
        or _FOCUS_QUANTITY.search(question)
    )
    return match.group(1) if match else ""


def focus_head(question: str) -> set[str]:
    """The term of the focus's last word, its head noun: "items" in "action items"."""
    words = focus_phrase(question).split()
    return content_terms(words[-1]) if words else set()


def counted_phrases(sentence: str) -> list[str]:
    """What each number in `sentence` counts: "58 specific action points" → that noun phrase."""
    return [m.group(1).strip() for m in _COUNTED.finditer(sentence)]


def can_answer(
    expect: Expect,
    question: str,
    sentence: str,
    context: str = "",
    *,
    counts_focus: bool = False,
    known: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """Whether `sentence` holds something of the expected kind that the question does not already.

    For counted, measured or named things, the sentence must also mention the thing itself (or,
    `counts_focus`, be known to count it under other words), and a name must stand near it.
    `context` (the conversation folded into the retrieval query) counts as already known: after
    "Who chairs Baogang's team?", "Baogang" is no answer to "What is his name?". `known` are the
    terms the sentence's article supplies anyway (its title), which say nothing about the asking.
    A sentence that is itself a question ("The bottom line?") answers nothing.
    """
    if _ASKS.search(sentence):
        return False
    if expect is Expect.ANY:
        return True
    phrase = focus_phrase(question)
    focus = content_terms(phrase)
    terms = content_terms(sentence)
    if expect is Expect.NUMBER and focus & _PRICED and _MONEY.search(sentence):
        focus = focus - _PRICED  # "how much will the card cost?": "a $5 million fee for the card"
    if expect is Expect.PERSON and not {t.removesuffix("s") for t in tokens(phrase)} & ROLE_WORDS:
        # "Who is in charge of the team?" asks for whoever it is, not for a "charge": only a
        # role ("Who is the president...?") is a focus a person's sentence must speak of.
        focus = set()
    # "Who was elected as the next president...?" is answered by "X has been elected as the
    # first female president": a person's role may be worded apart; a named thing's may not.
    slack = len(focus) // (3 if expect is Expect.PERSON else 4)
    if not counts_focus and len(focus - terms) > slack:
        return False
    if expect is Expect.NUMBER:
        if _PARTITIVE.search(question):
            # "How many of the action points have been completed?" counts a subset: the total
            # ("58 action points") does not answer it; the sentence must speak of the qualifier.
            qualifier = content_terms(question) - focus - set(known)
            if qualifier and not qualifier & terms:
                return False
        if _PERCENT_Q.search(question) and not _PERCENT.search(sentence):
            return False
        return bool(numbers(sentence) - numbers(question))
    if expect is Expect.DATE:
        asked = {m.group(0).lower() for m in _DATE_IN_TEXT.finditer(question)}
        return any(m.group(0).lower() not in asked for m in _DATE_IN_TEXT.finditer(sentence))
    asked = {t.removesuffix("'s") for t in tokens(f"{question} {context}")}
    if expect is Expect.ENTITY:
        return bool(_names(sentence) - asked)
    if expect is Expect.PLACE:
        # Places are everywhere in news ("in the U.S."); like a name near its focus, a place
        # answers only in a sentence about what is asked ("headquartered"), not merely in the
        # same article.
        own = content_terms(question) - set(known)
        if own and not own & terms:
            return False
        return bool(_names(sentence) - asked)
    new_names = _proper_names(sentence) - asked
    if expect is Expect.NAME:
        return bool(new_names) and (not focus or _name_near(sentence, new_names, focus))
    roles = {t.removesuffix("s") for t in tokens(sentence)} & ROLE_WORDS  # "executives" too
    new_roles = roles - {t.removesuffix("s") for t in asked}
    return bool(new_names or new_roles)


def _name_near(sentence: str, names: set[str], focus: set[str]) -> bool:
    """Whether one of `names` is within a few words of the thing named ("“X” campaign")."""
    words = [_base(w) for w in _WORD.findall(sentence)]
    at_name = [i for i, w in enumerate(words) if w in names]
    at_focus = [i for i, w in enumerate(words) if content_terms(w) & focus]
    return any(abs(i - j) <= _NAME_REACH for i in at_name for j in at_focus)


def _base(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


def _names(sentence: str) -> set[str]:
    """Capitalised words naming something: unlike `_proper_names`, countries and organisations
    count (they are what "which country" asks for), and so does a sentence's first word when it
    is not a common word ("Texas is investigating...")."""
    names = set()
    for position, word in enumerate(_WORD.findall(sentence)):
        if not word[0].isupper():
            continue
        base = _base(word)
        if base in STOP_WORDS or base in ROLE_WORDS or base in CALENDAR_WORDS:
            continue
        if position == 0 and len(base) < 3:
            continue
        names.add(base)
    return names


def _proper_names(sentence: str) -> set[str]:
    """Capitalised words that are not sentence-initial, titles, organisations or common words."""
    names = set()
    words = _WORD.findall(sentence)
    for position, word in enumerate(words):
        if position == 0 or not word[0].isupper() or word.isupper():
            continue
        base = _base(word)
        if base not in _NOT_NAMES:
            names.add(base)
    return names
