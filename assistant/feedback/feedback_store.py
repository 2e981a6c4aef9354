"""Feedback on logged answers, in the shared store (`<collection>-feedback`).

The client names an answer; the question, answer, citations and scope are copied from the log,
so a client cannot forge them and the record outlives the log's retention. Each record is one
write: after a crash it is there whole, or not at all.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import SecretStr

from assistant.errors import InputError, NotFound
from assistant.feedback.answer_log import AnswerLog
from assistant.feedback.records import FeedbackRecord, FeedbackRequest, Rating, Surface
from index.store.clients import store_errors
from index.store.layout import PLACEHOLDER_VECTOR

_PAGE = 500


def feedback_collection_name(collection: str) -> str:
    return f"{collection}-feedback"


class FeedbackStore:
    def __init__(
        self, client: Any, collection: str, answers: AnswerLog, *, secret: SecretStr | None
    ) -> None:
        self._feedback = client.get_or_create_collection(
            feedback_collection_name(collection), embedding_function=None
        )
        self._answers = answers
        self._secret = secret

    @store_errors("store feedback")
    def add(
        self, request: FeedbackRequest, *, surface: Surface, user_id: str | None = None
    ) -> FeedbackRecord:
        """Stores the feedback; NotFound for an answer the log does not hold. A retry naming
        the same `feedback_id` returns the record its first try stored."""
        if request.rating == "up" and (request.reason or request.correct_answer):
            raise InputError("a reason or a correct answer goes with a 👎 (rating 'down') only")
        if request.feedback_id is not None and (earlier := self._find(request.feedback_id)):
            if earlier.answer.answer_id != request.answer_id:
                raise InputError(f"feedback id {request.feedback_id!r} is taken by another answer")
            return earlier
        answer = self._answers.get(request.answer_id)
        record = FeedbackRecord(
            feedback_id=request.feedback_id or uuid.uuid4().hex,
            at=datetime.now(UTC).isoformat(timespec="seconds"),
            rating=request.rating,
            reason=request.reason,
            comment=_text(request.comment),
            correct_answer=_text(request.correct_answer),
            surface=surface,
            user=self._pseudonym(user_id),
            answer=answer,
        )
        self._feedback.add(
            ids=[record.feedback_id],
            embeddings=[PLACEHOLDER_VECTOR],
            metadatas=[
                {
                    "at": time.time(),
                    "answer_id": answer.answer_id,
                    "rating": record.rating,
                    "record": record.model_dump_json(),
                }
            ],
        )
        return record

    @store_errors("read feedback")
    def all(self, *, rating: Rating | None = None) -> list[FeedbackRecord]:
        """Every feedback record, newest first."""
        found: list[tuple[float, FeedbackRecord]] = []
        offset = 0
        where = {"rating": rating} if rating else None
        while True:
            got = self._feedback.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            for meta in got["metadatas"] or []:
                record = FeedbackRecord.model_validate_json(str(meta["record"]))
                found.append((float(meta["at"]), record))
            if len(got["ids"]) < _PAGE:
                break
            offset += _PAGE
        return [record for _, record in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def get(self, feedback_id: str) -> FeedbackRecord:
        """One record by its id, or by a prefix that names only it (as `feedback list` shows)."""
        wanted = feedback_id.strip()
        matches = [r for r in self.all() if r.feedback_id.startswith(wanted)] if wanted else []
        if len(matches) != 1:
            raise NotFound(
                f"no feedback with id {feedback_id!r}"
                if not matches
                else f"{feedback_id!r} names {len(matches)} feedback records; give more of it"
            )
        return matches[0]

    def _find(self, feedback_id: str) -> FeedbackRecord | None:
        got = self._feedback.get(ids=[feedback_id], include=["metadatas"])
        metas = got["metadatas"] or []
        return FeedbackRecord.model_validate_json(str(metas[0]["record"])) if metas else None

    def _pseudonym(self, user_id: str | None) -> str | None:
        if user_id is None or self._secret is None:
            return None
        key = self._secret.get_secret_value().encode()
        return hmac.new(key, user_id.encode(), hashlib.sha256).hexdigest()[:32]


def _text(value: str | None) -> str | None:
    cleaned = (value or "").replace("\x00", "").strip()
    return cleaned or None
