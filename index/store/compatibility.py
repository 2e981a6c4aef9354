"""Refuses a store written in another index format, in one line that says how to rebuild it, and
drops one for that rebuild (`assistant ingest --rebuild`).

Reads of older layouts are not kept: a store of another format is rebuilt once, from the
articles. The check costs nothing on a current store: the format is in the metadata of the
document collection, which opening it has already read. A store without it is new if empty.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import StoreError
from index.store.clients import persist_directory, server_address
from index.store.layout import FORMAT_KEY, INDEX_FORMAT, collection_names

REBUILD = "rebuild it from the articles with `assistant ingest --rebuild [PATHS]`"


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
    """What rebuilds the store, and what that deletes: its folder, or its server collections."""
    folder = persist_directory(client)
    where = (
        f"the index in {folder}"
        if folder is not None
        else f"the collections {', '.join(collection_names(name))} on the Chroma server at "
        f"{server_address(client)}"
    )
    return f"{REBUILD} (it deletes {where} first)"


def drop_store(client: Any, name: str) -> list[str]:
    """Deletes the store `name`'s collections, whatever their format; the names it deleted."""
    existing = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    dropped = [n for n in collection_names(name) if n in existing]
    for collection in dropped:
        client.delete_collection(collection)
    return dropped
