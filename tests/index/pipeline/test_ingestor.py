"""Ingestion: added/updated/unchanged/removed/skipped, idempotent, nothing lost on bad input."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.container import Container
from tests.conftest import SEED_DOC_ID, STORE_MODES
from tests.index.loaders.documents import news_html, text_pdf

pytestmark = pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)


def chunk_ids(container: Container) -> set[str]:
    return set(container.store._chunks.get(include=[])["ids"])


def test_first_ingest_adds_every_document(container: Container, corpus: Path) -> None:
    report = container.ingestor.ingest([corpus])
    assert sorted(report.added) == [SEED_DOC_ID, "wind-farm.md"]
    assert report.skipped == []
    assert container.store.document_count() == 2
    assert container.store.chunk_count() == report.chunks_embedded > 2


def test_second_ingest_of_an_unchanged_corpus_embeds_nothing(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    before = chunk_ids(container)
    began = time.perf_counter()
    report = container.ingestor.ingest([corpus])
    elapsed = time.perf_counter() - began
    assert report.chunks_embedded == 0
    assert sorted(report.unchanged) == [SEED_DOC_ID, "wind-farm.md"]
    assert chunk_ids(container) == before
    assert elapsed < 1.0


def test_changed_document_has_its_old_chunks_replaced(container: Container, corpus: Path) -> None:
    container.ingestor.ingest([corpus])
    old = {i for i in chunk_ids(container) if i.startswith("wind-farm.md#")}
    article = corpus / "wind-farm.md"
    article.write_text(article.read_text().replace("277 turbines", "280 turbines"))
    report = container.ingestor.ingest([corpus])
    assert report.updated == ["wind-farm.md"]
    assert report.unchanged == [SEED_DOC_ID]
    new = {i for i in chunk_ids(container) if i.startswith("wind-farm.md#")}
    assert new
    assert not (new & old)
    stored = container.store.get_documents(["wind-farm.md"])["wind-farm.md"]
    assert "280 turbines" in stored.text


def test_prune_removes_only_documents_gone_from_the_named_paths(
    container: Container, corpus: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text("An unrelated article about river barges and locks.")
    container.ingestor.ingest([corpus, elsewhere])
    (corpus / "wind-farm.md").unlink()
    kept = container.ingestor.ingest([corpus])
    assert kept.removed == []
    assert container.store.document_count() == 3
    pruned = container.ingestor.ingest([corpus], prune=True)
    assert pruned.removed == ["wind-farm.md"]
    assert set(container.store.document_hashes()) == {SEED_DOC_ID, "other.txt"}
    assert not any(i.startswith("wind-farm.md#") for i in chunk_ids(container))


def test_bad_files_are_skipped_with_reasons_and_the_rest_ingests(
    container: Container, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (corpus / "latin1.txt").write_bytes(b"caf\xe9 au lait")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    (corpus / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    (corpus / "harbour.html").write_text(news_html())
    (corpus / "harbour.pdf").write_bytes(text_pdf(title="Harbour PDF"))
    report = container.ingestor.ingest([corpus, tmp_path / "no-such-folder"])
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary content (NUL bytes), not text",
        "latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
        "broken.pdf": reasons["broken.pdf"],
        "menu.html": "no article body found in the HTML page",
        "notes.docx": reasons["notes.docx"],
        "no-such-folder": "path does not exist",
    }
    assert reasons["broken.pdf"].startswith("malformed PDF")
    assert reasons["notes.docx"].startswith("unsupported format .docx")
    assert sorted(report.added) == sorted(
        [SEED_DOC_ID, "https://news.example.com/harbour-terminal", "harbour.pdf", "wind-farm.md"]
    )
    assert not report.ok


def test_a_corrupted_file_keeps_its_last_good_version_indexed(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    before = chunk_ids(container)
    (corpus / "wind-farm.md").write_bytes(b"\x00\x01\x02 binary now")
    report = container.ingestor.ingest([corpus], prune=True)
    assert [Path(s.path).name for s in report.skipped] == ["wind-farm.md"]
    assert report.removed == []
    assert chunk_ids(container) == before


def test_files_over_the_size_limit_are_refused_before_reading(
    make_container: Callable[..., Container], corpus: Path
) -> None:
    small = make_container(max_document_bytes=1000)
    report = small.ingestor.ingest([corpus])
    assert report.added == ["wind-farm.md"]
    assert (
        report.skipped[0].reason
        == f"file is {len((corpus / SEED_DOC_ID).read_bytes()):,} bytes; the limit is 1,000"
    )


def test_two_files_with_the_same_url_index_once(container: Container, tmp_path: Path) -> None:
    folder = tmp_path / "dupes"
    folder.mkdir()
    for name in ("a.html", "b.html"):
        (folder / name).write_text(news_html())
    report = container.ingestor.ingest([folder])
    assert report.added == ["https://news.example.com/harbour-terminal"]
    assert "same document id" in report.skipped[0].reason


def test_side_file_metadata_is_used_and_not_reported_as_skipped(
    container: Container, tmp_path: Path
) -> None:
    folder = tmp_path / "side"
    folder.mkdir()
    (folder / "story.txt").write_text("Rainfall in March was twice the long-term average.")
    (folder / "story.meta.yaml").write_text("title: A wet March\nsource: Met Desk\n")
    report = container.ingestor.ingest([folder])
    assert report.added == ["story.txt"]
    assert report.skipped == []
    stored = container.store.get_documents(["story.txt"])["story.txt"]
    assert (stored.title, stored.source) == ("A wet March", "Met Desk")
