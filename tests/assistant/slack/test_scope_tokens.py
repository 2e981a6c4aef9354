"""`source:`, `since:`, `until:` and `as_of:` tokens become the request scope, out of the question."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.errors import InputError
from assistant.schema import Filters, Scope
from assistant.slack.scope_tokens import split_scope, strip_tokens


def test_every_key_anywhere_in_the_text_becomes_the_scope_and_leaves_the_question() -> None:
    question, scope = split_scope(
        "source:cnn How many since:2024-03-01 jobs until:2024-03-31 were cut? as_of:2024-04-01"
    )
    assert question == "How many jobs were cut?"
    assert scope == Scope(
        as_of=date(2024, 4, 1),
        filters=Filters(
            sources=["cnn"], published_from=date(2024, 3, 1), published_to=date(2024, 3, 31)
        ),
    )


def test_text_without_tokens_is_the_question_with_an_empty_scope() -> None:
    assert split_scope("  How much   will it cost? ") == ("How much will it cost?", Scope())


def test_sources_repeat_and_split_on_commas() -> None:
    _, scope = split_scope("source:cnn,bbc source:reuters, source:,ap What happened?")
    assert scope.filters.sources == ["cnn", "bbc", "reuters", "ap"]


@pytest.mark.parametrize(
    "token", ['source:"River Times"', "source:“River Times”", 'Source:"River Times"']
)
def test_a_quoted_source_keeps_its_spaces(token: str) -> None:
    question, scope = split_scope(f"{token} How much will the repair cost?")
    assert scope.filters.sources == ["River Times"]
    assert question == "How much will the repair cost?"


@pytest.mark.parametrize("key", ["as_of", "as-of", "asof", "AS_OF", "As-Of"])
def test_as_of_has_three_spellings_in_any_case(key: str) -> None:
    assert split_scope(f"{key}:2025/02/10 Cost?") == ("Cost?", Scope(as_of=date(2025, 2, 10)))


def test_sentence_punctuation_after_a_value_is_not_part_of_it() -> None:
    question, scope = split_scope("What did it cost until:2025-01-31?")
    assert question == "What did it cost"
    assert scope.filters.published_to == date(2025, 1, 31)


def test_a_host_name_slack_turned_into_a_link_is_read_as_typed() -> None:
    _, scope = split_scope("source:<http://cnn.com|cnn.com> source:AT&amp;T What happened?")
    assert scope.filters.sources == ["cnn.com", "AT&T"]


def test_a_key_inside_a_word_or_without_a_value_stays_in_the_question() -> None:
    text = "What is the resource:allocation, and what happened since: then?"
    assert split_scope(text) == (text, Scope())


@pytest.mark.parametrize("value", ["2024-13-01", "March", "01/03/2024"])
def test_a_bad_date_is_refused_naming_the_token(value: str) -> None:
    with pytest.raises(InputError, match=f"since:{value} is not a date; write it as YYYY-MM-DD"):
        split_scope(f"since:{value} What happened?")


def test_a_date_key_given_twice_is_refused() -> None:
    with pytest.raises(InputError, match="until is given twice"):
        split_scope("until:2025-01-01 until:2025-02-01 What happened?")


def test_strip_tokens_never_fails_on_a_bad_date() -> None:
    assert strip_tokens("since:soon source:x  And then?") == "And then?"
