"""HTML news pages: article text and metadata extracted by trafilatura (built for news)."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import DocumentRejected
from index.document import LoadedText
from index.loaders.decode import decode_text

# trafilatura falls back to menus and footers when a page has no article; a body is more than that.
MIN_BODY_WORDS = 12


def load(data: bytes, path: Path) -> LoadedText:  # noqa: ARG001 - loaders share one signature
    import trafilatura  # slow to import; only when an HTML file is met

    html = decode_text(data)
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise DocumentRejected(f"unreadable HTML ({type(exc).__name__})") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.split()) < MIN_BODY_WORDS:
        raise DocumentRejected("no article body found in the HTML page")
    return LoadedText(
        text=text.replace("\r\n", "\n"),
        title=_clean(getattr(extracted, "title", None)),
        author=_clean(getattr(extracted, "author", None)),
        published=_clean(getattr(extracted, "date", None)),
        url=_clean(getattr(extracted, "url", None)),
        source=_clean(getattr(extracted, "sitename", None)),
    )


def _clean(value: object) -> str | None:
    return str(value).strip() or None if value else None
