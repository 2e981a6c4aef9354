"""The BM25 index on disk, `<data_dir>/lexical/<collection>/`: bm25s arrays plus chunk ids and
what filters need, swapped in by rename; a new process loads it when the fingerprint matches."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from uuid import uuid4

import bm25s
import numpy as np

from index.lexical.snapshot import Snapshot

log = logging.getLogger(__name__)
_MANIFEST = "chunks.json"
_SIGNATURES = "signatures.npy"
_BM25_DIR = "bm25"


def save_snapshot(folder: Path, snap: Snapshot) -> None:
    """Write beside the live copy, then swap by rename; a lost race just keeps the other."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = folder.with_name(f".{folder.name}.{uuid4().hex}")
    stale = folder.with_name(f".{folder.name}.old.{uuid4().hex}")
    try:
        fresh.mkdir()
        if snap.bm25 is not None:
            snap.bm25.save(str(fresh / _BM25_DIR), show_progress=False)
        np.save(fresh / _SIGNATURES, snap.signatures)
        manifest = {
            "key": snap.key,
            "chunk_ids": snap.chunk_ids,
            "doc_ids": snap.doc_ids.tolist(),
            "sources": snap.sources.tolist(),
            "days": snap.days.tolist(),
        }
        (fresh / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if folder.exists():
            os.replace(folder, stale)
        os.replace(fresh, folder)
    except OSError as exc:
        log.warning("BM25 index not saved (it stays in memory): %s", exc)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)


def load_snapshot(folder: Path, key: str) -> Snapshot | None:
    """The saved index if it was built at `key`; None if it was not, or cannot be read."""
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            return None
        bm25_dir = folder / _BM25_DIR
        bm25 = (
            bm25s.BM25.load(str(bm25_dir), mmap=False, show_progress=False)
            if bm25_dir.exists()
            else None
        )
        return Snapshot.of(
            key,
            bm25,
            manifest["chunk_ids"],
            manifest["doc_ids"],
            manifest["sources"],
            manifest["days"],
            np.load(folder / _SIGNATURES),
        )
    except (OSError, ValueError, KeyError) as exc:
        log.info("BM25 index on disk not usable, rebuilding: %s", exc)
        return None
