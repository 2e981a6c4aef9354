"""Follow-ups in LLM mode: the model rewrites the question before retrieval; bad rewrites are not
trusted (scripted replies from the loopback stand-in)."""

from __future__ import annotations

from typing import Any

from assistant.container import Container
from assistant.schema import Turn
from tests.assistant.ask.llm.standin import StandIn

HISTORY = [
    Turn(role="user", content="What campaign did Baogang launch?"),
    Turn(
        role="assistant",
        content="Baogang Group launches a new corporate reform campaign. [1]\n\n[1] Baogang …",
    ),
]
REWRITTEN = "How many action points does Baogang's reform campaign have?"


def answer_58(request: dict[str, Any]) -> str:
    return "The campaign embeds 17 key tasks and 58 specific action points. [1]"


def test_the_rewritten_question_drives_retrieval_and_the_answer(
    standin_seeded: Container, standin: StandIn
) -> None:
    standin.script(f"Rewritten question: {REWRITTEN}\n", answer_58)
    answer = standin_seeded.engine.ask("How many action points does it have?", HISTORY)
    condense, answer_prompt = standin.prompts()
    assert "User: What campaign did Baogang launch?" in condense
    assert "Assistant: Baogang Group launches a new corporate reform campaign." in condense
    assert "[1] Baogang …" not in condense  # only the answer's first paragraph, no markers
    assert "Last question: How many action points does it have?" in condense
    assert f"Question: {REWRITTEN}" in answer_prompt
    assert answer.question == "How many action points does it have?"
    assert answer.generation is not None
    assert answer.generation.rewritten_question == REWRITTEN
    assert "58" in answer.answer


def test_a_rewrite_that_is_prose_falls_back_to_the_keyword_heuristic(
    standin_seeded: Container, standin: StandIn
) -> None:
    standin.script("Sure! Here it is.\nThe campaign has 58 points.", answer_58)
    answer = standin_seeded.engine.ask("How many action points does it have?", HISTORY)
    assert answer.generation is not None
    assert answer.generation.rewritten_question is None
    assert "Question: How many action points does it have?" in standin.prompts()[1]
    assert "58" in answer.answer


def test_a_standalone_question_or_no_history_needs_no_rewrite(
    standin_seeded: Container, standin: StandIn
) -> None:
    standin.script(answer_58, answer_58)
    standin_seeded.engine.ask(
        "How many action points does the Baogang reform campaign have?", HISTORY
    )
    standin_seeded.engine.ask("How many action points does it have?")
    assert len(standin.requests) == 2
    assert all(p.startswith("Sources:") for p in standin.prompts())
