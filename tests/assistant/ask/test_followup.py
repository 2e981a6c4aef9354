"""Follow-ups borrow the earlier turns' key words for retrieval; standalone questions do not."""

from __future__ import annotations

from assistant.ask.followup import is_follow_up, retrieval_query
from assistant.schema import Turn

HISTORY = [
    Turn(role="user", content="What campaign did Baogang launch?"),
    Turn(role="assistant", content="A reform campaign."),
]


def test_pronoun_question_gets_the_earlier_subject() -> None:
    query = retrieval_query("How many action points does it have?", HISTORY, turns=3)
    assert query.startswith("How many action points does it have?")
    assert "baogang" in query
    assert "campaign" in query


def test_standalone_question_is_left_alone() -> None:
    question = "Which industries does the Baogang reform campaign target in China?"
    assert not is_follow_up(question)
    assert retrieval_query(question, HISTORY, turns=3) == question


def test_no_history_or_zero_turns_means_no_change() -> None:
    assert retrieval_query("And it?", [], turns=3) == "And it?"
    assert retrieval_query("And it?", HISTORY, turns=0) == "And it?"
