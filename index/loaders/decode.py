"""Turning raw bytes of a text format into clean text, refusing what is not text."""

from __future__ import annotations

from assistant.errors import DocumentRejected


def decode_text(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed), newlines normalised; empty, binary or undecodable is refused."""
    if not data.strip():
        raise DocumentRejected("empty file" if not data else "file holds only whitespace")
    if b"\x00" in data[:8192]:
        raise DocumentRejected("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():  # Unicode spaces (U+2028, U+3000, ...) that bytes.strip() keeps
        raise DocumentRejected("file holds only whitespace")
    if not _mostly_printable(text):
        raise DocumentRejected("binary content (mostly control characters), not text")
    return text


def _mostly_printable(text: str) -> bool:
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return control <= len(sample) * 0.05
