"""Overview requests on the seed corpus: cited summaries from across the article, verified."""

from __future__ import annotations

import asyncio

import pytest

from assistant.ask.answer.extractive import ExtractiveAnswerer
from assistant.ask.answer.support import Asked
from assistant.ask.answer.verify import verify
from assistant.container import Container
from assistant.schema import Answer, FinalEvent, TokenEvent, Turn
from tests.assistant.ask.llm.standin import StandIn
from tests.conftest import SEED_DOC_ID, SEED_TEXT


def assert_cited_summary(answer: Answer, *, sentences: int = 3) -> None:
    """Not abstained; at least `sentences` cited sentences, each quoting the article exactly."""
    assert not answer.abstained
    assert len(answer.citations) >= sentences
    for citation in answer.citations:
        assert citation.doc_id == SEED_DOC_ID
        assert SEED_TEXT[citation.start : citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.answer


def thirds(answer: Answer) -> set[int]:
    return {3 * c.start // len(SEED_TEXT) for c in answer.citations}


def test_summarize_the_article_quotes_sentences_from_across_it(seeded: Container) -> None:
    answer = seeded.engine.ask("Summarize the article")
    assert_cited_summary(answer, sentences=4)
    assert len(thirds(answer)) >= 2
    starts = [c.start for c in answer.citations]
    assert starts == sorted(starts)  # in document order
    assert "Highlights" not in answer.answer  # headings are not summary sentences
    assert len({c.quote for c in answer.citations}) == len(answer.citations)


@pytest.mark.parametrize(
    "question", ["What is this article about?", "What are the main points?", "TL;DR"]
)
def test_other_summary_phrasings_are_summarised(seeded: Container, question: str) -> None:
    answer = seeded.engine.ask(question)
    assert_cited_summary(answer)
    assert len(thirds(answer)) >= 2


def test_what_is_an_entity_gets_several_cited_sentences_about_it(seeded: Container) -> None:
    answer = seeded.engine.ask("What is Baogang?")
    assert_cited_summary(answer)
    assert sum("Baogang" in c.quote for c in answer.citations) >= 2


def test_what_the_corpus_says_about_a_topic_stays_on_it(seeded: Container) -> None:
    answer = seeded.engine.ask("What does the corpus say about rare earth minerals?")
    assert_cited_summary(answer)
    assert sum("rare earth" in c.quote.lower() for c in answer.citations) >= 2


def test_a_summary_after_two_questions_summarises_the_article(seeded: Container) -> None:
    history = [
        Turn(role="user", content="What campaign did Baogang launch?"),
        Turn(role="assistant", content="Baogang Group launches a new corporate reform campaign."),
        Turn(role="user", content="Who chairs the leadership team?"),
        Turn(role="assistant", content="Baogang's Party Secretary and Chairman."),
    ]
    answer = seeded.engine.ask("Summarize the article", history)
    assert_cited_summary(answer, sentences=4)
    assert len(thirds(answer)) >= 2


@pytest.mark.parametrize(
    "question",
    [
        "How many action points does the campaign have?",
        "Who chairs the leadership team?",
        "Which industries does the campaign focus on?",
        "Who launched the campaign?",
        "What is the capital of Inner Mongolia?",
        "When did the campaign start?",
    ],
)
def test_factoid_questions_are_answered_as_before(seeded: Container, question: str) -> None:
    """The engine's answer is exactly the factoid answerer's, verified: no summary."""
    settings = seeded.settings
    answerer = ExtractiveAnswerer(
        seeded.embedder,
        min_confidence=settings.min_confidence,
        max_sentences=settings.max_answer_sentences,
    )
    nodes = seeded.retriever.search(question, settings.top_k)
    expected = verify(answerer.answer(question, question, nodes), seeded.store, Asked.of(question))
    answer = seeded.engine.ask(question)
    assert answer.abstained == (not expected.claims)
    if expected.claims:
        assert answer.answer == expected.text
        assert [c.quote for c in answer.citations] == [c.quote for c in expected.citations]


def test_streaming_a_summary_gives_the_same_answer(seeded: Container) -> None:
    async def collect() -> list[object]:
        return [event async for event in seeded.engine.stream("Summarize the article")]

    events = asyncio.run(collect())
    final = events[-1]
    assert isinstance(final, FinalEvent)
    assert "".join(e.text for e in events if isinstance(e, TokenEvent)) == final.answer.answer
    assert final.answer.answer == seeded.engine.ask("Summarize the article").answer


def test_llm_mode_has_the_model_summarise_the_central_sentences(
    standin_seeded: Container, standin: StandIn
) -> None:
    """The model reads the sentences the extractive summary chose; what it writes is verified."""
    written = (
        "Baogang Group, a large state-owned enterprise, has launched a new "
        "“Reform and Implementation” campaign. [1]"
    )
    standin.script(written)
    answer = standin_seeded.engine.ask("Summarize the article")
    assert len(standin.requests) == 1
    assert "leveraging its Party-affiliated organizations" in standin.prompts()[0]
    assert not answer.abstained
    assert answer.answer.startswith("Baogang Group, a large state-owned enterprise, has launched")
    assert answer.generation is not None
    assert not answer.generation.fallback
    assert_cited_summary(answer, sentences=1)


def test_llm_mode_falls_back_to_the_extractive_summary_when_nothing_verifies(
    standin_seeded: Container, standin: StandIn
) -> None:
    standin.script("The United Nations praised the campaign in a special resolution. [1]")
    answer = standin_seeded.engine.ask("Summarize the article")
    assert "United Nations" not in answer.answer
    assert answer.generation is not None
    assert answer.generation.fallback
    assert_cited_summary(answer, sentences=4)
    assert len(thirds(answer)) >= 2
