"""Removing documents whose file is gone from under the paths an ingest was given."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from index.store import ChromaStore


def prune_gone(
    store: ChromaStore,
    roots: list[Path],
    seen: Collection[str],
    on_disk: Collection[str],
    *,
    delete: Callable[[str], None],
) -> list[str]:
    """The ids removed: documents from under `roots` whose file is gone.

    A file that is still there but failed to load keeps its last good version indexed.
    """
    removed = []
    for doc_id, path in store.document_paths().items():
        if doc_id in seen or path in on_disk:
            continue
        if any(_is_within(Path(path), root) for root in roots):
            delete(doc_id)
            removed.append(doc_id)
    return removed


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
