"""Benchmark corpora: BEIR records become our documents; samples keep every judged document."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import StoreError
from assistant.settings import Settings
from evals.beir_dataset import load_beir
from evals.retrieval.corpus import bench_settings, exclusive, sample_corpus, source_document
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


def test_each_chunking_and_sample_gets_its_own_collection(tmp_path: Path) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    base = Settings(data_dir=tmp_path / "var")
    full = bench_settings(base, data)
    assert full.data_dir == tmp_path / "var" / "bench" / "tiny"
    assert full.collection == "beir-c200-o32"
    assert bench_settings(base, data, sample=500).collection == "beir-c200-o32-n500"
    small = Settings(data_dir=tmp_path / "var", chunk_tokens=120)
    assert bench_settings(small, data).collection == "beir-c120-o32"


def test_one_benchmark_at_a_time_per_folder(tmp_path: Path) -> None:
    with exclusive(tmp_path / "bench"):
        with (
            pytest.raises(StoreError, match="another benchmark is using"),
            exclusive(tmp_path / "bench"),
        ):
            pass
        with exclusive(tmp_path / "other"):
            pass  # another dataset's folder is free
    with exclusive(tmp_path / "bench"):
        pass  # released
