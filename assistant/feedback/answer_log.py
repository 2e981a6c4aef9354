"""The answer log: every answer that leaves the process, by answer_id, in the shared store.

It lives in Chroma beside the index (`<collection>-answers`), not in a file, so every API worker
on every host reads what any of them wrote. Records are looked up by id or by a metadata field,
never by vector: each carries a one-number placeholder embedding and the collection has no
embedding function (Chroma's default one downloads a model). Records older than the retention
are deleted now and then as new ones are written.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from assistant.errors import NotFound
from assistant.feedback.records import AnswerRecord
from assistant.schema import Answer, Scope, Turn
from index.store.clients import store_errors
from index.store.layout import PLACEHOLDER_VECTOR

_PRUNE_EVERY = 200  # writes between two deletions of expired records
_DAY_S = 86_400


def answers_collection_name(collection: str) -> str:
    return f"{collection}-answers"


class AnswerLog:
    def __init__(self, client: Any, collection: str, *, keep_days: int) -> None:
        self._keep_s = keep_days * _DAY_S
        self._answers = client.get_or_create_collection(
            answers_collection_name(collection), embedding_function=None
        )
        self._writes = 0

    @property
    def enabled(self) -> bool:
        return self._keep_s > 0

    @store_errors("log an answer")
    def record(
        self,
        answer: Answer,
        history: Sequence[Turn],
        scope: Scope | None,
        *,
        mode: str,
        generation: str,
    ) -> Answer:
        """The answer, now carrying the id it was logged under (unchanged when the log is off)."""
        if not self.enabled:
            return answer
        answer_id = uuid.uuid4().hex
        entry = AnswerRecord(
            answer_id=answer_id,
            at=datetime.now(UTC).isoformat(timespec="seconds"),
            question=answer.question,
            history=list(history),
            answer=answer.answer,
            abstained=answer.abstained,
            citations=answer.citations,
            mode=mode,
            as_of=scope.as_of.isoformat() if scope is not None and scope.as_of else None,
            filters=scope.filters if scope is not None and _filtered(scope) else None,
            generation=generation,
        )
        self._write(entry, slack="")
        self._writes += 1
        if self._writes % _PRUNE_EVERY == 1:
            self.prune()
        return answer.model_copy(update={"answer_id": answer_id})

    @store_errors("read the answer log")
    def get(self, answer_id: str) -> AnswerRecord:
        got = self._answers.get(ids=[answer_id], include=["metadatas"])
        if not got["ids"]:
            raise NotFound(
                f"no answer with id {answer_id!r} (unknown, or older than the log keeps)"
            )
        return AnswerRecord.model_validate_json(str((got["metadatas"] or [{}])[0]["record"]))

    @store_errors("log a Slack message")
    def link_slack(self, answer_id: str, channel: str, ts: str) -> None:
        """Remember which Slack message shows the answer (reactions name the message)."""
        self._write(self.get(answer_id), slack=f"{channel}:{ts}")

    @store_errors("read the answer log")
    def find_slack(self, channel: str, ts: str) -> AnswerRecord | None:
        got = self._answers.get(where={"slack": f"{channel}:{ts}"}, include=["metadatas"], limit=1)
        metas = got["metadatas"] or []
        return AnswerRecord.model_validate_json(str(metas[0]["record"])) if metas else None

    @store_errors("prune the answer log")
    def prune(self) -> None:
        self._answers.delete(where={"at": {"$lt": time.time() - self._keep_s}})

    def _write(self, entry: AnswerRecord, *, slack: str) -> None:
        self._answers.upsert(
            ids=[entry.answer_id],
            embeddings=[PLACEHOLDER_VECTOR],
            metadatas=[{"at": time.time(), "slack": slack, "record": entry.model_dump_json()}],
        )


def _filtered(scope: Scope) -> bool:
    f = scope.filters
    return bool(f.sources or f.published_from or f.published_to)
