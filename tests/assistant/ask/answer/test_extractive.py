"""The extractive answerer scores evidence with the sentence vectors stored at ingest."""

from __future__ import annotations

import numpy as np
from llama_index.core.schema import NodeWithScore, TextNode

from assistant.ask.answer.extractive import ExtractiveAnswerer
from assistant.container import Container
from index import sentence_vectors
from index.embedding import MiniLMEmbedding
from index.embedding.onnx_runner import OnnxRunner, int8_model_path

QUESTION = "Who chairs the leadership team?"


class CountingRunner:
    """The real int8 runtime, counting how often the model runs."""

    def __init__(self) -> None:
        self.runs = 0
        self._runner = OnnxRunner(int8_model_path())

    streams = 1
    width_multiple = 1

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.runs += 1
        return self._runner(ids, mask)

    def for_bulk(self) -> CountingRunner:
        return self


def counted_answerer(container: Container) -> tuple[ExtractiveAnswerer, CountingRunner]:
    runner = CountingRunner()
    answerer = ExtractiveAnswerer(
        MiniLMEmbedding(runner=runner),
        min_confidence=container.settings.min_confidence,
        max_sentences=container.settings.max_answer_sentences,
    )
    return answerer, runner


def without_sentence_vectors(nodes: list[NodeWithScore]) -> list[NodeWithScore]:
    stripped = []
    for hit in nodes:
        meta = {k: v for k, v in hit.node.metadata.items() if k != sentence_vectors.METADATA_KEY}
        node = TextNode(id_=hit.node.node_id, text=hit.node.get_content(), metadata=meta)
        stripped.append(NodeWithScore(node=node, score=hit.score))
    return stripped


def test_answering_runs_the_model_on_the_question_only(seeded: Container) -> None:
    nodes = seeded.retriever.search(QUESTION, seeded.settings.top_k)
    answerer, runner = counted_answerer(seeded)
    draft = answerer.answer(QUESTION, QUESTION, nodes)
    assert draft.claims
    assert "chaired" in draft.claims[0].text
    assert runner.runs == 1  # the question; every sentence vector came from the index
    answerer.answer(QUESTION, QUESTION, nodes)
    assert runner.runs == 1  # and the question's vector is remembered


def test_chunks_without_stored_vectors_are_embedded_and_answer_the_same(
    seeded: Container,
) -> None:
    nodes = seeded.retriever.search(QUESTION, seeded.settings.top_k)
    answerer, runner = counted_answerer(seeded)
    stored = answerer.answer(QUESTION, QUESTION, nodes)
    embedded = answerer.answer(QUESTION, QUESTION, without_sentence_vectors(nodes))
    assert runner.runs > 1
    assert stored.claims
    assert embedded.claims
    assert stored.claims[0].text == embedded.claims[0].text
