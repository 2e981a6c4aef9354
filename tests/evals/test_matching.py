"""Fact matching: folding, numbers as digits or words, whole words only."""

from __future__ import annotations

import pytest

from evals.matching import fold, mentions, occurs


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("embedding 17 key tasks and 58 specific action points", "58"),
        ("embedding 17 key tasks and 58 specific action points", "fifty-eight"),
        ("fifty eight action points", "58"),
        ("Seventeen key tasks", "17"),
        ("chaired by Baogang’s Party Secretary and Chairman", "baogang's party secretary"),
        ("state-owned enterprises", "State Owned"),
        ("“Reform and Implementation” campaign", "reform and implementation"),
        ("Luka Dončić was traded", "Luka Doncic"),
        ("a fee of 1,000,000 dollars", "1000000"),
        ("2.5 million people", "2,500,000"),
        ("two hundred and five thousand six", "205006"),
        ("rates rose 17% this year", "17 percent"),
        ("a price of 5.50", "5.5"),
        ("one of China’s largest", "one of china's largest"),
    ],
)
def test_fact_is_found_after_folding(text: str, fact: str) -> None:
    assert mentions(text, fact)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("158 action points", "58"),
        ("58 action points", "158"),
        ("5.8 percent", "58"),
        ("seventeen and fifty-eight", "75"),
        ("the steelworks", "steel"),
        ("party secretary", "secretary party"),
        ("no one came", "1"),
    ],
)
def test_fact_must_match_whole_words_in_order(text: str, fact: str) -> None:
    assert not mentions(text, fact)


def test_folding_keeps_order_and_drops_punctuation() -> None:
    assert fold("Party-led, top-down (governance)!") == (
        "party",
        "led",
        "top",
        "down",
        "governance",
    )
    assert fold("  ") == ()


def test_empty_fact_matches_nothing() -> None:
    assert not occurs((), fold("anything at all"))
