"""`ChromaStore`: opens a store's three collections, refuses another index format, reads, writes."""

from __future__ import annotations

from typing import Any

from assistant.errors import StoreError
from index.store.commit import StoreCommits
from index.store.compatibility import check_index_format
from index.store.layout import FORMAT_KEY, INDEX_FORMAT, collection_names
from index.store.reads import StoreReads


class ChromaStore(StoreReads, StoreCommits):
    """One store (`index.store.layout`): reads in `StoreReads`, the commit protocol in
    `StoreCommits`. Opening one of another index format raises a StoreError naming the fix."""

    def __init__(self, client: Any, name: str) -> None:
        self.name = name
        self._client = client
        chunks_name, docs_name, texts_name = collection_names(name)
        try:
            self._chunks = client.get_or_create_collection(
                chunks_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
            self._docs = client.get_or_create_collection(
                docs_name, metadata={FORMAT_KEY: INDEX_FORMAT}, embedding_function=None
            )
            self._texts = client.get_or_create_collection(texts_name, embedding_function=None)
            check_index_format(client, name, self._chunks, self._docs)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open collection {name!r}: {exc}") from None

    @property
    def client(self) -> Any:
        """The Chroma client underneath (embedded or server), for tools and tests."""
        return self._client
