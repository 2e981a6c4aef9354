"""The ask path on the seed corpus: cited facts, abstentions, follow-ups, bad questions."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.errors import InputError
from assistant.schema import ABSTAIN_TEXT, Turn
from tests.conftest import SEED_DOC_ID, SEED_TEXT


def test_key_tasks_and_action_points_come_back_cited(seeded: Container) -> None:
    answer = seeded.engine.ask("How many key tasks and action points does the campaign include?")
    assert not answer.abstained
    assert "17" in answer.answer
    assert "58" in answer.answer
    quotes = " ".join(c.quote for c in answer.citations)
    assert "17" in quotes
    assert "58" in quotes
    for citation in answer.citations:
        assert citation.doc_id == SEED_DOC_ID
        assert SEED_TEXT[citation.start : citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.answer


def test_leadership_team_chair_is_answered(seeded: Container) -> None:
    answer = seeded.engine.ask("Who chairs the leadership team?")
    assert "Party Secretary and Chairman" in answer.answer
    assert answer.citations[0].title.startswith("Baogang Group")


@pytest.mark.parametrize(
    "question",
    [
        "What is the name of Baogang's Party Secretary?",
        "What was Baogang's revenue last year?",
        "When did Baogang launch the campaign?",
        "What is the capital of France?",
        "Who won the 2022 World Cup?",
    ],
)
def test_questions_the_corpus_cannot_answer_abstain(seeded: Container, question: str) -> None:
    answer = seeded.engine.ask(question)
    assert answer.abstained
    assert answer.citations == []
    assert answer.answer.startswith(ABSTAIN_TEXT)


def test_abstention_shows_the_closest_passages_marked_as_not_answering(seeded: Container) -> None:
    answer = seeded.engine.ask("What is the name of Baogang's Party Secretary?")
    assert "do not answer the question" in answer.answer
    assert "Party Secretary and Chairman" in answer.answer


def test_follow_up_question_uses_the_conversation(seeded: Container) -> None:
    history = [
        Turn(role="user", content="What campaign did Baogang launch?"),
        Turn(
            role="assistant", content="Baogang Group launches a new corporate reform campaign. [1]"
        ),
    ]
    answer = seeded.engine.ask("How many action points does it have?", history)
    assert not answer.abstained
    assert "58" in answer.answer


def test_answer_reports_its_timings(seeded: Container) -> None:
    timings = seeded.engine.ask("Which industries does the campaign focus on?").timings_ms
    assert 0 < timings.retrieve <= timings.total
    assert 0 < timings.answer <= timings.total


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "the question is empty"), ("  \n\t ", "the question is empty"), ("\x00", "empty")],
)
def test_empty_questions_are_refused(seeded: Container, question: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        seeded.engine.ask(question)


def test_a_100_kb_question_is_refused_in_one_line(seeded: Container) -> None:
    with pytest.raises(InputError, match=r"102,400 characters long; the limit is 2,000") as caught:
        seeded.engine.ask("x" * 102_400)
    assert "\n" not in str(caught.value)


def test_an_empty_index_abstains_instead_of_failing(container: Container) -> None:
    assert container.engine.ask("How many action points?").abstained
