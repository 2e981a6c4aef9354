"""Plain-text articles: the whole file is the article text."""

from __future__ import annotations

from pathlib import Path

from index.document import LoadedText
from index.loaders.decode import decode_text


def load(data: bytes, path: Path) -> LoadedText:  # noqa: ARG001 - loaders share one signature
    return LoadedText(text=decode_text(data))
