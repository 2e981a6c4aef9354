"""BEIR corpora as our documents: the whole corpus, a leading share, or a sample of it.

Where their stores live and how they are kept up to date is `evals.store_cache`'s job.
"""

from __future__ import annotations

import dataclasses
import hashlib
from urllib.parse import urlsplit

from evals.beir_dataset import BeirDataset, BeirDoc
from index.document import SourceDocument


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


def documents(data: BeirDataset, fraction: float = 1.0) -> list[SourceDocument]:
    """The first `fraction` of the corpus as our documents (ids and metadata kept).

    Always the leading share of the corpus file, so 10%, 30% and 100% nest and every pipeline
    in a run reads exactly the same documents.
    """
    count = max(1, round(len(data.corpus) * fraction))
    return [source_document(doc, data.name) for doc in data.corpus[:count]]


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
