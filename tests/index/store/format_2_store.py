"""Writes a store as versions of index format 2 left it, straight through chromadb.

Chunk text as the Chroma document, the document's text on its record, the format on records only.
Usage: python -m tests.index.store.format_2_store CHROMA_DIR COLLECTION (an older version's
process, which has ended before the current one opens the folder).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from index.store import collection_names, open_client


def write_format_2_store(client: Any, name: str) -> None:
    chunks_name, docs_name, texts_name = collection_names(name)
    chunks = client.create_collection(
        chunks_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    docs = client.create_collection(
        docs_name, metadata={"generation": "0f"}, embedding_function=None
    )
    client.create_collection(texts_name, embedding_function=None)
    text = "The Dogger Bank wind farm began supplying power on Monday."
    meta = {"doc_id": "wind-farm.md", "content_hash": "c0ffee", "title": "North Sea wind farm"}
    chunks.add(
        ids=["wind-farm.md#c0ffee#0"],
        embeddings=[[0.1] * 384],
        documents=[text],
        metadatas=[{**meta, "start": 0, "end": len(text)}],
    )
    docs.add(
        ids=["wind-farm.md"],
        embeddings=[[1.0]],
        documents=[text],
        metadatas=[{**meta, "chunks": 1, "index_format": 2, "cleanup": False}],
    )


if __name__ == "__main__":
    write_format_2_store(open_client(Path(sys.argv[1])), sys.argv[2])
