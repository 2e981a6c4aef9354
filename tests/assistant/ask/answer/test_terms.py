"""Terms and numbers: what coverage and support checks compare."""

from __future__ import annotations

import pytest

from assistant.ask.answer.terms import content_terms, numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 key tasks and 58 action points", {"17", "58"}),
        ("seventeen tasks, fifty-eight points", {"17", "58"}),
        ("two hundred and five", {"205"}),
        ("1,200 workers and 3.50 dollars", {"1200", "3.5"}),
        ("one of the largest firms", set()),
        ("one million homes", {"1000000"}),
        ("no figures here", set()),
    ],
)
def test_numbers_in_digits_or_words_are_canonical(text: str, expected: set[str]) -> None:
    assert numbers(text) == expected


def test_content_terms_drop_stop_words_and_stem() -> None:
    assert content_terms("How many reforms did Baogang's campaigns launch?") == {
        "reform", "baogang", "campaign", "launch",
    }  # fmt: skip


def test_158_is_not_58() -> None:
    assert "58" not in numbers("158 action points")


def test_number_words_joined_by_and_are_separate_numbers_unless_after_a_scale() -> None:
    assert numbers("seventeen and fifty-eight") == {"17", "58"}
    assert numbers("two hundred and five") == {"205"}
    assert numbers("twenty one") == {"21"}
    assert numbers("one of the largest") == set()


def test_british_and_american_spellings_are_one_term() -> None:
    assert content_terms("What colour tariffs on aluminium?") == content_terms(
        "what color tariffs on aluminum"
    )
    assert content_terms("city centres") == content_terms("city centers")


def test_irregular_verb_forms_meet_their_present() -> None:
    assert content_terms("Rare Earth Exchanges has heard this") >= {"hear"}
    assert content_terms("Which team won the cup?") == content_terms("a team to win the cup")
    assert content_terms("the record was broken") == content_terms("to break the record")
