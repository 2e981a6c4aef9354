"""Overview requests, recognised by rule: "Summarize the article", "What is Baogang?".

They ask for what an article (or the corpus, on a topic) says as a whole, not for one fact, so
the factoid answerer cannot serve them: no single sentence matches "summarize" or "the main
points". Rules, not a model, so the split is predictable and a factoid question ("What is the
capital of Inner Mongolia?", "Who is the CEO of Baogang Group?") never becomes a summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from assistant.ask.answer.expectation import ROLE_WORDS


class Kind(Enum):
    SUMMARY = "summary"  # the article in focus, as a whole
    TOPIC = "topic"  # what the corpus says about a topic
    ENTITY = "entity"  # "What is X?" / "Who is X?" about a named thing


@dataclass(frozen=True)
class Overview:
    kind: Kind
    topic: str | None = None  # the topic's or entity's words; None: the article in focus


_POLITE = re.compile(
    r"^(?:(?:please|hey|ok(?:ay)?|so|now)[\s,]+)*"
    r"(?:(?:can|could|would|will) you(?: please)?\s+|i(?:'d| would) like(?: you to)?\s+"
    r"|i want(?: you to)?\s+)?(?:please\s+)?",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:[\s,]+(?:please|for me|briefly|quickly|in short))*[\s?.!]*$", re.I)
# What "the article" may be called: a reference to the text in focus, not a topic.
_THE_TEXT = (
    r"(?:(?:the|this|that|these|those)\s+(?:\w+\s+)?"
    r"(?:article|articles|story|stories|piece|text|document|documents|report|news|corpus|"
    r"collection|post|page|coverage|content|material)|it|this|that|them|everything|all)"
)
_SUMMARY_VERB = r"(?:summari[sz]e|sum up|recap|outline|condense|brief me on|tl;?dr)"
_SUMMARY_NOUN = (
    r"(?:(?:brief|short|quick|concise|high-level|general)\s+)?"
    r"(?:summary|overview|rundown|recap|gist|synopsis|digest|tl;?dr)"
)
_POINTS = (
    r"(?:(?:the|its|their|this\s+article's|the\s+article's)\s+)?"
    r"(?:main|key|major|important|central|principal)\s+"
    r"(?:points?|takeaways?|ideas?|themes?|messages?|arguments?|findings?|facts|claims)"
)
# Whether a match is a summary or a topic depends only on whether it names a topic.
_RULES: list[re.Pattern[str]] = [
    re.compile(rf"^{_SUMMARY_VERB}(?:\s+(?P<rest>.+))?$", re.I),
    re.compile(
        rf"^(?:(?:give|get|show|tell|send)\s+(?:me|us)\s+|(?:provide|write)\s+)?"
        rf"(?:an?\s+|the\s+)?{_SUMMARY_NOUN}(?:\s+(?:of|on|about)\s+(?P<rest>.+))?$",
        re.I,
    ),
    re.compile(
        rf"^(?:what\s+(?:is|are|was|were)\s+|what's\s+|(?:give|tell|list)\s+me\s+)?"
        rf"{_POINTS}(?:\s+(?:of|in|from)\s+(?P<rest>.+))?$",
        re.I,
    ),
    re.compile(rf"^(?:what\s+(?:is|was|are|were)|what's)\s+{_THE_TEXT}\s+(?:all\s+)?about$", re.I),
    re.compile(
        rf"^what\s+(?:does|do|did)\s+{_THE_TEXT}\s+"
        r"(?:say|tell(?:\s+(?:me|us))?|report|cover|reveal|show)\s+(?:about|on|regarding)\s+"
        r"(?P<rest>.+)$",
        re.I,
    ),
    re.compile(r"^tell\s+(?:me|us)\s+(?:\w+\s+)?about\s+(?P<rest>.+)$", re.I),
]
_ENTITY_Q = re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?P<rest>.+)$", re.I)
_CAPITALISED = re.compile(r"^(?:[A-Z][\w&.’'-]*|[0-9][\w-]*)$")
_CONNECTORS = frozenset({"of", "and", "&", "for", "de", "the", "on"})
_MAX_ENTITY_WORDS = 6
_POSSESSIVE = re.compile(r"['’]s\b|s['’](?:\s|$)")


def overview(question: str) -> Overview | None:
    """The overview `question` asks for, or None when it asks for a fact."""
    text = _TRAILING.sub("", _POLITE.sub("", " ".join(question.split())))
    if not text:
        return None
    for pattern in _RULES:
        match = pattern.match(text)
        if match is None:
            continue
        rest = match.groupdict().get("rest")
        topic = _topic(rest) if rest else None
        return Overview(Kind.TOPIC, topic) if topic else Overview(Kind.SUMMARY)
    entity = _entity(text)
    return Overview(Kind.ENTITY, entity) if entity else None


def _topic(rest: str) -> str | None:
    """The topic named after "summarize"/"overview of"; None when it names the text itself."""
    rest = re.sub(r"^(?:of|on|about|regarding)\s+", "", rest.strip(" ,:;"), flags=re.I)
    if re.fullmatch(_THE_TEXT, rest, re.I) or re.fullmatch(_POINTS, rest, re.I):
        return None
    said = re.match(
        rf"^(?:{_THE_TEXT}\s+)?(?:(?:about|on|regarding)\s+|(?:the\s+)?(?:coverage|news)\s+"
        rf"(?:of|on|about)\s+|what\s+{_THE_TEXT}\s+(?:says?|said|tells?)\s+(?:about|on)\s+)"
        r"(?P<topic>.+)$",
        rest,
        re.I,
    )
    topic = said.group("topic") if said else rest
    return topic.strip(" ,:;") or None


def _entity(text: str) -> str | None:
    """X of "What is X?"/"Who is X?" when X is only a name: capitalised words, no possessive,
    no role ("Who is the CEO of Baogang Group?" asks for a person, not an overview)."""
    match = _ENTITY_Q.match(text)
    if match is None:
        return None
    words = match.group("rest").split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words or len(words) > _MAX_ENTITY_WORDS or _POSSESSIVE.search(" ".join(words)):
        return None
    if words[0].lower() in _CONNECTORS or words[-1].lower() in _CONNECTORS:
        return None
    for word in words:
        if word.lower() in ROLE_WORDS or word.rstrip(".,").lower().removesuffix("s") in ROLE_WORDS:
            return None
        if word.lower() not in _CONNECTORS and not _CAPITALISED.match(word):
            return None
    return " ".join(words) if any(w[0].isalpha() for w in words) else None
