"""Hybrid retrieval on a small real corpus: fused, committed only, duplicates once, filtered."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.ask.retrieval.base import SearchScope
from assistant.ask.retrieval.bm25 import BM25Retriever
from assistant.ask.retrieval.hybrid import HybridRetriever
from assistant.ask.retrieval.modes import build_retriever
from assistant.ask.retrieval.vector import VectorRetriever
from assistant.container import Container, build_container
from index.chunk_filter import ChunkFilter
from index.store import open_client
from tests.conftest import make_settings

WIND_BODY = (
    "The Dogger Bank wind farm began supplying power on Monday.\n\n"
    "Its 277 turbines can power six million homes, the operator said.\n"
)


@pytest.fixture
def news(container: Container, corpus: Path) -> Container:
    """The seed corpus plus a syndicated copy of the wind-farm story and two unrelated ones."""
    (corpus / "wind-farm-syndicated.md").write_text(
        "---\ntitle: Wind farm in the North Sea opens\nsource: Other Paper\n"
        f"published: 2025-02-04\n---\n{WIND_BODY}",
        encoding="utf-8",
    )
    (corpus / "river.md").write_text(
        "---\ntitle: Barges return to the river\nsource: River News\npublished: 2024-06-01\n---\n"
        "Grain barges passed the Zorblax lock for the first time since the drought.\n",
        encoding="utf-8",
    )
    (corpus / "bakery.md").write_text(
        "---\ntitle: Village bakery reopens\nsource: River News\npublished: 2025-03-10\n---\n"
        "The bakery sold four hundred loaves of rye bread on its first morning.\n",
        encoding="utf-8",
    )
    container.ingestor.ingest([corpus])
    return container


def hybrid(container: Container, **overrides: object) -> HybridRetriever:
    settings = make_settings(container.settings.data_dir, **overrides)
    retriever = build_retriever(
        "hybrid", settings, container.store, container.embedder, container.lexical
    )
    assert isinstance(retriever, HybridRetriever)
    return retriever


def doc_ids(retriever: HybridRetriever | BM25Retriever, query: str, top_k: int) -> list[str]:
    return [str(n.node.metadata["doc_id"]) for n in retriever.search(query, top_k)]


def test_a_rare_word_only_bm25_knows_wins_the_fused_ranking(news: Container) -> None:
    assert doc_ids(hybrid(news), "Zorblax", 3)[0] == "river.md"


def test_a_syndicated_copy_counts_once(news: Container) -> None:
    found = doc_ids(hybrid(news), "Dogger Bank turbines power six million homes", 10)
    copies = [d for d in found if d in {"wind-farm.md", "wind-farm-syndicated.md"}]
    assert len(copies) == 1
    plain = VectorRetriever(news.store, news.embedder, top_k=10).search("Dogger Bank turbines", 10)
    assert {"wind-farm.md", "wind-farm-syndicated.md"} <= {
        str(n.node.metadata["doc_id"]) for n in plain
    }, "without de-duplication both copies are there"


def test_both_fusions_return_chunks_best_first_with_offsets(news: Container) -> None:
    for fusion in ("rrf", "weighted"):
        nodes = hybrid(news, retrieval_fusion=fusion).search("rye bread loaves", 3)
        assert nodes[0].node.metadata["doc_id"] == "bakery.md"
        scores = [n.score or 0.0 for n in nodes]
        assert scores == sorted(scores, reverse=True)
        text = nodes[0].node.get_content()
        meta = nodes[0].node.metadata
        stored = news.store.get_documents(["bakery.md"])["bakery.md"].text
        assert stored[int(meta["start"]) : int(meta["end"])] == text


def test_source_and_date_filters_apply_to_both_retrievers(news: Container) -> None:
    settings = make_settings(news.settings.data_dir)
    river = ChunkFilter(sources=frozenset({"River News"}))
    by_source = build_retriever(
        "hybrid", settings, news.store, news.embedder, news.lexical, where=river
    )
    found = by_source.search("wind turbines power homes", 10)
    assert found
    assert {n.node.metadata["source"] for n in found} == {"River News"}

    before_copy = ChunkFilter(published_from="2025-02-01", published_to="2025-02-03")
    by_date = build_retriever(
        "hybrid", settings, news.store, news.embedder, news.lexical, where=before_copy
    )
    assert {n.node.metadata["doc_id"] for n in by_date.search("wind farm", 10)} == {"wind-farm.md"}


def test_chunks_of_an_uncommitted_document_are_never_returned(news: Container) -> None:
    # What a crash between writing chunks and writing the document record leaves behind.
    raw = open_client(news.settings.chroma_path).get_collection("articles")
    text = "Ghost turbines of Zorblax power six million homes."
    raw.upsert(
        ids=["ghost.md#0000#0"],
        embeddings=[news.embedder.embed([text])[0].tolist()],
        documents=[text],
        metadatas=[{"doc_id": "ghost.md", "content_hash": "0000", "start": 0, "end": len(text)}],
    )
    assert "ghost.md#0000#0" in news.lexical.chunk_ids(), "BM25 mirrors Chroma, ghost included"
    bm25 = BM25Retriever(news.store, news.lexical, top_k=5)
    for retriever in (hybrid(news), bm25):
        found = doc_ids(retriever, "Ghost turbines Zorblax", 5)
        assert found
        assert "ghost.md" not in found


def test_the_mode_setting_picks_the_retriever(tmp_path: Path) -> None:
    assert make_settings(tmp_path).retrieval_mode == "hybrid"
    for mode, kind in (("vector", VectorRetriever), ("bm25", BM25Retriever)):
        built = build_container(make_settings(tmp_path / mode, retrieval_mode=mode))
        assert isinstance(built.engine._retriever, kind)


def test_an_empty_store_finds_nothing(container: Container) -> None:
    assert hybrid(container).search("wind farm", 5) == []


def bm25_threads(excluding: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("bm25") and t not in excluding]


def test_a_retriever_given_no_pool_makes_its_own_and_close_stops_it(news: Container) -> None:
    before = set(threading.enumerate())
    retriever = hybrid(news)
    assert doc_ids(retriever, "Zorblax", 3)[0] == "river.md"
    started = bm25_threads(before)
    assert started
    retriever.close()
    retriever.close()
    assert not any(t.is_alive() for t in started)


def test_a_pool_it_was_given_stays_its_givers(news: Container) -> None:
    settings = make_settings(news.settings.data_dir)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="given") as pool:
        retriever = build_retriever(
            "hybrid", settings, news.store, news.embedder, news.lexical, lexical_leg=pool
        )
        assert isinstance(retriever, HybridRetriever)
        before = set(threading.enumerate())
        assert doc_ids(retriever, "Zorblax", 3)[0] == "river.md"
        assert not bm25_threads(before), "BM25 ran on the given pool"
        retriever.close()
        assert pool.submit(lambda: "still open").result() == "still open"


@pytest.mark.parametrize("few_kept", [0.0, 1.0], ids=["filtered-here", "filtered-by-chroma"])
def test_a_filtered_search_returns_what_it_allows_however_the_filter_is_applied(
    news: Container, few_kept: float
) -> None:
    """A broad filter is applied to a deeper list here, a narrow one by Chroma: same result."""
    settings = make_settings(news.settings.data_dir)
    retriever = HybridRetriever(
        news.store, news.embedder, news.lexical, top_k=5, candidates=20, fusion="weighted",
        vector_weight=settings.retrieval_vector_weight, rrf_k=60.0, few_kept=few_kept,
    )  # fmt: skip
    try:
        as_of_january = ChunkFilter(not_after="2025-01-31")  # the wind farm opened in February
        found = retriever.search("wind turbines power homes", 5, SearchScope(where=as_of_january))
        docs = {n.node.metadata["doc_id"] for n in found}
        assert docs
        assert not docs & {"wind-farm.md", "wind-farm-syndicated.md", "bakery.md"}
        river = SearchScope(where=ChunkFilter(sources=frozenset({"river news"})))
        found = retriever.search("grain barges on the river", 5, river)
        assert found[0].node.metadata["doc_id"] == "river.md"
        assert {n.node.metadata["source"] for n in found} == {"River News"}
    finally:
        retriever.close()
