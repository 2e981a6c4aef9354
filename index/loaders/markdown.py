"""Markdown articles with optional YAML front matter (title, author, published, url, source)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import DocumentRejected
from index.document import LoadedText
from index.loaders.decode import decode_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def load(data: bytes, path: Path) -> LoadedText:  # noqa: ARG001 - loaders share one signature
    text = decode_text(data)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            parsed = yaml.safe_load(match.group(1) or "")
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" (line {line + 2})" if line is not None else ""
            raise DocumentRejected(f"malformed YAML front matter{where}") from None
        if parsed is not None and not isinstance(parsed, dict):
            raise DocumentRejected("front matter is not a mapping of keys to values")
        meta = parsed or {}
        text = text[match.end() :]
    if not text.strip():
        raise DocumentRejected("no article text after the front matter")
    title = _string(meta.get("title"))
    if title is None:
        heading = _HEADING.search(text)
        title = heading.group(1) if heading else None
    return LoadedText(
        text=text,
        title=title,
        author=_string(meta.get("author") or meta.get("authors")),
        published=_string(meta.get("published") or meta.get("date")),
        url=_string(meta.get("url")),
        source=_string(meta.get("source")),
    )


def _string(value: object) -> str | None:
    """Front matter values may be dates, lists or numbers; store them as readable strings."""
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value).strip() or None
