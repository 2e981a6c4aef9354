"""Format loaders, one module per format, found by file extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import UnsupportedFormat
from index.document import LoadedText
from index.loaders import html, markdown, pdf, txt

Loader = Callable[[bytes, Path], LoadedText]

LOADERS: dict[str, Loader] = {
    ".txt": txt.load,
    ".text": txt.load,
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".html": html.load,
    ".htm": html.load,
    ".pdf": pdf.load,
}


def loader_for(path: Path) -> Loader:
    """The loader for `path`'s extension, or UnsupportedFormat naming what is supported."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        supported = ", ".join(sorted(LOADERS))
        suffix = path.suffix or "(no extension)"
        raise UnsupportedFormat(f"unsupported format {suffix} (supported: {supported})")
    return loader
