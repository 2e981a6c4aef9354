"""An Answer as Slack Block Kit, within Slack's limits (3,000 chars a section, 50 blocks)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.schema import Answer, Citation

SECTION_LIMIT = 3000
CONTEXT_LIMIT = 2000
MAX_BLOCKS = 50
QUOTE_PREVIEW = 280
FALLBACK_LIMIT = 3900
_SENTENCE_END = re.compile(r"(?<=[.!?\]])\s+")

Block = dict[str, Any]


def escape(text: str) -> str:
    """Slack mrkdwn needs &, < and > escaped; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces no longer than `limit`, cut between sentences where possible, else between words."""
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        candidate = f"{current} {sentence}" if current else sentence
        if len(candidate) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def source_line(citation: Citation, url: str | None) -> str:
    title = escape(citation.title)
    label = f"<{url}|{title}>" if url else f"*{title}*"
    if citation.published:
        label += f" ({escape(citation.published)})"
    quote = (
        citation.quote
        if len(citation.quote) <= QUOTE_PREVIEW
        else citation.quote[:QUOTE_PREVIEW] + "…"
    )
    return f"[{citation.n}] {label} — “{escape(quote)}”"[:CONTEXT_LIMIT]


def answer_blocks(
    answer: Answer, urls: dict[str, str] | None = None, *, actions: Sequence[Block] = ()
) -> list[Block]:
    """Answer text sections, then one context block per source (title, link, published date,
    quoted snippet), then one actions block with `actions` (buttons), if any."""
    urls = urls or {}
    room = MAX_BLOCKS - (1 if actions else 0)
    blocks: list[Block] = []
    prefix = ":mag: " if answer.abstained else ""
    for piece in split_text(prefix + escape(answer.answer)):
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": piece}})
    blocks = blocks[:room]
    sources = [
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": source_line(c, urls.get(c.doc_id))}],
        }
        for c in answer.citations
    ]
    left = room - len(blocks) - 1  # the divider
    if sources and left > 0:
        blocks.append({"type": "divider"})
        if len(sources) > left:
            hidden = len(sources) - left + 1
            more = {"type": "mrkdwn", "text": f"…and {hidden} more sources"}
            sources = [*sources[: left - 1], {"type": "context", "elements": [more]}]
        blocks.extend(sources)
    if actions:
        blocks.append({"type": "actions", "elements": list(actions)})
    return blocks


def fallback_text(answer: Answer) -> str:
    """Plain text for notifications and clients that cannot show blocks."""
    return answer.answer[:FALLBACK_LIMIT]
