"""Feedback is stored whole, with the logged answer, never with what a client claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from assistant.container import Container, build_container
from assistant.errors import InputError, NotFound
from assistant.feedback.records import FeedbackRequest
from tests.conftest import SEEDS, make_settings


def test_feedback_carries_the_logged_answer_and_lists_newest_first(container: Container) -> None:
    container.ingestor.ingest([SEEDS])
    first = container.engine.ask("How many key tasks does the campaign include?")
    second = container.engine.ask("Who chairs the leadership team?")
    assert first.answer_id
    assert second.answer_id
    down = FeedbackRequest(
        answer_id=first.answer_id, rating="down", reason="wrong_answer",
        comment="  off by three ", correct_answer="There are 20 key tasks.",
    )  # fmt: skip
    stored = container.feedback.add(down, surface="api")
    container.feedback.add(FeedbackRequest(answer_id=second.answer_id, rating="up"), surface="ui")
    assert stored.answer.answer == first.answer
    assert stored.answer.citations == first.citations
    assert stored.comment == "off by three"
    newest, oldest = container.feedback.all()
    assert (newest.answer.answer_id, oldest.feedback_id) == (second.answer_id, stored.feedback_id)
    assert [r.rating for r in container.feedback.all(rating="down")] == ["down"]
    assert container.feedback.get(stored.feedback_id[:10]) == stored


def test_unknown_answers_and_misplaced_reasons_store_nothing(container: Container) -> None:
    container.ingestor.ingest([SEEDS])
    answer = container.engine.ask("Who chairs the leadership team?")
    assert answer.answer_id
    with pytest.raises(NotFound):
        container.feedback.add(FeedbackRequest(answer_id="0" * 32, rating="up"), surface="api")
    up = FeedbackRequest(answer_id=answer.answer_id, rating="up", reason="wrong_answer")
    with pytest.raises(InputError, match="👎"):
        container.feedback.add(up, surface="api")
    with pytest.raises(ValidationError):
        FeedbackRequest(answer_id=answer.answer_id, rating="down", comment="x" * 2001)
    assert container.feedback.all() == []


def test_slack_users_are_stored_only_as_a_keyed_hash(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "var", feedback_secret=SecretStr("k3y"))
    with build_container(settings) as keyed:
        keyed.ingestor.ingest([SEEDS])
        answer = keyed.engine.ask("Who chairs the leadership team?")
        assert answer.answer_id
        request = FeedbackRequest(answer_id=answer.answer_id, rating="up")
        record = keyed.feedback.add(request, surface="slack", user_id="U123")
        assert record.user is not None
        assert "U123" not in record.user
        assert keyed.feedback.add(request, surface="slack", user_id="U123").user == record.user
