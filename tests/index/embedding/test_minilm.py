"""The ONNX int8 embedder reproduces the fp32 sentence-transformers model's vectors, whether it
embeds one call at a time or a stream of groups."""

from __future__ import annotations

import json
import queue
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.embedding import MiniLMEmbedding
from index.embedding.embed_stream import _BULK_AFTER_BATCHES
from tests.index.counting_runtime import quick_and_bulk

REFERENCE = json.loads((Path(__file__).parent / "reference_vectors.json").read_text())


def test_vectors_match_the_fp32_reference(embedder: MiniLMEmbedding) -> None:
    ours = embedder.embed(REFERENCE["texts"])
    reference = np.array(REFERENCE["vectors"], dtype=np.float32)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.99, cosines


def test_vectors_are_unit_length_and_384_wide(embedder: MiniLMEmbedding) -> None:
    vectors = embedder.embed(["short", "a somewhat longer sentence about steel output"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_length_sorted_batches_return_vectors_in_input_order(embedder: MiniLMEmbedding) -> None:
    texts = ["x " * n + "end" for n in (50, 1, 20, 3, 80)]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_long_text_is_truncated_not_refused(embedder: MiniLMEmbedding) -> None:
    assert embedder.embed(["word " * 2000]).shape == (1, 384)


def test_it_is_a_llama_index_embedding(embedder: MiniLMEmbedding) -> None:
    assert isinstance(embedder, BaseEmbedding)
    query = embedder.get_query_embedding("How many action points?")
    text = embedder.get_text_embedding("The campaign has 58 action points.")
    assert len(query) == 384
    assert float(np.dot(query, text)) > 0.5


def test_span_vectors_come_from_the_same_pass_as_the_text_vector(
    embedder: MiniLMEmbedding,
) -> None:
    text = "Steel output rose by a tenth. The harbour opened a new berth for container ships."
    cut = text.index(" The") + 1
    vectors, spans = embedder.embed_with_spans([text], [[(0, cut - 1), (cut, len(text))]])
    assert np.allclose(vectors, embedder.embed([text]), atol=1e-5)
    steel, harbour = spans[0]
    assert np.allclose(np.linalg.norm(spans[0], axis=1), 1.0, atol=1e-5)
    queries = embedder.embed(["How much did steel output grow?", "What did the harbour open?"])
    assert steel @ queries[0] > harbour @ queries[0]
    assert harbour @ queries[1] > steel @ queries[1]


def test_a_span_past_the_model_window_gets_a_zero_vector(embedder: MiniLMEmbedding) -> None:
    text = "word " * 400 + "Tail sentence here."
    tail = text.index("Tail")
    _, spans = embedder.embed_with_spans([text], [[(0, 4), (tail, len(text))]])
    assert spans[0][0].any()
    assert not spans[0][1].any()


def test_the_last_query_vector_is_remembered_and_read_only(embedder: MiniLMEmbedding) -> None:
    first = embedder.query_vector("How many key tasks are there?")
    assert embedder.query_vector("How many key tasks are there?") is first
    assert not first.flags.writeable
    assert np.allclose(first, embedder.embed(["How many key tasks are there?"])[0], atol=1e-6)
    embedder.query_vector("Who chairs the team?")
    assert embedder.query_vector("How many key tasks are there?") is not first


def test_many_batches_pipelined_give_the_same_vectors_and_spans(
    embedder: MiniLMEmbedding,
) -> None:
    small_batches = MiniLMEmbedding(embed_batch_size=2)
    texts = [f"Sentence {n} about ports. " * n + "The end." for n in (9, 1, 4, 7, 2, 5, 3)]
    spans = [[(0, 10), (len(t) - 8, len(t))] for t in texts]
    vectors, pooled = small_batches.embed_with_spans(texts, spans)
    together, pooled_together = embedder.embed_with_spans(texts, spans)
    assert np.allclose(vectors, together, atol=1e-4)
    for ours, theirs in zip(pooled, pooled_together, strict=True):
        assert np.allclose(ours, theirs, atol=1e-4)


def _groups() -> list[tuple[list[str], list[list[tuple[int, int]]]]]:
    texts = [f"Passage {i} about the harbour. " * (1 + i % 7) + "It opened." for i in range(40)]
    spans = [[(0, 10), (len(t) - 10, len(t))] for t in texts]
    return [(texts[:25], spans[:25]), ([], []), (texts[25:], spans[25:]), (texts[:3], spans[:3])]


def test_a_stream_of_groups_gives_each_group_what_embedding_it_alone_gives() -> None:
    embedder = MiniLMEmbedding(embed_batch_size=4)  # several batches in flight across groups
    feed: queue.Queue[tuple[list[str], list[list[tuple[int, int]]]] | None] = queue.Queue()
    for group in _groups():
        feed.put(group)
    feed.put(None)
    streamed = list(embedder.embed_stream(feed))
    assert len(streamed) == len(_groups())
    for (vectors, sentences), (texts, spans) in zip(streamed, _groups(), strict=True):
        alone, alone_sentences = embedder.embed_with_spans(texts, spans)
        assert vectors.shape == (len(texts), 384)
        assert np.allclose(vectors, alone, atol=1e-4)
        for got, want in zip(sentences, alone_sentences, strict=True):
            assert np.allclose(got, want, atol=1e-4)


def test_a_stream_waits_for_groups_that_arrive_late() -> None:
    embedder = MiniLMEmbedding(embed_batch_size=4)
    feed: queue.Queue[tuple[list[str], list[list[tuple[int, int]]]] | None] = queue.Queue()
    texts, spans = _groups()[0]
    feed.put((texts, spans))
    stream = embedder.embed_stream(feed)
    first = next(stream)  # handed on before any further group (or the end) is known
    feed.put(None)
    assert list(stream) == []
    assert np.allclose(first[0], embedder.embed(texts), atol=1e-4)


def test_a_long_stream_moves_to_the_bulk_set_up_and_a_short_one_never_does() -> None:
    quick, bulk = quick_and_bulk()
    embedder = MiniLMEmbedding(embed_batch_size=2, runner=quick)
    texts = [f"Passage {i} about the harbour." for i in range(60)]  # 30 batches
    embedder.embed(texts[:10])  # 5 batches: an upload's worth
    assert (quick.runs, bulk.runs) == (5, 0)
    embedder.embed(texts)
    assert (quick.runs, bulk.runs) == (5 + _BULK_AFTER_BATCHES, 30 - _BULK_AFTER_BATCHES)


def test_a_stream_announced_as_bulk_runs_on_the_bulk_set_up_from_its_first_batch() -> None:
    quick, bulk = quick_and_bulk()
    embedder = MiniLMEmbedding(embed_batch_size=2, runner=quick)
    texts = [f"Passage {i} about the harbour." for i in range(10)]
    feed: queue.Queue[tuple[list[str], list[list[tuple[int, int]]]] | None] = queue.Queue()
    feed.put((texts, [[] for _ in texts]))
    feed.put(None)
    (vectors, _), *rest = list(embedder.embed_stream(feed, bulk=True))
    assert rest == []
    assert (quick.runs, bulk.runs) == (0, 5)
    assert np.allclose(vectors, embedder.embed(texts), atol=1e-4)


def test_batches_are_padded_to_the_runtime_s_width_multiple_without_changing_vectors() -> None:
    quick, _ = quick_and_bulk()
    texts = ["A short one.", "A somewhat longer passage about the harbour and its cranes."]
    plain = MiniLMEmbedding(runner=quick).embed_with_spans(texts, [[(0, 5)], [(2, 10)]])
    widths: list[int] = []
    wrapped = quick._runner

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        widths.append(ids.shape[1])
        return wrapped(ids, mask)

    quick._runner, quick.width_multiple = run, 16  # type: ignore[assignment]
    padded = MiniLMEmbedding(runner=quick).embed_with_spans(texts, [[(0, 5)], [(2, 10)]])
    assert widths
    assert all(width % 16 == 0 for width in widths)
    assert np.allclose(padded[0], plain[0], atol=1e-5)
    for a, b in zip(padded[1], plain[1], strict=True):
        assert np.allclose(a, b, atol=1e-5)
