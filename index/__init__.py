"""Ingestion: corpus files → loaders → chunker → embedder → Chroma."""
