"""Builders for test documents in every supported format (real files, made on the fly)."""

from __future__ import annotations

from fpdf import FPDF

ARTICLE_PARAGRAPHS = [
    "The harbour authority approved a new container terminal on Tuesday after a two-year review.",
    "The terminal will add 40 berths and is expected to handle three million containers a year.",
    "Local fishing groups opposed the plan, saying dredging would damage spawning grounds.",
    "Construction is due to begin in the spring and finish within four years, officials said.",
]


def news_html(title: str = "Harbour terminal approved", body: list[str] | None = None) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (body or ARTICLE_PARAGRAPHS))
    return (
        "<!doctype html><html><head>"
        f"<title>{title} | Example News</title>"
        f'<meta property="og:title" content="{title}">'
        '<meta name="author" content="Jane Reporter">'
        '<meta property="article:published_time" content="2025-01-14">'
        '<link rel="canonical" href="https://news.example.com/harbour-terminal">'
        "</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer>"
        "</body></html>"
    )


def text_pdf(lines: list[str] | None = None, title: str = "Harbour terminal approved") -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("Jane Reporter")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines or ARTICLE_PARAGRAPHS:
        pdf.multi_cell(0, 6, _latin1(line))
        pdf.ln(2)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    """A valid PDF with a page but no text layer, like a scan."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    """The PDF core fonts only cover Latin-1: use plain quotes and dashes."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")
