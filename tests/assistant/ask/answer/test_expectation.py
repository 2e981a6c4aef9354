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
        ("Which country imposed retaliatory tariffs?", Expect.ENTITY),
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


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which US state was struck by 32 tornadoes?", Expect.ENTITY),
        ("Which popular European tourist destination doubled its entry fee?", Expect.ENTITY),
        ("Which global football star celebrated his 40th birthday?", Expect.ENTITY),
        ("What major religious festival is expected to begin today?", Expect.ENTITY),
        ("Which app did they use?", Expect.ENTITY),
        # Common-noun classes are answered by ordinary words ("eggs", "pneumonia").
        ("Which food item is running low in grocery stores?", Expect.ANY),
        ("Pope Francis was hospitalized for what type of infection?", Expect.ANY),
        # Not a class: a verb stands between "what" and the noun.
        ("What year did Musk acquire the social media platform?", Expect.DATE),
    ],
)
def test_which_class_questions_want_a_named_thing(question: str, kind: Expect) -> None:
    assert expectation(question) is kind


def test_a_named_thing_must_be_new_to_the_question() -> None:
    question = "Which state is investigating a measles outbreak?"
    assert can_answer(Expect.ENTITY, question, "Texas is investigating the outbreak.")
    assert not can_answer(Expect.ENTITY, question, "The outbreak is being investigated.")
    assert not can_answer(
        Expect.ENTITY, "Which country marked three years of war with Russia?", "Russia attacked."
    )


def test_a_sum_of_money_answers_a_price_by_any_name() -> None:
    question = "Around how much will the gold card cost?"
    assert can_answer(Expect.NUMBER, question, "A gold card with a $5 million fee is planned.")
    assert can_answer(Expect.NUMBER, question, "The gold card's fee is 5 million dollars.")
    assert not can_answer(Expect.NUMBER, question, "Some 5 foreigners hold a gold card.")


def test_a_persons_role_may_be_worded_apart_but_a_named_things_may_not() -> None:
    elected = "Kirsty Coventry has been elected as the first female president of the IOC."
    assert can_answer(Expect.PERSON, "Who was elected as the next president of the IOC?", elected)
    campaign = "Baogang Group, one of China's largest firms, launched a Party campaign."
    assert not can_answer(Expect.NAME, "What is the name of Baogang's Party Secretary?", campaign)


def test_a_day_or_month_is_no_place_and_no_named_thing() -> None:
    where = "A person set fire to several Tesla vehicles. Where did the incident take place?"
    assert not can_answer(
        Expect.PLACE, where, "The incident took place at a service center on Tuesday, March 18."
    )
    assert can_answer(Expect.PLACE, where, "The incident took place in Las Vegas on Tuesday.")
    which = "Which country slapped retaliatory tariffs on American imports?"
    assert not can_answer(Expect.ENTITY, which, "Retaliatory tariffs start on Monday in March.")


def test_a_percentage_question_wants_a_percentage() -> None:
    question = "What percentage of Americans identify as Christian?"
    assert not can_answer(Expect.NUMBER, question, "One in four Americans identify as Nones.")
    assert can_answer(Expect.NUMBER, question, "Some 62% of Americans identify as Christian.")
    assert can_answer(
        Expect.NUMBER, question, "About 62 percent of Americans identify as Christian."
    )


def test_who_without_a_role_asks_for_whoever_it_is() -> None:
    sentence = "The team is chaired by Baogang’s Party Secretary and Chairman, to oversee reforms."
    assert can_answer(Expect.PERSON, "Who is in charge of the team running the reforms?", sentence)
    # A role in the question is still a focus the sentence must speak of.
    assert not can_answer(Expect.PERSON, "Who is the chief executive of the team?", sentence)
