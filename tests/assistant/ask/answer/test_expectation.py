"""Answer-kind checks: a sentence must be able to give what the question asks for."""

from __future__ import annotations

import pytest

from assistant.ask.answer.expectation import Expect, can_answer, counted_phrases, expectation

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


LAUNCH = "Baogang has launched a new “Reform and Implementation” campaign, leveraging its units."


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the campaign called?", Expect.NAME),
        ("What is his name?", Expect.NAME),
        ("Where is Baogang based?", Expect.PLACE),
        ("In which city is Baogang headquartered?", Expect.PLACE),
        ("Which country imposed retaliatory tariffs?", Expect.ANY),
        ("In what state does China want to keep its industries?", Expect.ANY),
    ],
)
def test_more_question_kinds(question: str, kind: Expect) -> None:
    assert expectation(question) is kind


def test_names_already_in_the_conversation_are_no_answer() -> None:
    assert can_answer(Expect.NAME, "What is his name?", CHAIR)  # "Baogang" is new to it alone
    assert not can_answer(
        Expect.NAME, "What is his name?", CHAIR, context="who chairs baogang team"
    )


def test_a_name_must_stand_near_the_thing_it_names() -> None:
    assert can_answer(Expect.NAME, "What is the campaign called?", LAUNCH)
    assert not can_answer(
        Expect.NAME, "What is the campaign called?", f"The campaign is new. {CHAIR}"
    )


def test_a_place_is_a_capitalised_word_after_a_locative_word() -> None:
    question = "Where is Baogang headquartered?"
    assert can_answer(Expect.PLACE, question, "Baogang is headquartered in Baotou, Inner Mongolia.")
    assert not can_answer(Expect.PLACE, question, "It launched (opens in a new tab) a campaign.")


def test_plural_roles_answer_who_questions() -> None:
    heard = "Rare Earth Exchanges heard this via chatter with executives in private companies."
    assert can_answer(Expect.PERSON, "Who did they hear it from?", heard, context="rare earth")


def test_a_count_may_name_the_counted_thing_in_other_words() -> None:
    assert counted_phrases(COUNTS) == ["key tasks", "specific action points"]
    assert counted_phrases("It has seventeen key tasks, 1,200 workers in 3 plants") == [
        "key tasks", "workers", "plants",
    ]  # fmt: skip
    question = "How many action items does the plan contain?"
    assert not can_answer(Expect.NUMBER, question, COUNTS)
    assert can_answer(Expect.NUMBER, question, COUNTS, counts_focus=True)
    assert not can_answer(Expect.NUMBER, question, "Action items matter.", counts_focus=True)
