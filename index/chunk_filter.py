"""Metadata filters a search can carry: which sources, and a published-date range.

Dates compare as ISO strings on their first ten characters (`2025-02-03`), so a timestamp and a
bare date agree; a chunk without a published date never passes a date filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DATE_CHARS = 10  # YYYY-MM-DD


@dataclass(frozen=True)
class ChunkFilter:
    sources: frozenset[str] | None = None
    published_from: str | None = None  # inclusive, YYYY-MM-DD
    published_to: str | None = None  # inclusive, YYYY-MM-DD

    @property
    def by_date(self) -> bool:
        return self.published_from is not None or self.published_to is not None

    def matches(self, metadata: Mapping[str, Any]) -> bool:
        if self.sources is not None and metadata.get("source") not in self.sources:
            return False
        if not self.by_date:
            return True
        day = str(metadata.get("published") or "")[:DATE_CHARS]
        return bool(day) and self.day_in_range(day)

    def day_in_range(self, day: str) -> bool:
        return (self.published_from is None or day >= self.published_from[:DATE_CHARS]) and (
            self.published_to is None or day <= self.published_to[:DATE_CHARS]
        )

    def source_where(self) -> dict[str, Any] | None:
        """The part Chroma can apply itself (it compares numbers only, not date strings)."""
        return None if self.sources is None else {"source": {"$in": sorted(self.sources)}}
