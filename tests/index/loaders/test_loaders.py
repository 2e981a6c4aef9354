"""Each format loader extracts the article text and metadata, and refuses bad files in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentRejected, UnsupportedFormat
from index.loaders import loader_for
from tests.index.loaders.documents import ARTICLE_PARAGRAPHS, blank_pdf, news_html, text_pdf


def load(name: str, data: bytes):  # type: ignore[no-untyped-def]
    path = Path(name)
    return loader_for(path)(data, path)


def test_txt_keeps_the_text_as_written() -> None:
    loaded = load("a.txt", "Line one.\r\nLine two — ünïcode.\n".encode())
    assert loaded.text == "Line one.\nLine two — ünïcode.\n"


def test_txt_accepts_a_byte_order_mark() -> None:
    assert load("a.txt", b"\xef\xbb\xbfHello world.").text == "Hello world."


def test_markdown_front_matter_becomes_metadata() -> None:
    data = (
        b"---\ntitle: Wind farm opens\nauthor: [Ann, Bo]\npublished: 2025-02-03\n"
        b"url: https://example.com/wind\nsource: Example Wire\n---\nBody text here.\n"
    )
    loaded = load("a.md", data)
    assert loaded.text == "Body text here.\n"
    assert (loaded.title, loaded.author, loaded.published) == (
        "Wind farm opens",
        "Ann, Bo",
        "2025-02-03",
    )
    assert (loaded.url, loaded.source) == ("https://example.com/wind", "Example Wire")


def test_markdown_without_front_matter_takes_its_heading_as_title() -> None:
    loaded = load("a.md", b"# Big news\n\nSomething happened today.\n")
    assert loaded.title == "Big news"
    assert loaded.text.startswith("# Big news")


def test_markdown_with_broken_front_matter_is_refused() -> None:
    with pytest.raises(DocumentRejected, match="front matter"):
        load("a.md", b"---\ntitle: [unclosed\n---\nBody.\n")


def test_html_extracts_the_article_not_the_navigation() -> None:
    loaded = load("a.html", news_html().encode())
    assert ARTICLE_PARAGRAPHS[1] in loaded.text
    assert "Sport" not in loaded.text
    assert "All rights reserved" not in loaded.text
    assert loaded.title == "Harbour terminal approved"
    assert loaded.author == "Jane Reporter"
    assert loaded.published == "2025-01-14"
    assert loaded.url == "https://news.example.com/harbour-terminal"


def test_html_page_without_an_article_body_is_refused() -> None:
    page = (
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(DocumentRejected, match="no article body"):
        load("a.html", page)


def test_pdf_text_layer_and_metadata_are_read() -> None:
    loaded = load("a.pdf", text_pdf())
    assert "40 berths" in loaded.text
    assert loaded.title == "Harbour terminal approved"
    assert loaded.author == "Jane Reporter"


def test_pdf_without_a_text_layer_is_refused() -> None:
    with pytest.raises(DocumentRejected, match="no text layer"):
        load("a.pdf", blank_pdf())


@pytest.mark.parametrize(
    "data", [b"not a pdf at all", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", b"%PDF-"]
)
def test_malformed_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentRejected, match="PDF"):
        load("a.pdf", data)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "empty file"),
        ("a.txt", b"  \n\t \n", "only whitespace"),
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("a.txt", bytes(range(1, 32)) * 20, "binary"),
        ("a.txt", b"caf\xe9 au lait", "not valid UTF-8"),
        ("a.md", b"", "empty file"),
        ("a.html", b"\xff\xfe\x00<\x00h", "binary"),
        ("a.pdf", b"", "empty file"),
    ],
)
def test_bad_files_get_a_one_line_reason(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(DocumentRejected, match=reason) as caught:
        load(name, data)
    assert "\n" not in str(caught.value)


def test_unknown_extension_names_the_supported_ones() -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.docx.*\.pdf"):
        loader_for(Path("report.docx"))
