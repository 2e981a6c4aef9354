"""A `ChunkFilter` as a tantivy query: sources by exact stored name, days as YYYYMMDD integers.

An undated chunk is stored with day 0, so it fails a date range (`published_from`,
`published_to`) and passes `not_after`, as `ChunkFilter.day_allowed` has it.
"""

from __future__ import annotations

from collections.abc import Sequence

import tantivy

from index.chunk_filter import DATE_CHARS, ChunkFilter

UNDATED = 0


def day_number(day: str) -> int:
    """`2025-02-03` (or a timestamp starting so) → 20250203; anything else → `UNDATED`."""
    digits = day[:DATE_CHARS].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else UNDATED


def day_text(number: int) -> str:
    """20250203 → `2025-02-03`; `UNDATED` → ``."""
    if number <= UNDATED:
        return ""
    text = f"{number:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def filter_query(
    schema: tantivy.Schema, where: ChunkFilter, sources: Sequence[str]
) -> tantivy.Query | None:
    """The chunks `where` allows, given every stored source name; None allows every chunk."""
    parts: list[tantivy.Query] = []
    if where.sources is not None:
        allowed = where.allowed_sources(sources)
        parts.append(
            tantivy.Query.term_set_query(schema, "source", allowed)
            if allowed
            else tantivy.Query.empty_query()
        )
    low = None
    if where.by_date:  # dated chunks only
        low = max(day_number(where.published_from or ""), UNDATED + 1)
    highs = [day_number(d) for d in (where.published_to, where.not_after) if d]
    high = min(highs) if highs else None
    if low is not None or high is not None:
        parts.append(tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, low, high))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])
