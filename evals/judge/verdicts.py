"""The judge's two questions, and how its replies are read: strictly, never guessed.

A reply counts only when it starts with the verdict asked for: "yes" or "no" for support, one
digit from 1 to 5 for relevance. Anything else ("The quote says…", "4.5", "Not sure") is unknown:
counted and reported, so a confused judge shows up as missing judgements, not as a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.prompts import Prompts
from assistant.schema import Turn

SUPPORT_PROMPT = "judge_faithfulness"
RELEVANCE_PROMPT = "judge_relevance"
REPLY_MAX_TOKENS = 4  # the verdict is one word or digit; more is never read
LOWEST, HIGHEST = 1, 5

_LEAD = r"^[\s\"'*`_]*"  # quotes or markdown emphasis around the verdict
_YES_NO = re.compile(_LEAD + r"(yes|no)(?![\w-])", re.IGNORECASE)
_RATING = re.compile(_LEAD + rf"([{LOWEST}-{HIGHEST}])(?!\d|[.,]\d)")


def support_prompt(prompts: Prompts, sentence: str, quotes: Sequence[str]) -> str:
    """Does the quoted text a sentence cites state what the sentence says?"""
    quoted = quotes[0] if len(quotes) == 1 else "\n".join(f"- {q}" for q in quotes)
    return prompts.render(SUPPORT_PROMPT, sentence=sentence, quotes=quoted)


def relevance_prompt(
    prompts: Prompts, question: str, answer: str, history: Sequence[Turn] = ()
) -> str:
    """How well does the answer address the question (with the conversation it follows)?"""
    earlier = [t for t in history if t.role in ("user", "assistant") and t.content.strip()]
    conversation = (
        "Conversation so far:\n"
        + "".join(f"{t.role.title()}: {' '.join(t.content.split())}\n" for t in earlier)
        + "\n"
        if earlier
        else ""
    )
    return prompts.render(
        RELEVANCE_PROMPT, conversation=conversation, question=question, answer=answer
    )


def read_support(reply: str) -> bool | None:
    """True for "yes…", False for "no…", None (unknown) for anything else."""
    match = _YES_NO.match(reply)
    return None if match is None else match.group(1).lower() == "yes"


def read_rating(reply: str) -> int | None:
    """The 1–5 rating a reply starts with, or None (unknown)."""
    match = _RATING.match(reply)
    return None if match is None else int(match.group(1))


def normalized(rating: int) -> float:
    """1–5 onto 0–1, so relevance reads like the other rates."""
    return (rating - LOWEST) / (HIGHEST - LOWEST)
