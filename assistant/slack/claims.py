"""Slack redelivers an event it thinks was missed, to whichever worker the load balancer picks;
each event id is answered by one worker only.

A worker claims an event in the shared store (`<collection>-slack-events`, in Chroma beside the
index, so every worker on every host sees it): it adds a record under the event id naming its
own random token, then reads the record back. Chroma's `add` leaves an existing id as it is, so
the record holds the token of the first worker to claim, and only that worker answers. A
per-process SeenEvents sits in front: a repeat within one process costs no store call, and the
threads of one process (which share a token) never both pass. Claims older than an hour are
deleted now and then; Slack stops retrying long before.

If the store cannot be reached the event is answered (a rare double answer beats none). Events
that every listener ignores (bot messages, edits, reactions that rate nothing) claim nothing.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.request import BoltRequest

from assistant.errors import StoreError
from assistant.slack.dedupe import SeenEvents
from assistant.slack.feedback_view import reaction_rating
from index.store.clients import store_errors
from index.store.layout import PLACEHOLDER_VECTOR

log = logging.getLogger(__name__)
CLAIM_TTL_S = 3600.0
_PRUNE_EVERY = 100  # claims between two deletions of expired ones


def claims_collection_name(collection: str) -> str:
    return f"{collection}-slack-events"


class EventClaims:
    def __init__(self, client: Any, collection: str, *, ttl_s: float = CLAIM_TTL_S) -> None:
        self._events = client.get_or_create_collection(
            claims_collection_name(collection), embedding_function=None
        )
        self._seen = SeenEvents(ttl_seconds=ttl_s)
        self._ttl_s = ttl_s
        self.token = uuid.uuid4().hex  # this process's name in the claims it writes
        self._claims = 0

    def middleware(
        self,
        req: BoltRequest,
        resp: BoltResponse,  # noqa: ARG002 - Bolt passes middleware these three by name
        next: Any,
    ) -> BoltResponse | None:
        """Bolt middleware: an event this worker may not answer gets an empty 200."""
        body = req.body if isinstance(req.body, dict) else {}
        event_id = body.get("event_id")
        event = body.get("event")
        acted_on = _acted_on(event) if isinstance(event, dict) else True
        if event_id and acted_on and not self.first_time(str(event_id)):
            log.info("slack redelivery dropped event_id=%s", event_id)
            return BoltResponse(status=200, body="")
        next()
        return None

    def first_time(self, event_id: str) -> bool:
        """True in exactly one worker (and one thread of it) for an event id; False elsewhere."""
        if not self._seen.first_time(event_id):
            return False
        try:
            won = self._claim(event_id)
        except StoreError as exc:
            log.warning("slack event claim failed, answering anyway event_id=%s: %s", event_id, exc)
            return True
        self._claims += 1
        if self._claims % _PRUNE_EVERY == 1:
            self._prune()
        return won

    @store_errors("claim a Slack event")
    def _claim(self, event_id: str) -> bool:
        self._events.add(
            ids=[event_id],
            embeddings=[PLACEHOLDER_VECTOR],
            metadatas=[{"worker": self.token, "at": time.time()}],
        )
        got = self._events.get(ids=[event_id], include=["metadatas"])
        metas = got["metadatas"] or []
        return bool(metas) and metas[0].get("worker") == self.token

    def _prune(self) -> None:
        try:
            self._events.delete(where={"at": {"$lt": time.time() - self._ttl_s}})
        except Exception as exc:  # pruning is housekeeping; the next one tries again
            log.warning("slack event claims not pruned: %s", exc)


def _acted_on(event: dict[str, Any]) -> bool:
    """False for an event every listener ignores, which needs no claim."""
    if event.get("type") == "reaction_added":
        return reaction_rating(str(event.get("reaction", ""))) is not None
    if event.get("type") == "message":
        return not (event.get("subtype") or event.get("bot_id"))
    return True
