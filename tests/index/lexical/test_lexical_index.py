"""The BM25 index never disagrees with Chroma about which chunks exist, across ingests and workers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from assistant.container import Container, build_container
from index.chunk_filter import ChunkFilter
from index.lexical import LexicalIndex
from index.store import open_client
from tests.conftest import SEED_DOC_ID, make_settings


def chroma_chunk_ids(container: Container) -> frozenset[str]:
    return frozenset(container.store._chunks.get(include=[])["ids"])


def test_ingest_keeps_the_index_equal_to_chroma_through_add_update_and_prune(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    assert len(container.lexical.chunk_ids()) > 2

    article = corpus / "wind-farm.md"
    article.write_text(article.read_text().replace("277 turbines", "280 offshore turbines"))
    container.ingestor.ingest([corpus])
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    hit = container.lexical.search("offshore turbines", 1)[0]
    assert hit.doc_id == "wind-farm.md"
    assert hit.chunk_id in chroma_chunk_ids(container)

    article.unlink()
    container.ingestor.ingest([corpus], prune=True)
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    assert container.lexical.search("offshore turbines", 5) == []


def test_a_change_made_by_another_worker_is_picked_up_on_the_next_search(
    container: Container, corpus: Path, tmp_path: Path
) -> None:
    container.ingestor.ingest([corpus])
    assert container.lexical.search("Dogger Bank", 3)
    # A second worker: its own process objects on the same Chroma folder, its own BM25 copy.
    other = build_container(make_settings(container.settings.data_dir))
    other.store.delete_document("wind-farm.md")
    assert container.lexical.search("Dogger Bank", 3) == []
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)


def test_a_new_process_opens_the_index_on_disk_instead_of_catching_up(
    container: Container, corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    container.ingestor.ingest([corpus])
    with caplog.at_level(logging.DEBUG, logger="index.lexical"):  # even a catch-up of nothing
        reopened = LexicalIndex(container.store, container.settings.lexical_path, title_weight=1)
        assert reopened.chunk_ids() == chroma_chunk_ids(container)
        assert "caught up" not in caplog.text  # opened as committed, nothing read back
        # Another title weight is another index: rebuilt, never mixed with the one on disk.
        retuned = LexicalIndex(container.store, container.settings.lexical_path, title_weight=2)
        assert retuned.chunk_ids() == chroma_chunk_ids(container)
        assert "caught up" in caplog.text


def test_a_change_made_through_another_worker_needs_no_catching_up(
    container: Container, corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    container.ingestor.ingest([corpus])
    assert container.lexical.search("Dogger Bank", 3)
    other = build_container(make_settings(container.settings.data_dir))
    with caplog.at_level(logging.DEBUG, logger="index.lexical"):  # even a catch-up of nothing
        other.ingestor.delete("wind-farm.md")
        assert container.lexical.search("Dogger Bank", 3) == []  # the other's commit, reloaded
    assert "caught up" not in caplog.text
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)


def test_an_index_kept_in_step_by_ingests_ranks_as_one_built_from_chroma(
    container: Container, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "rail.md").write_text("# Night trains\n\nSleeper trains return to Vienna.\n")
    container.ingestor.ingest([corpus])
    article = corpus / "wind-farm.md"
    article.write_text(article.read_text().replace("277 turbines", "280 offshore turbines"))
    container.ingestor.ingest([corpus])
    (corpus / "rail.md").unlink()
    container.ingestor.ingest([corpus], prune=True)
    # Built from scratch by reading every chunk back from Chroma, nothing learned.
    cold = LexicalIndex(container.store, tmp_path / "cold", title_weight=1)
    for query in ("offshore turbines", "Baogang reform tasks", "Dogger Bank wind", "trains"):
        learned, built = container.lexical.search(query, 8), cold.search(query, 8)
        assert [h.chunk_id for h in learned] == [h.chunk_id for h in built]
        # Scores may differ: deleted chunks count in term statistics until their segment
        # merges (as in Lucene), which among six chunks is a large share.
    ids = sorted(cold.chunk_ids())
    assert ids == sorted(container.lexical.chunk_ids())
    kept, read = container.lexical.signatures(ids), cold.signatures(ids)
    assert all((kept[cid] == read[cid]).all() for cid in ids)


def test_a_change_the_index_missed_is_caught_up_by_reading_only_the_missing_chunks(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    raw = open_client(container.settings.chroma_path).get_collection("articles")
    learned = raw.get(where={"doc_id": "wind-farm.md"}, include=["metadatas"])
    # Behind the index's back: rewrite a chunk's text (an ingest never does: a chunk id names one
    # text), add a chunk the index has never seen and delete two it has.
    meta = dict(learned["metadatas"][0]) | {"text": "zeppelin"}
    raw.update(ids=[learned["ids"][0]], metadatas=[meta])
    raw.upsert(
        ids=["unseen#1"],
        embeddings=[[0.1] * 384],
        metadatas=[{"doc_id": "unseen", "content_hash": "x", "text": "zeppelin hangar"}],
    )
    gone = raw.get(where={"doc_id": SEED_DOC_ID}, include=[])["ids"][:2]
    raw.delete(ids=gone)  # the count moves, so the store's fingerprint does
    hits = container.lexical.search("zeppelin", 5)
    assert [h.chunk_id for h in hits] == ["unseen#1"]  # read; the learned chunk was not
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    assert not set(gone) & container.lexical.chunk_ids()


def test_a_damaged_index_on_disk_is_rebuilt_from_chroma(container: Container, corpus: Path) -> None:
    container.ingestor.ingest([corpus])
    (container.settings.lexical_path / "tantivy" / "meta.json").write_text("{not json")
    fresh = LexicalIndex(container.store, container.settings.lexical_path, title_weight=1)
    assert fresh.chunk_ids() == chroma_chunk_ids(container)
    assert fresh.search("Dogger Bank", 1)[0].doc_id == "wind-farm.md"


def test_search_stems_drops_stop_words_and_honours_filters(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    lexical = container.lexical
    assert lexical.search("the of and", 5) == []
    assert lexical.search("supplies", 1)[0].doc_id == "wind-farm.md"  # "supplying", stemmed
    wire = ChunkFilter(sources=frozenset({"Example Wire"}))
    assert {h.doc_id for h in lexical.search("campaign turbines", 10, where=wire)} == {
        "wind-farm.md"
    }
    early = ChunkFilter(published_to="2025-01-31")
    assert lexical.search("turbines", 10, where=early) == []
    feb = ChunkFilter(published_from="2025-02-01", published_to="2025-02-03")
    assert lexical.search("turbines", 10, where=feb)[0].doc_id == "wind-farm.md"
    split = lexical.document_split(feb)
    assert (split.kept, split.left_out) == ({"wind-farm.md"}, {SEED_DOC_ID})
    any_case = ChunkFilter(sources=frozenset({"example WIRE"}))
    assert {h.doc_id for h in lexical.search("campaign turbines", 10, where=any_case)} == {
        "wind-farm.md"
    }
    # The as-of day leaves out what was published later and keeps what has no date.
    before_feb = ChunkFilter(not_after="2025-01-31")
    split = lexical.document_split(before_feb)
    assert (split.kept, split.left_out) == ({SEED_DOC_ID}, {"wind-farm.md"})
    assert lexical.sources() == sorted({"Example Wire", SEED_DOC_ID})


def test_an_empty_store_has_an_empty_index(container: Container) -> None:
    assert container.lexical.chunk_ids() == frozenset()
    assert container.lexical.search("anything", 5) == []


def write_bulk_chunks(container: Container, count: int) -> None:
    """Chunks written straight into Chroma (no embedding needed), more than one page of reads."""
    raw = open_client(container.settings.chroma_path).get_collection("articles")
    rng = np.random.default_rng(0)
    for begin in range(0, count, 1000):
        ids = [f"bulk#{i:05d}" for i in range(begin, min(count, begin + 1000))]
        raw.upsert(
            ids=ids,
            embeddings=rng.random((len(ids), 384)).tolist(),
            metadatas=[{"doc_id": "bulk", "content_hash": "x", "text": f"bulk {i}"} for i in ids],
        )


def test_a_collection_larger_than_one_read_page_is_indexed_whole(container: Container) -> None:
    write_bulk_chunks(container, 5003)
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    assert len(container.lexical.chunk_ids()) == 5003


def test_more_missed_chunks_than_one_read_page_are_all_read_after_an_ingest(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])  # in step: catching up reads only the rest
    write_bulk_chunks(container, 5003)
    assert container.lexical.chunk_ids() == chroma_chunk_ids(container)
    assert container.lexical.search("bulk", 1)[0].doc_id == "bulk"
