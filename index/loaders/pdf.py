"""PDF articles: the text layer of every page, via pypdf."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.errors import DocumentRejected
from index.document import LoadedText

MAX_PAGES = 2000


def load(data: bytes, path: Path) -> LoadedText:  # noqa: ARG001 - loaders share one signature
    if not data.strip():
        raise DocumentRejected("empty file")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentRejected("malformed PDF (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) > MAX_PAGES:
            raise DocumentRejected(
                f"PDF has {len(reader.pages):,} pages; the limit is {MAX_PAGES:,}"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except DocumentRejected:
        raise
    except LimitReachedError:
        # pypdf stops inflating a stream at 75 MB: a compression bomb, or absurdly large content.
        raise DocumentRejected("PDF content expands past the decompression limit") from None
    except Exception as exc:  # pypdf raises many error types for damaged files
        raise DocumentRejected(f"malformed PDF ({type(exc).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise DocumentRejected("PDF has no text layer (scanned image?); nothing to index")
    title = author = None
    if info is not None:
        title = (info.title or "").strip() or None
        author = (info.author or "").strip() or None
    return LoadedText(text=text, title=title, author=author)
