"""One corpus file → a SourceDocument: size limit, format loader, side-file metadata, stable id."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import DocumentRejected
from index.discover import FoundFile, sidecar_for
from index.document import LoadedText, SourceDocument
from index.loaders import loader_for

_META_KEYS = ("title", "author", "published", "url", "source")


def read_document(found: FoundFile, *, max_bytes: int) -> SourceDocument:
    """Load and describe one file; raises IngestError subclasses with a one-line reason."""
    loader = loader_for(found.path)
    data = read_bounded(found.path, max_bytes)
    loaded = loader(data, found.path)
    meta = _merge(loaded, _read_sidecar(found.path))
    url = meta.get("url")
    return SourceDocument(
        doc_id=url or found.relative_id,
        text=loaded.text,
        title=meta.get("title") or _title_from_name(found.path),
        source=meta.get("source") or url or found.relative_id,
        path=str(found.path),
        author=meta.get("author"),
        published=meta.get("published"),
        url=url,
    )


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """Read at most `max_bytes`; larger files are refused before they fill memory."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise DocumentRejected("not a regular file")
    if info.st_size > max_bytes:
        raise DocumentRejected(f"file is {info.st_size:,} bytes; the limit is {max_bytes:,}")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentRejected(f"file grew past the {max_bytes:,}-byte limit while reading")
    return data


def _merge(loaded: LoadedText, sidecar: dict[str, str]) -> dict[str, str]:
    meta = {key: getattr(loaded, key) for key in _META_KEYS if getattr(loaded, key)}
    meta.update(sidecar)
    return meta


def _read_sidecar(path: Path) -> dict[str, str]:
    side = sidecar_for(path)
    if not side.is_file():
        return {}
    try:
        parsed: Any = yaml.safe_load(side.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise DocumentRejected(f"malformed metadata file {side.name}") from None
    if not isinstance(parsed, dict):
        raise DocumentRejected(f"metadata file {side.name} is not a mapping")
    return {key: str(parsed[key]).strip() for key in _META_KEYS if parsed.get(key)}


def _title_from_name(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else path.name
