"""The answer log: every answer gets an id and can be read back; retention bounds it."""

from __future__ import annotations

import time
from datetime import date

import pytest

from assistant.container import Container, build_container
from assistant.errors import NotFound
from assistant.feedback.answer_log import AnswerLog
from assistant.schema import Filters, Scope, Turn
from tests.conftest import SEEDS, make_settings

QUESTION = "How many action points does the campaign include?"


def test_every_answer_is_logged_under_its_id_with_its_question_and_scope(
    container: Container,
) -> None:
    container.ingestor.ingest([SEEDS])
    history = [Turn(role="user", content="What campaign did Baogang launch?")]
    scope = Scope(as_of=date(2025, 3, 1), filters=Filters(published_to=date(2025, 3, 1)))
    answer = container.engine.ask(QUESTION, history, scope=scope)
    assert answer.answer_id is not None
    logged = container.answer_log.get(answer.answer_id)
    assert logged.question == QUESTION
    assert logged.answer == answer.answer
    assert logged.citations == answer.citations
    assert logged.history == history
    assert logged.as_of == "2025-03-01"
    assert logged.filters == scope.filters
    assert logged.mode == "extractive"
    assert logged.generation == container.store.generation()


def test_an_unknown_id_is_not_found_and_an_unrecorded_answer_has_none(
    container: Container,
) -> None:
    container.ingestor.ingest([SEEDS])
    with pytest.raises(NotFound, match="no answer with id 'nope'"):
        container.answer_log.get("nope")
    assert container.engine.ask(QUESTION, record=False).answer_id is None


def test_retention_zero_keeps_no_log(tmp_path: object) -> None:
    settings = make_settings(tmp_path / "var", answer_log_days=0)  # type: ignore[operator]
    with build_container(settings) as quiet:
        quiet.ingestor.ingest([SEEDS])
        assert quiet.engine.ask(QUESTION).answer_id is None


def test_slack_messages_find_their_answer_and_old_records_are_pruned(
    container: Container,
) -> None:
    container.ingestor.ingest([SEEDS])
    answer = container.engine.ask(QUESTION)
    assert answer.answer_id is not None
    container.answer_log.link_slack(answer.answer_id, "C1", "1700000000.000100")
    found = container.answer_log.find_slack("C1", "1700000000.000100")
    assert found is not None
    assert found.answer_id == answer.answer_id
    assert container.answer_log.find_slack("C1", "1700000000.000200") is None
    # A log keeping zero seconds prunes everything older than now.
    expiring = AnswerLog(container.store.client, container.settings.collection, keep_days=1)
    expiring._keep_s = 0
    time.sleep(0.01)
    expiring.prune()
    with pytest.raises(NotFound):
        container.answer_log.get(answer.answer_id)
