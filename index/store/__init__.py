"""The Chroma store: chunk vectors, document records and document texts, in three collections.

Where to look: `layout` (collections, ids, keys, `INDEX_FORMAT`), `records` (what goes in and
out), `clients` (embedded or server, and Chroma's errors as StoreErrors), `compatibility` (a store
of another format is refused), `reads`, `commit` (the write protocol that makes an interrupted
ingest safe) and `chroma_store` (`ChromaStore`, which puts them together).
"""

from index.store.chroma_store import ChromaStore
from index.store.clients import open_client, open_server_client
from index.store.compatibility import drop_store
from index.store.layout import (
    INDEX_FORMAT,
    chunk_doc_id,
    chunk_id,
    collection_names,
    documents_collection_name,
    text_id,
)
from index.store.records import ChunkHit, EmbeddedDocument, StoredDocument

__all__ = [
    "INDEX_FORMAT",
    "ChromaStore",
    "ChunkHit",
    "EmbeddedDocument",
    "StoredDocument",
    "chunk_doc_id",
    "chunk_id",
    "collection_names",
    "documents_collection_name",
    "drop_store",
    "open_client",
    "open_server_client",
    "text_id",
]
