"""Metadata filters a search can carry: which sources, a published-date range, an as-of day.

Dates compare as ISO strings on their first ten characters (`2025-02-03`), so a timestamp and a
bare date agree. A chunk without a published date never passes a date range (`published_from`,
`published_to`: the user asked for dated articles), but always passes `not_after` (the as-of day
leaves out what was published later; an undated article may be of any day).

Source names match in any case, whole or by one word: a word of a name (`valley` matches
`Valley Post`) or a label of a host name short of the last (`cnn` matches `cnn.com` and
`edition.cnn.com`; `com` matches nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DATE_CHARS = 10  # YYYY-MM-DD
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$")


@dataclass(frozen=True)
class ChunkFilter:
    sources: frozenset[str] | None = None  # as asked: any case, or a host name's label
    published_from: str | None = None  # inclusive, YYYY-MM-DD
    published_to: str | None = None  # inclusive, YYYY-MM-DD
    not_after: str | None = None  # inclusive, YYYY-MM-DD; undated chunks pass

    @property
    def by_date(self) -> bool:
        return self.published_from is not None or self.published_to is not None

    def matches(self, metadata: Mapping[str, Any]) -> bool:
        if self.sources is not None and not self.source_allowed(str(metadata.get("source", ""))):
            return False
        return self.day_allowed(str(metadata.get("published") or "")[:DATE_CHARS])

    def source_allowed(self, stored: str) -> bool:
        return self.sources is None or source_matches(stored, self.sources)

    def day_allowed(self, day: str) -> bool:
        if not day:
            return not self.by_date
        return (
            (self.published_from is None or day >= self.published_from[:DATE_CHARS])
            and (self.published_to is None or day <= self.published_to[:DATE_CHARS])
            and (self.not_after is None or day <= self.not_after[:DATE_CHARS])
        )

    def allowed_sources(self, stored: Iterable[str]) -> list[str]:
        """The stored source names this filter lets through."""
        return sorted(s for s in set(stored) if self.source_allowed(s))


def source_matches(stored: str, wanted: Iterable[str]) -> bool:
    name = stored.casefold().strip()
    words = name.split(".")[:-1] if _HOST.match(name) else re.split(r"[\s/|,:;-]+", name)
    return any(w.casefold().strip() in (name, *words) for w in wanted)
