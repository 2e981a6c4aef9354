"""LLM mode end to end with the real local model: seed facts cited and verified, abstentions.

Generation runs at about 14 tokens/s on two cores, so these few questions are chosen to cover
the must-haves: the 17 tasks and 58 action points, who chairs the leadership team, questions the
corpus cannot answer, streaming, and a follow-up rewritten from the conversation.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.schema import ABSTAIN_TEXT, Answer, AnswerEvent, FinalEvent, TokenEvent, Turn
from tests.conftest import SEED_DOC_ID, SEED_TEXT, SEEDS, make_settings


def assert_cited(answer: Answer) -> None:
    assert not answer.abstained
    assert answer.citations
    for citation in answer.citations:
        assert citation.doc_id == SEED_DOC_ID
        assert SEED_TEXT[citation.start : citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.answer


def test_key_tasks_and_action_points(llm_seeded: Container) -> None:
    answer = llm_seeded.engine.ask(
        "How many key tasks and action points does the campaign include?"
    )
    assert_cited(answer)
    assert "17" in answer.answer
    assert "58" in answer.answer
    quotes = " ".join(c.quote for c in answer.citations)
    assert "17" in quotes
    assert "58" in quotes
    assert answer.generation is not None
    assert not answer.generation.fallback  # the model's own sentences survived
    assert 0 < answer.generation.prompt_tokens < 1400  # passages: a few sentences per source


def test_who_chairs_the_leadership_team(llm_seeded: Container) -> None:
    answer = llm_seeded.engine.ask("Who chairs the leadership team?")
    assert_cited(answer)
    assert "Party Secretary" in answer.answer
    assert any("chaired by Baogang’s Party Secretary" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    ["What is the name of Baogang's Party Secretary?", "What was Baogang's revenue last year?"],
)
def test_questions_the_corpus_cannot_answer_abstain(llm_seeded: Container, question: str) -> None:
    answer = llm_seeded.engine.ask(question)
    assert answer.abstained
    assert answer.answer.startswith(ABSTAIN_TEXT)
    assert answer.citations == []


def test_the_model_itself_refuses_when_the_sources_lack_the_answer(
    tmp_path: Path, local_llm: LocalServer
) -> None:
    """With the confidence floor off, the question reaches the model, which must decline."""
    built = build_container(
        make_settings(
            tmp_path / "var",
            answer_mode="llm",
            llm_base_url=local_llm.base_url(),
            llm_model=local_llm.alias,
            min_confidence=0.0,
        )
    )
    built.ingestor.ingest([SEEDS])
    answer = built.engine.ask("What was Baogang's revenue last year?")
    assert answer.generation is not None
    assert answer.generation.refused
    assert "revenue" not in answer.answer.lower() or answer.abstained


def test_streamed_tokens_are_the_verified_answer(llm_seeded: Container) -> None:
    async def run() -> list[AnswerEvent]:
        question = "How many action points does the campaign have?"
        return [event async for event in llm_seeded.engine.stream(question)]

    events = asyncio.run(run())
    final = events[-1]
    assert isinstance(final, FinalEvent)
    assert "".join(e.text for e in events if isinstance(e, TokenEvent)) == final.answer.answer
    assert "58" in final.answer.answer
    assert_cited(final.answer)


def test_a_follow_up_is_rewritten_from_the_conversation(llm_seeded: Container) -> None:
    history = [
        Turn(role="user", content="What campaign did Baogang launch?"),
        Turn(
            role="assistant", content="Baogang Group launched a new corporate reform campaign. [1]"
        ),
    ]
    answer = llm_seeded.engine.ask("How many action points does it have?", history)
    assert answer.generation is not None
    rewritten = answer.generation.rewritten_question or ""
    assert "Baogang" in rewritten or "campaign" in rewritten  # "it" resolved from the history
    assert " it " not in f" {rewritten} "
    assert "58" in answer.answer
    assert_cited(answer)
