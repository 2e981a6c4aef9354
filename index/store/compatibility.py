"""Refuses a store written in another index format, in one line that says how to rebuild it.

Reads of older layouts are not kept: a store of another format is rebuilt once, from the
articles. The check costs nothing on a current store: the format is in the metadata of the
document collection, which opening it has already read. A store without it is new if empty.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import StoreError
from index.store.clients import persist_directory, server_address
from index.store.layout import FORMAT_KEY, INDEX_FORMAT, collection_names

REINDEX = "re-index with `assistant ingest [PATHS]`"


def check_index_format(client: Any, name: str, chunks: Any, docs: Any) -> None:
    """Raise StoreError unless the store `name` (its chunk and document collections, as just
    opened) is of this version's `INDEX_FORMAT` or empty."""
    found = (docs.metadata or {}).get(FORMAT_KEY)
    if found == INDEX_FORMAT:
        return
    if found is None:
        if docs.count() == 0 and chunks.count() == 0:
            return  # new: its first write records the format
        found = _record_format(docs)  # written before the format was kept on the collection
    raise StoreError(_refusal(found, _remedy(client, name)))


def _record_format(docs: Any) -> Any:
    """The format on one document record (formats 1 and 2 kept it there only); None if none."""
    got = docs.get(limit=1, include=["metadatas"])
    return (got["metadatas"] or [{}])[0].get(FORMAT_KEY) if got["ids"] else None


def _refusal(found: Any, remedy: str) -> str:
    reads = f"this version reads {INDEX_FORMAT}"
    if isinstance(found, int) and found > INDEX_FORMAT:
        return (
            f"this index was built by a newer version (index format {found}, {reads}): "
            f"upgrade the assistant, or {remedy}"
        )
    built = f"index format {found}" if found is not None else "an older index format"
    return f"this index was built by an older version ({built}, {reads}): {remedy}"


def _remedy(client: Any, name: str) -> str:
    """What rebuilds the store: delete it where it lives, then ingest the articles again."""
    folder = persist_directory(client)
    if folder is not None:
        return f"delete {folder}, then {REINDEX}"
    names = ", ".join(collection_names(name))
    return (
        f"delete the collections {names} on the Chroma server at {server_address(client)}, "
        f"then {REINDEX}"
    )
