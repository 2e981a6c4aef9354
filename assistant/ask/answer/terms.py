"""Content terms of a text: lower-cased, light-stemmed, stop words out, number words as digits.

Used to measure how much of a question a sentence covers, and whether a claim's words and numbers
appear in the quote that is meant to support it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    else ever few for from further get gets got had has have having he her here hers herself him
    himself his how i if in into is it its itself just let many may me might more most much must
    my myself no nor not now of off on once only or other ought our ours ourselves out over own
    per please same shall she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon us very was we were what
    whatever when where whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves s t d ll m re ve don isn aren wasn weren hasn haven
    hadn doesn didn wouldn shan shouldn can't cannot tell say says said give gives given
    name named called according article articles mention mentioned mentions describe described
    report reported one's kind sort type like""".split()
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_SCALES, "dozen"})
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER_PHRASE = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:(?:[ -]+|[ ]+and[ ]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE
)

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def stem(word: str) -> str:
    """Snowball English stem, possessive dropped: 'reforms'/'reform', 'launched'/'launch' meet."""
    if word.endswith("'s"):
        word = word[:-2]
    return str(_stemmer().stemWord(word))


@functools.cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def numbers(text: str) -> set[str]:
    """Numbers written as digits or words, as canonical digit strings ('fifty-eight' → '58')."""
    found: set[str] = set()
    words = tokens(text.replace("-", " "))
    for word in words:
        if word[0].isdigit():
            found.add(
                word.replace(",", "").rstrip("0").rstrip(".")
                if "." in word
                else word.replace(",", "")
            )
    for phrase in _NUMBER_PHRASE.findall(text):
        found.update(str(v) for v in _phrase_values(phrase.lower().replace("-", " ").split()))
    return found


def _phrase_values(words: list[str]) -> list[int]:
    """'fifty eight' → [58], 'two hundred and five' → [205], 'seventeen and fifty eight' → [17, 58].

    "and" continues a number only after a scale word; a unit after a unit, or tens after tens or
    units, starts the next number. A lone 'one' ("one of the largest") is no count.
    """
    values: list[int] = []
    total = current = 0
    started = False
    previous = ""

    def flush() -> None:
        nonlocal total, current, started
        if started and not (total == 0 and current == 1 and previous == "one"):
            values.append(total + current)
        total = current = 0
        started = False

    for word in words:
        if word == "and":
            if previous not in _SCALES:
                flush()
            continue
        small = current % 100
        if (word in _UNITS and (small % 10 or 10 <= small < 20)) or (word in _TENS and small):
            flush()
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        started = True
        previous = word
    flush()
    return values


_SYMBOLS = {"%": " percent ", "$": " dollar ", "€": " euro ", "£": " pound "}
_SYMBOL = re.compile("|".join(re.escape(s) for s in _SYMBOLS))
# Abbreviated and spelled-out units meet ("400 mg" = "400 milligrams"); British spellings too.
_UNIT_WORDS = {
    "mg": "milligram", "g": "gram", "kg": "kilogram", "km": "kilometer", "m": "meter",
    "cm": "centimeter", "mm": "millimeter", "ml": "milliliter", "lb": "pound", "lbs": "pound",
    "ft": "foot", "feet": "foot", "mi": "mile", "mph": "mile", "kph": "kilometer",
    "kilometre": "kilometer", "metre": "meter", "centimetre": "centimeter",
    "millimetre": "millimeter", "litre": "liter", "millilitre": "milliliter", "pct": "percent",
    "bn": "billion", "mn": "million", "usd": "dollar", "dollars": "dollar",
    # A question in British spelling meets an article in American ("What colour Gatorade…?").
    "colour": "color", "favour": "favor", "honour": "honor", "labour": "labor",
    "neighbour": "neighbor", "behaviour": "behavior", "harbour": "harbor", "rumour": "rumor",
    "humour": "humor", "flavour": "flavor", "centre": "center", "theatre": "theater",
    "fibre": "fiber", "defence": "defense", "offence": "offense", "licence": "license",
    "programme": "program", "catalogue": "catalog", "grey": "gray", "tyre": "tire",
    "aluminium": "aluminum", "jewellery": "jewelry", "pyjamas": "pajamas",
}  # fmt: skip


# Irregular verb forms the stemmer cannot meet: "Where did the publisher hear…?" is answered by
# "…has heard this via chatter"; "Which team won…?" by "…win against". Forms that are also common
# other words ("left", "saw", "rose", "found" as in "founded") are left out, and so are forms of
# stop words ("told", "gave": "tell" and "give" carry no content).
_IRREGULAR = {
    "heard": "hear", "took": "take", "taken": "take", "made": "make",
    "won": "win", "began": "begin", "begun": "begin",
    "built": "build", "bought": "buy", "brought": "bring", "sold": "sell", "paid": "pay",
    "met": "meet", "held": "hold", "kept": "keep", "ran": "run", "went": "go", "gone": "go",
    "came": "come", "knew": "know", "known": "know", "thought": "think", "sent": "send",
    "spent": "spend", "grew": "grow", "grown": "grow", "chose": "choose", "chosen": "choose",
    "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak",
    "struck": "strike", "fought": "fight", "caught": "catch", "taught": "teach",
    "sought": "seek", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly",
    "threw": "throw", "thrown": "throw", "broke": "break", "broken": "break", "stole": "steal",
    "stolen": "steal", "froze": "freeze", "frozen": "freeze", "hid": "hide", "hidden": "hide",
    "ate": "eat", "eaten": "eat", "sang": "sing", "sung": "sing", "fell": "fall",
    "fallen": "fall", "risen": "rise", "forgot": "forget", "forgotten": "forget",
    "shown": "show", "seen": "see", "led": "lead", "lost": "lose", "sat": "sit", "stood": "stand",
    "understood": "understand", "slept": "sleep", "felt": "feel", "meant": "mean",
}  # fmt: skip


def _unit(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _UNIT_WORDS:
        return _UNIT_WORDS[word]
    if len(word) > 3 and word.endswith("s") and word[:-1] in _UNIT_WORDS:
        return _UNIT_WORDS[word[:-1]]  # "kilometres"
    return word


def content_terms(text: str) -> set[str]:
    """Stemmed content words plus canonical numbers; units and symbols in one spelling."""
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(0)], text)
    terms = {
        stem(_unit(t))
        for t in tokens(text)
        if t not in STOP_WORDS and t not in NUMBER_WORDS and not t[0].isdigit()
    }
    terms.discard("")
    return terms | numbers(text)
