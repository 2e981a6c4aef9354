"""Benchmark corpora: BEIR records become our documents; shares nest; samples keep the judged."""

from __future__ import annotations

from pathlib import Path

from evals.beir_dataset import load_beir
from evals.retrieval.corpus import documents, sample_corpus, source_document
from tests.evals.beir_files import write_beir


def test_news_metadata_becomes_source_date_and_url(tmp_path: Path) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    news = source_document(data.corpus[3], data.name)
    assert (news.doc_id, news.source, news.published) == ("d4", "example.com", "2025-01-02")
    assert news.url == "https://www.example.com/a"
    plain = source_document(data.corpus[0], data.name)
    assert (plain.doc_id, plain.source, plain.published, plain.url) == ("d1", "tiny", None, None)


def test_a_sample_keeps_judged_documents_and_is_the_same_every_time(tmp_path: Path) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    sample = sample_corpus(data, 3)
    kept = [d.doc_id for d in sample.corpus]
    assert len(kept) == 3
    assert {"d1", "d2"} <= set(kept)  # relevant to q1 and q2; d3 is judged 0, a distractor
    assert kept == [d.doc_id for d in sample_corpus(data, 3).corpus]
    assert [d.doc_id for d in sample_corpus(data, 1).corpus] == ["d1", "d2"]


def test_a_share_is_the_leading_part_of_the_corpus_so_shares_nest(tmp_path: Path) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    assert [d.doc_id for d in documents(data)] == ["d1", "d2", "d3", "d4"]
    assert [d.doc_id for d in documents(data, 0.5)] == ["d1", "d2"]
    assert [d.doc_id for d in documents(data, 0.01)] == ["d1"]  # never empty
