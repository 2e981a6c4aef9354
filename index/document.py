"""The unit of ingestion: one article's text and metadata, as loaded from a file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LoadedText:
    """What a format loader returns: the article text and whatever metadata the file carried."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """An article to index; `doc_id` is stable across runs (canonical url or relative path)."""

    doc_id: str
    text: str
    title: str
    source: str
    path: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", self.compute_hash())

    def compute_hash(self) -> str:
        """Hash of text and metadata, so a changed title also counts as an update."""
        payload = json.dumps(
            [self.text, self.title, self.source, self.author, self.published, self.url],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def metadata(self) -> dict[str, str]:
        """Chroma-ready metadata (no None values: Chroma refuses them)."""
        fields = {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "path": self.path,
            "author": self.author,
            "published": self.published,
            "url": self.url,
            "content_hash": self.content_hash,
        }
        return {key: value for key, value in fields.items() if value}
