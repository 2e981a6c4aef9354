"""A request's scope (as-of day, filters) → what the retriever may return and which days it
favours. Every surface sends the same `Scope`; this is the one place it is interpreted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from assistant.ask.retrieval.base import SearchScope
from assistant.ask.when import question_window
from assistant.errors import InputError
from assistant.schema import Scope
from index.chunk_filter import ChunkFilter

_LISTED_SOURCES = 12


def search_scope(
    question: str,
    scope: Scope | None,
    known_sources: Callable[[], list[str]],
    *,
    today: date | None = None,
) -> SearchScope:
    """Documents after the as-of day are left out (undated ones stay); the question's time
    phrase, or else the as-of day, is what recency favours."""
    scope = scope or Scope()
    as_of = scope.as_of or today or date.today()
    wanted = frozenset(s.strip() for s in scope.filters.sources if s.strip()) or None
    first, last = scope.filters.published_from, scope.filters.published_to
    if first is not None and last is not None and first > last:
        raise InputError(f"the date range is empty: from {first} is after to {last}")
    where = ChunkFilter(
        sources=wanted,
        published_from=first.isoformat() if first else None,
        published_to=last.isoformat() if last else None,
        not_after=as_of.isoformat(),
    )
    if wanted is not None:
        known = known_sources()
        if not where.allowed_sources(known):
            listed = ", ".join(known[:_LISTED_SOURCES]) + (" …" if len(known) > 12 else "")
            raise InputError(
                f"no source matches {', '.join(sorted(wanted))}; sources: {listed or 'none'}"
            )
    return SearchScope(where=where, recent=question_window(question, as_of))
