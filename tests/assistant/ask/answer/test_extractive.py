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


def news_nodes(*chunks: str) -> list[NodeWithScore]:
    """Retrieved chunks of separate articles, without stored vectors (embedded when read)."""
    return [
        NodeWithScore(
            node=TextNode(id_=f"c{i}", text=text, metadata={"doc_id": f"d{i}", "start": 0}),
            score=1.0,
        )
        for i, text in enumerate(chunks)
    ]


def test_a_rare_question_word_outweighs_words_every_sentence_holds(
    embedder: MiniLMEmbedding,
) -> None:
    # Most of the question's words are in every chunk; only the answer holds "migrants" and
    # "return", so counted alike the lead about Canada would share more of the question.
    question = "Trump started a tariff row with which country over the return of migrants?"
    nodes = news_nodes(
        "Trump started a tariff row with Canada, a country he said must buy more.",
        "The tariff row Trump started worries every country. Trump started it in March.",
        "The country's row with Trump started over tariffs. Trump's tariff row goes on.",
        "Colombia refused flights returning migrants, so Trump started tariffs on it.",
    )
    answerer = ExtractiveAnswerer(embedder, min_confidence=0.0, max_sentences=1)
    best = answerer.score(question, question, nodes)[0]
    assert "Colombia" in best.quote.text


def test_the_name_the_best_sentences_agree_on_is_read_first(embedder: MiniLMEmbedding) -> None:
    question = "Eleven Yemeni detainees from Guantanamo Bay were transferred to which country?"
    nodes = news_nodes(
        "The US is set to transfer a detainee from Guantanamo Bay to a facility in Saudi Arabia.",
        "Eleven Guantanamo Bay detainees were handed over to the government of Oman. "
        "Oman agreed to resettle the Yemeni men. The detainees arrived in Oman on Monday.",
    )
    answerer = ExtractiveAnswerer(embedder, min_confidence=0.0, max_sentences=1)
    best = answerer.score(question, question, nodes)[0]
    assert "Oman" in best.quote.text
    # The lift orders candidates; the abstention gate reads the evidence before it.
    assert best.evidence < best.quote.score


def test_an_answer_naming_a_person_by_surname_leads_with_the_full_name(
    embedder: MiniLMEmbedding,
) -> None:
    question = "Which actor broke the record for the longest acceptance speech at the Oscars?"
    nodes = news_nodes(
        "Adrien Brody won best actor for The Brutalist on Sunday night. "
        "As a result, Brody broke the record for the longest acceptance speech at the Oscars."
    )
    answerer = ExtractiveAnswerer(embedder, min_confidence=0.0, max_sentences=2)
    draft = answerer.answer(question, question, nodes)
    assert [c.text for c in draft.claims] == [
        "Adrien Brody.",
        "As a result, Brody broke the record for the longest acceptance speech at the Oscars.",
    ]  # the name counts against the sentences quoted: still two
    assert draft.claims[0].quotes[0].text.startswith("Adrien Brody won")
