"""BM25 mode: word matches from the lexical index, read back from Chroma with their offsets."""

from __future__ import annotations

from pathlib import Path

from assistant.ask.retrieval.bm25 import BM25Retriever
from assistant.container import Container
from index.chunk_filter import ChunkFilter
from tests.conftest import SEED_DOC_ID


def test_word_matches_come_back_as_stored_chunks_best_first(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    nodes = BM25Retriever(container.store, container.lexical, top_k=3).search("turbines homes", 3)
    assert nodes[0].node.metadata["doc_id"] == "wind-farm.md"
    scores = [n.score or 0.0 for n in nodes]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
    stored = container.store.get_documents(["wind-farm.md"])["wind-farm.md"].text
    meta = nodes[0].node.metadata
    assert stored[int(meta["start"]) : int(meta["end"])] == nodes[0].node.get_content()


def test_a_source_filter_keeps_other_sources_out(container: Container, corpus: Path) -> None:
    container.ingestor.ingest([corpus])
    only_seed = ChunkFilter(sources=frozenset({SEED_DOC_ID}))  # no side file: source is the id
    retriever = BM25Retriever(container.store, container.lexical, top_k=5, where=only_seed)
    found = retriever.search("campaign turbines", 5)
    assert found
    assert {n.node.metadata["doc_id"] for n in found} == {SEED_DOC_ID}
