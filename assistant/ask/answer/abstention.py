"""The refusal an answer becomes when nothing verified is left, with what was found nearest."""

from __future__ import annotations

from assistant.ask.answer.draft import Draft, Quote
from assistant.schema import ABSTAIN_TEXT

_CLOSEST_PREVIEW_CHARS = 240


def abstention_text(draft: Draft) -> str:
    """The refusal, plus what was found nearest, plainly marked as not answering."""
    if not draft.closest:
        return ABSTAIN_TEXT
    lines = [ABSTAIN_TEXT, "", "Closest passages found (they do not answer the question):"]
    lines.extend(f"- {_preview(q)}" for q in draft.closest)
    return "\n".join(lines)


def _preview(quote: Quote) -> str:
    text = (
        quote.text
        if len(quote.text) <= _CLOSEST_PREVIEW_CHARS
        else quote.text[:_CLOSEST_PREVIEW_CHARS] + "…"
    )
    return f"“{text}” ({quote.title})"
