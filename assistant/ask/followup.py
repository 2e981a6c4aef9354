"""Follow-up questions without an LLM: fold the earlier turns' key terms into the retrieval query.

"How many action points does it have?" after "What campaign did Baogang launch?" retrieves with
"... Baogang campaign launch" added, so "it" finds the campaign.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.ask.answer.terms import STOP_WORDS, tokens
from assistant.schema import Turn

_REFERS_BACK = re.compile(
    r"\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there|the same|which one)\b"
    r"|^\s*(and|also|what about|how about|then|so)\b",
    re.IGNORECASE,
)
_SHORT_QUESTION_TERMS = 3


def retrieval_query(question: str, history: Sequence[Turn], turns: int) -> str:
    """The question, plus earlier user turns' key words when the question leans on them."""
    earlier = (
        [t.content for t in history if t.role == "user" and t.content.strip()][-turns:]
        if turns
        else []
    )
    if not earlier or not is_follow_up(question):
        return question
    own = set(tokens(question))
    extra: list[str] = []
    for text in reversed(earlier):
        for word in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text):
            low = word.lower()
            if low in STOP_WORDS or low in own or low in extra:
                continue
            extra.append(low)
    return f"{question} {' '.join(extra)}" if extra else question


def is_follow_up(question: str) -> bool:
    content = [t for t in tokens(question) if t not in STOP_WORDS]
    return bool(_REFERS_BACK.search(question)) or len(content) <= _SHORT_QUESTION_TERMS
