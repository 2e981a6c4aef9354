"""The judge's replies are read strictly: a verdict first, or unknown; prompts carry the evidence."""

from __future__ import annotations

import pytest

from assistant.prompts import Prompts
from assistant.schema import Turn
from evals.judge.verdicts import (
    normalized,
    read_rating,
    read_support,
    relevance_prompt,
    support_prompt,
)


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        ("yes", True),
        ("Yes.", True),
        ("  YES", True),
        ("**Yes**", True),
        ('"no"', False),
        ("No, the quote gives 58.", False),
        ("no\n", False),
    ],
)
def test_a_reply_that_starts_with_yes_or_no_is_that_verdict(reply: str, verdict: bool) -> None:
    assert read_support(reply) is verdict


@pytest.mark.parametrize(
    "reply", ["", "Yesterday", "Not sure", "The answer is yes", "y", "maybe", "yes-ish", "Nope"]
)
def test_anything_else_is_unknown_not_guessed(reply: str) -> None:
    assert read_support(reply) is None


@pytest.mark.parametrize(
    ("reply", "rating"), [("5", 5), ("4.", 4), ("3/5", 3), (" 2 ", 2), ("**1**", 1), ("4\n", 4)]
)
def test_a_reply_that_starts_with_one_digit_from_1_to_5_is_the_rating(
    reply: str, rating: int
) -> None:
    assert read_rating(reply) == rating


@pytest.mark.parametrize("reply", ["", "0", "6", "45", "4.5", "3,5", "Rating: 4", "four", "-3"])
def test_a_rating_outside_the_scale_or_not_first_is_unknown(reply: str) -> None:
    assert read_rating(reply) is None


def test_ratings_scale_onto_0_to_1() -> None:
    assert [normalized(r) for r in (1, 2, 3, 4, 5)] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_the_support_prompt_shows_the_sentence_and_every_quote_it_cites() -> None:
    one = support_prompt(Prompts(), "It has 17 key tasks.", ["The campaign embeds 17 key tasks."])
    assert "Quoted text:\nThe campaign embeds 17 key tasks.\n" in one
    assert "Sentence: It has 17 key tasks." in one
    assert "yes or no" in one
    two = support_prompt(Prompts(), "17 tasks and 58 points.", ["17 key tasks", "58 points"])
    assert "- 17 key tasks\n- 58 points" in two


def test_the_relevance_prompt_carries_the_conversation_a_follow_up_leans_on() -> None:
    history = [
        Turn(role="system", content="Be brief."),
        Turn(role="user", content="What campaign did Baogang launch?"),
        Turn(role="assistant", content="A reform\ncampaign."),
    ]
    text = relevance_prompt(Prompts(), "How many action points?", "58 action points", history)
    assert (
        "Conversation so far:\nUser: What campaign did Baogang launch?\n"
        "Assistant: A reform campaign.\n\nQuestion: How many action points?\n"
        "Answer: 58 action points"
    ) in text
    assert "Be brief" not in text
    alone = relevance_prompt(Prompts(), "How many action points?", "58 action points")
    assert "Conversation" not in alone
    assert "\nQuestion: How many action points?\nAnswer: 58 action points\n" in alone
    assert "one digit from 1 to 5" in alone
