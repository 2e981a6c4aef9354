"""Answer-kind checks: a sentence must be able to give what the question asks for."""

from __future__ import annotations

import pytest

from assistant.answer.expectation import Expect, can_answer, expectation

CHAIR = "The team is chaired by Baogang’s Party Secretary and Chairman, to oversee reforms."
COUNTS = "The campaign embeds 17 key tasks and 58 specific action points."


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many action points are there?", Expect.NUMBER),
        ("What was Baogang's revenue last year?", Expect.NUMBER),
        ("When did the campaign start?", Expect.DATE),
        ("What is the name of the Party Secretary?", Expect.NAME),
        ("Who is the CEO of the company?", Expect.NAME),
        ("Who chairs the leadership team?", Expect.PERSON),
        ("Which industries are targeted?", Expect.ANY),
    ],
)
def test_question_kinds(question: str, kind: Expect) -> None:
    assert expectation(question) is kind


def test_a_count_needs_a_number_about_the_counted_thing() -> None:
    assert can_answer(Expect.NUMBER, "How many action points?", COUNTS)
    assert not can_answer(Expect.NUMBER, "How many employees does it have?", COUNTS)
    assert not can_answer(Expect.NUMBER, "How many action points?", "Action points matter.")


def test_a_name_needs_a_proper_name_not_a_title() -> None:
    question = "What is the name of Baogang's Party Secretary?"
    assert not can_answer(Expect.NAME, question, CHAIR)
    assert can_answer(Expect.NAME, question, "Baogang's Party Secretary is Meng Fanying.")


def test_who_questions_accept_a_role() -> None:
    assert can_answer(Expect.PERSON, "Who chairs the leadership team?", CHAIR)


def test_a_date_needs_a_date() -> None:
    assert not can_answer(Expect.DATE, "When did it launch?", "Baogang launched a campaign.")
    assert can_answer(Expect.DATE, "When did it launch?", "Baogang launched it in March 2025.")
