"""A benchmark corpus lives in its own data folder and collection, ingested once and then reused.

The collection name carries the chunk settings (and the sample size), so changing them builds a
new collection instead of mixing corpora; unchanged documents are never re-embedded.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from assistant.errors import StoreError
from assistant.settings import Settings
from evals.beir_dataset import BeirDataset, BeirDoc
from index.document import SourceDocument


def bench_settings(base: Settings, dataset: BeirDataset, *, sample: int | None = None) -> Settings:
    """The app's settings pointed at `<data_dir>/bench/<dataset>/`, collection per corpus."""
    collection = f"beir-c{base.chunk_tokens}-o{base.chunk_overlap_tokens}"
    return base.model_copy(
        update={
            "data_dir": base.data_dir / "bench" / dataset.name,
            "collection": collection if sample is None else f"{collection}-n{sample}",
        }
    )


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the benchmark folder alone: two processes writing one embedded Chroma corrupt it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "bench.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another benchmark is using {data_dir}; wait for it") from None
        yield


def sample_corpus(dataset: BeirDataset, size: int) -> BeirDataset:
    """Every judged-relevant document plus a fixed pseudo-random draw of the others, `size` in all.

    For corpora too large to embed on a laptop in one sitting; the distractors are chosen by a
    hash of their id, so every run (and every machine) samples the same documents.
    """
    relevant = {
        doc_id
        for qid in dataset.judged_queries()
        for doc_id, grade in dataset.qrels[qid].items()
        if grade > 0
    }
    others = sorted(
        (d for d in dataset.corpus if d.doc_id not in relevant),
        key=lambda d: hashlib.blake2b(d.doc_id.encode(), digest_size=8).digest(),
    )
    chosen = relevant | {d.doc_id for d in others[: max(0, size - len(relevant))]}
    return dataclasses.replace(dataset, corpus=[d for d in dataset.corpus if d.doc_id in chosen])


def source_document(doc: BeirDoc, dataset_name: str) -> SourceDocument:
    """BEIR ids stay the document ids (qrels name them); news metadata becomes ours."""
    meta = doc.metadata
    url = str(meta.get("url") or "") or None
    host = urlsplit(url).hostname if url else None
    published = str(meta.get("publish_date") or "").replace("/", "-") or None
    authors = meta.get("authors") or []
    return SourceDocument(
        doc_id=doc.doc_id,
        # A few news pages have a title and no body; the title is then all there is to find.
        text=doc.text if doc.text.strip() else doc.title,
        title=doc.title or doc.doc_id,
        source=host.removeprefix("www.") if host else dataset_name,
        author=", ".join(str(a) for a in authors) or None,
        published=published,
        url=url,
    )
