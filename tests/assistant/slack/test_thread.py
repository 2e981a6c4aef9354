"""Thread messages become conversation turns; redeliveries are recognised."""

from __future__ import annotations

from assistant.slack.dedupe import SeenEvents
from assistant.slack.thread import LOOKING, clean_question, thread_history, thread_scope


def test_mentions_are_removed_from_questions() -> None:
    assert clean_question("<@UBOT>  How many <@U2|bob> points?") == "How many points?"


def test_thread_turns_stop_before_the_current_message() -> None:
    messages = [
        {"user": "U1", "text": "<@UBOT> What campaign?", "ts": "1"},
        {"user": "UBOT", "text": LOOKING, "ts": "2"},
        {"bot_id": "B", "text": "A reform campaign. [1]", "ts": "3"},
        {"user": "U1", "text": "<@UBOT> And how many points?", "ts": "4"},
        {"user": "U1", "text": "later", "ts": "5"},
    ]
    turns = thread_history(messages, bot_user_id="UBOT", current_ts="4")
    assert [(t.role, t.content) for t in turns] == [
        ("user", "What campaign?"),
        ("assistant", "A reform campaign. [1]"),
    ]


def test_an_event_id_is_first_seen_once() -> None:
    seen = SeenEvents(max_entries=2)
    assert seen.first_time("a") is True
    assert seen.first_time("a") is False
    seen.first_time("b")
    seen.first_time("c")
    assert seen.first_time("a") is True  # evicted: the cache stays bounded


def test_scope_tokens_are_left_out_of_earlier_questions() -> None:
    messages = [
        {
            "user": "U1",
            "text": '<@UBOT> source:"River Times" until:2025-02-10 What cost?',
            "ts": "1",
        },
        {"user": "U1", "text": "<@UBOT> And when?", "ts": "2"},
    ]
    turns = thread_history(messages, bot_user_id="UBOT", current_ts="2")
    assert [t.content for t in turns] == ["What cost?"]


def test_a_follow_up_inherits_the_latest_scope_given_earlier_in_the_thread() -> None:
    messages = [
        {"user": "U1", "text": "<@UBOT> source:cnn What happened?", "ts": "1"},
        {"bot_id": "B", "text": "source:fake echoed by the bot", "ts": "2"},
        {"user": "U1", "text": 'and source:"River Times" since:2025-01-01 then?', "ts": "3"},
        {"user": "U1", "text": "<@UBOT> And who said so?", "ts": "4"},
    ]
    assert thread_scope(messages, current_ts="4") == 'source:"River Times" since:2025-01-01'
    assert thread_scope(messages[:1], current_ts="1") == ""
