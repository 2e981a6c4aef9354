"""Feedback in Slack's terms: which reactions rate an answer, the "Not helpful" button, its
modal (the chat UI's choices), and reading the submitted modal back as a FeedbackRequest."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import ValidationError

from assistant.feedback.records import MAX_FEEDBACK_CHARS, FeedbackRequest, Rating, Reason

NOT_HELPFUL_ACTION = "not_helpful"
FEEDBACK_VIEW = "answer_feedback"  # the modal's callback_id
REASON_BLOCK, COMMENT_BLOCK, CORRECT_BLOCK = "reason", "comment", "correct_answer"
VALUE = "value"  # the action_id of each input
METADATA_EVENT = "answer"

REACTIONS: dict[str, Rating] = {
    "+1": "up",
    "thumbsup": "up",
    "white_check_mark": "up",
    "heart": "up",
    "-1": "down",
    "thumbsdown": "down",
    "x": "down",
}
REASON_LABELS: dict[str, str] = {
    "wrong_answer": "Wrong answer",
    "wrong_source": "Wrong source",
    "should_abstain": "Should have said not found",
    "other": "Other",
}
assert set(REASON_LABELS) == set(get_args(Reason))

Block = dict[str, Any]


def reaction_rating(reaction: str) -> Rating | None:
    """The rating a reaction gives (`+1::skin-tone-3` as `+1`), None for any other reaction."""
    return REACTIONS.get(reaction.split("::", 1)[0])


def answer_metadata(answer_id: str) -> dict[str, Any]:
    """Message metadata naming the answer a message shows."""
    return {"event_type": METADATA_EVENT, "event_payload": {"answer_id": answer_id}}


def not_helpful_button(answer_id: str) -> Block:
    return {
        "type": "button",
        "action_id": NOT_HELPFUL_ACTION,
        "text": {"type": "plain_text", "text": "Not helpful"},
        "value": answer_id,
    }


def feedback_view(answer_id: str) -> Block:
    """The modal "Not helpful" opens; its private_metadata names the answer."""
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": reason}
        for reason, label in REASON_LABELS.items()
    ]
    return {
        "type": "modal",
        "callback_id": FEEDBACK_VIEW,
        "private_metadata": answer_id,
        "title": _plain("Not helpful"),
        "submit": _plain("Send"),
        "close": _plain("Cancel"),
        "blocks": [
            {
                "type": "input",
                "block_id": REASON_BLOCK,
                "label": _plain("What was wrong?"),
                "element": {"type": "radio_buttons", "action_id": VALUE, "options": options},
            },
            _text_input(COMMENT_BLOCK, "Comment"),
            _text_input(CORRECT_BLOCK, "The correct answer, if you know it"),
        ],
    }


def thanks_view() -> Block:
    return {
        "type": "modal",
        "title": _plain("Not helpful"),
        "close": _plain("Close"),
        "blocks": [
            {
                "type": "section",
                "text": _plain("Thank you: this goes to the people who check the answers."),
            }
        ],
    }


def read_feedback(view: dict[str, Any]) -> FeedbackRequest | dict[str, str]:
    """The submitted modal as a 👎 FeedbackRequest, or errors by block_id to show in it."""
    values = (view.get("state") or {}).get("values") or {}
    reason = (_input(values, REASON_BLOCK).get("selected_option") or {}).get("value")
    comment = _input(values, COMMENT_BLOCK).get("value")
    correct = _input(values, CORRECT_BLOCK).get("value")
    errors: dict[str, str] = {}
    if reason not in REASON_LABELS:
        errors[REASON_BLOCK] = "Choose what was wrong."
    for block, text in ((COMMENT_BLOCK, comment), (CORRECT_BLOCK, correct)):
        if text is not None and len(text) > MAX_FEEDBACK_CHARS:
            errors[block] = f"At most {MAX_FEEDBACK_CHARS} characters (this is {len(text)})."
    if errors:
        return errors
    try:
        view_id, answer_id = str(view.get("id") or ""), str(view.get("private_metadata") or "")
        key = f"slack-{view_id}-{answer_id}"
        return FeedbackRequest(
            # A modal submitted twice (a double click, a Slack retry) is one view: one record.
            feedback_id=key if view_id.isalnum() and answer_id.isalnum() else None,
            answer_id=answer_id,
            rating="down",
            reason=reason,
            comment=comment,
            correct_answer=correct,
        )
    except ValidationError:
        return {REASON_BLOCK: "This form names no answer; open it again from the answer."}


def _input(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    found = (values.get(block_id) or {}).get(VALUE)
    return found if isinstance(found, dict) else {}


def _text_input(block_id: str, label: str) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(label),
        "element": {
            "type": "plain_text_input",
            "action_id": VALUE,
            "multiline": True,
            "max_length": MAX_FEEDBACK_CHARS,
        },
    }


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}
