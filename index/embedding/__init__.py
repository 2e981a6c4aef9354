"""Local sentence embeddings (all-MiniLM-L6-v2) usable as a llama-index BaseEmbedding."""

from __future__ import annotations

from index.embedding.minilm import MiniLMEmbedding
from index.embedding.tokenizer import load_tokenizer

__all__ = ["MiniLMEmbedding", "load_tokenizer"]
