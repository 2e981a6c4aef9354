"""Local sentence embeddings (all-MiniLM-L6-v2) usable as a llama-index BaseEmbedding."""

from __future__ import annotations

from index.embedding.minilm_onnx import MiniLMOnnxEmbedding, load_tokenizer

__all__ = ["MiniLMOnnxEmbedding", "load_tokenizer"]
