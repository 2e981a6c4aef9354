"""Embedding a stream of groups with the model kept busy: batches run ahead on the runtime's
threads while this one pads the next batch and pools the last, across group boundaries.

With `bulk` (a caller that knows a long stream is coming), or else after `_BULK_AFTER_BATCHES`
batches, the runtime's bulk set-up takes over: the quick one spends about twice the CPU per token
when batches queue up. In bulk, a batch runs per stream on threads of its own (the runtimes
release the GIL) with a few more queued. The model runs on across groups: the next group's first
batches are already queued when a group's result is handed on, so a caller whose next step holds
the GIL for a while (a Chroma write: ~0.2 s per group) does not leave the model idle.
"""

from __future__ import annotations

import queue
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from tokenizers import Tokenizer

from index.embedding.batches import Group, Texts
from index.embedding.encoder_runner import EncoderRunner

_QUEUED_PER_STREAM = 3  # batches handed to the runtime per stream: it runs on through GIL holds
# The bulk set-up is a second compiled model (~150 MB): only a stream this long earns it, so an API
# worker embedding uploads and the seed keeps one.
_BULK_AFTER_BATCHES = 16
_MAX_QUEUED = 24


def embed_groups(
    runner: EncoderRunner,
    tokenizer: Tokenizer,
    groups: queue.Queue[Texts | None],
    *,
    batch_size: int,
    bulk: bool = False,
) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
    """Vectors and span vectors for every (texts, spans) taken from `groups` until None, in
    order; each group's result as soon as its last batch is pooled."""
    quick = runner
    depth = min(_MAX_QUEUED, runner.streams * _QUEUED_PER_STREAM)
    bulk_from = 0 if bulk else _BULK_AFTER_BATCHES  # batches before the bulk set-up
    submitted = 0
    running: deque[tuple[Group, list[int], np.ndarray, Future[np.ndarray]]] = deque()
    waiting: deque[Group] = deque()  # groups not yet handed on, in order

    def finish_oldest() -> None:
        group, batch, mask, hidden = running.popleft()
        group.finish(batch, hidden.result(), mask)

    def ready() -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        while waiting and waiting[0].left == 0:
            yield waiting.popleft().result

    with ThreadPoolExecutor(max_workers=_MAX_QUEUED, thread_name_prefix="infer") as infer:
        ended = False
        while not ended or running:
            if ended:
                finish_oldest()
                yield from ready()
                continue
            try:  # wait for input only with nothing left to pool (no deadlock with a feeder)
                item = groups.get(block=not running)
            except queue.Empty:
                finish_oldest()
                yield from ready()
                continue
            if item is None:
                ended = True
                continue
            group = Group(tokenizer, *item, batch_size)
            waiting.append(group)
            for batch in group.batches:
                if submitted == bulk_from:  # a long stream: worth a 2nd compile
                    runner = quick.for_bulk()
                    depth = min(_MAX_QUEUED, runner.streams * _QUEUED_PER_STREAM)
                ids, mask = group.inputs(batch, runner.width_multiple)
                running.append((group, batch, mask, infer.submit(runner, ids, mask)))
                submitted += 1
                if len(running) > depth:
                    finish_oldest()
                    yield from ready()
            yield from ready()  # a group without texts is ready at once
