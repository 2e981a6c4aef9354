"""The lexical index on disk: one tantivy index of every chunk, under the data folder.

tantivy keeps segments, deletes by term and merges in the background, so a change costs what it
changes (an upload: its chunks), not a rebuild of the whole corpus. Every process on the host
opens the same folder; readers map it and see a writer's commit after `reload()`. tantivy lets
one writer at a time in (its own lock file); `LexicalIndex` decides who writes and when.

Per chunk: its id, document id and source (exact terms, for deletes and filters), its published
day (an integer fast field, 0 when undated), its near-duplicate sketch (stored bytes) and its
BM25 terms (title and text, `index.lexical.analyzer`). Texts are not stored: Chroma has them.
A small file beside the index, `STATE_FILE`, records what it was built from (the analyzer
version, the title weight) and the Chroma fingerprint it is in step with. It is rewritten after
each commit, never before, so it never claims more than the index holds: a crash in between
leaves an older fingerprint, which costs a catch-up by ids, not a wrong answer. (A document
inside the index would commit atomically with the chunks, but every commit would leave a deleted
copy in the BM25 statistics until a merge.)
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from index.lexical import analyzer
from index.lexical.filters import day_number, day_text
from index.near_duplicates import SKETCH_SIZE, signature
from index.store import ChunkHit

log = logging.getLogger(__name__)

STATE_FILE = "state.json"  # beside the index folder: tantivy owns what is inside it
_WRITER_HEAP = 64_000_000  # bytes of tantivy's indexing buffer (it flushes a segment when full)
_WRITER_WAIT_S = 30.0  # how long to wait for tantivy's writer lock held by another process


@dataclass(frozen=True)
class Posting:
    """One search hit."""

    chunk_id: str
    doc_id: str
    score: float


@dataclass(frozen=True)
class Stored:
    """What the index keeps of a chunk besides its terms and ids."""

    day: str  # YYYY-MM-DD or ""
    sketch: np.ndarray


def _schema() -> tantivy.Schema:
    fields = tantivy.SchemaBuilder()
    fields.add_text_field("chunk_id", stored=True, tokenizer_name="raw", index_option="basic")
    fields.add_text_field("doc_id", stored=True, tokenizer_name="raw", index_option="basic")
    fields.add_text_field("source", tokenizer_name="raw", index_option="basic")
    fields.add_integer_field("day", stored=True, indexed=True, fast=True)
    fields.add_bytes_field("sketch", stored=True)
    fields.add_text_field("body", tokenizer_name=analyzer.NAME, index_option="freq")
    return fields.build()


class ChunkIndex:
    """The tantivy index in `folder`: searches, lookups and write sessions."""

    def __init__(self, folder: Path, *, title_weight: int) -> None:
        self.folder = folder
        self.state_file = folder.with_name(f"{folder.name}.{STATE_FILE}")
        self.title_weight = title_weight
        self.params = {"analyzer": analyzer.VERSION, "title_weight": title_weight}
        self.schema = _schema()
        self._analyzer = analyzer.build()
        self._index = self._open()

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> str | None:
        """See the last commit, whichever process made it (about a millisecond). Returns the
        Chroma fingerprint the index is now in step with at least (read before reloading: the
        file is written after its commit), None if unknown."""
        state = self.state()
        self._index.reload()
        return state

    def state(self) -> str | None:
        """The Chroma fingerprint recorded after the last commit; None if none was (or the
        index was built with other parameters)."""
        recorded = self._recorded()
        if recorded is None or recorded.get("params") != self.params:
            return None
        fingerprint = recorded.get("fingerprint")
        return None if fingerprint is None else str(fingerprint)

    def terms(self, text: str) -> list[str]:
        return list(self._analyzer.analyze(text))

    def search(self, text: str, top_k: int, where: tantivy.Query | None = None) -> list[Posting]:
        """Best BM25 scores first; only chunks sharing a term with `text` (and allowed by
        `where`). Repeated query terms count again, as they did in bm25s."""
        terms = self.terms(text)
        if not terms or top_k <= 0:
            return []
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", t, "freq"))
                for t in terms
            ]
        )
        if where is not None:
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, query),
                    (tantivy.Occur.Must, tantivy.Query.const_score_query(where, 0.0)),
                ]
            )
        searcher = self._searcher()
        hits = searcher.search(query, top_k, count=False).hits
        postings = []
        for score, address in hits:
            doc = searcher.doc(address)
            postings.append(
                Posting(str(doc.get_first("chunk_id")), str(doc.get_first("doc_id")), score)
            )
        return postings

    def stored(self, chunk_ids: Sequence[str]) -> dict[str, Stored]:
        """The stored fields of the chunks among `chunk_ids` that the index holds."""
        if not chunk_ids:
            return {}
        query = tantivy.Query.term_set_query(self.schema, "chunk_id", list(chunk_ids))
        found: dict[str, Stored] = {}
        for doc in self._docs(self._searcher(), query, len(chunk_ids)):
            sketch = np.frombuffer(doc.get_first("sketch") or b"", dtype=np.uint32)
            found[str(doc.get_first("chunk_id"))] = Stored(
                day=day_text(int(doc.get_first("day") or 0)),
                sketch=sketch if len(sketch) == SKETCH_SIZE else signature(""),
            )
        return found

    def doc_ids(self, where: tantivy.Query | None = None) -> frozenset[str]:
        """The documents with at least one chunk `where` allows (every document if None)."""
        return frozenset(term for term, _ in self._terms("doc_id", where))

    def sources(self) -> list[str]:
        return sorted(term for term, _ in self._terms("source", None))

    def chunk_ids(self) -> set[str]:
        """Every chunk id held, read from the term dictionary (no stored documents)."""
        return {term for term, _ in self._terms("chunk_id", None)}

    # -- writing -------------------------------------------------------------------------------

    def writing(self) -> Writing:
        """A write session; only one process at a time gets one (the caller serialises)."""
        began = time.monotonic()
        while True:
            try:
                writer = self._index.writer(heap_size=_WRITER_HEAP, num_threads=1)
                return Writing(self, writer)
            except ValueError as exc:  # tantivy's lock is held: another process is writing
                if "LockBusy" not in str(exc) or time.monotonic() - began > _WRITER_WAIT_S:
                    raise
                time.sleep(0.01)

    def document(self, chunk: ChunkHit) -> tantivy.Document:
        meta = chunk.metadata
        return tantivy.Document(
            chunk_id=chunk.chunk_id,
            doc_id=str(meta.get("doc_id", "")),
            source=str(meta.get("source", "")),
            day=day_number(str(meta.get("published") or "")),
            sketch=signature(chunk.text).astype(np.uint32).tobytes(),
            body=analyzer.indexed_text(
                str(meta.get("title", "")), chunk.text, title_weight=self.title_weight
            ),
        )

    # -- inside --------------------------------------------------------------------------------

    def _open(self) -> Any:
        """The index in the folder; a new one if there is none, or if it cannot be opened or
        was built with another schema (it is derived from Chroma, so nothing is lost)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            if tantivy.Index.exists(str(self.folder)):
                index = tantivy.Index.open(str(self.folder))
                recorded = self._recorded()
                if index.schema == self.schema and recorded and recorded["params"] == self.params:
                    return self._ready(index)
                log.info("lexical index at %s built otherwise: rebuilding", self.folder)
        except ValueError as exc:
            log.warning("lexical index at %s unreadable (%s): rebuilding", self.folder, exc)
        self.state_file.unlink(missing_ok=True)  # first: it must never outlive its index
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, path=str(self.folder), reuse=False)
        self.record(None)
        return self._ready(index)

    def record(self, fingerprint: str | None) -> None:
        """Rewrite the state file at once (a reader sees the old one or the new one)."""
        written = self.state_file.with_name(f"{self.state_file.name}.{os.getpid()}.tmp")
        written.write_text(json.dumps({"fingerprint": fingerprint, "params": self.params}))
        os.replace(written, self.state_file)

    def _recorded(self) -> dict[str, Any] | None:
        try:
            recorded = json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return None
        return recorded if isinstance(recorded, dict) and "params" in recorded else None

    def _ready(self, index: Any) -> Any:
        index.register_tokenizer(analyzer.NAME, self._analyzer)
        index.config_reader(reload_policy="Manual")
        return index

    def _searcher(self) -> Any:
        return self._index.searcher()

    def _docs(self, searcher: Any, query: tantivy.Query, limit: int) -> list[tantivy.Document]:
        hits = searcher.search(query, limit, count=False).hits
        return [searcher.doc(address) for _, address in hits]

    def _terms(self, field: str, where: tantivy.Query | None) -> Iterable[tuple[str, int]]:
        """A raw field's terms among live chunks (deleted ones wait for a merge otherwise)."""
        found: list[tuple[str, int]] = self._searcher().terms_with_prefix(
            field, "", filter_query=where or tantivy.Query.all_query()
        )
        return found


class Writing:
    """One write session: adds and deletes, made visible together by `commit`."""

    def __init__(self, index: ChunkIndex, writer: Any) -> None:
        self._index = index
        self._writer = writer

    def add(self, chunks: Iterable[ChunkHit]) -> None:
        for chunk in chunks:
            self._writer.add_document(self._index.document(chunk))

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Every chunk of these documents, added before this call (tantivy orders operations:
        a document's new chunks added after this call stay)."""
        for doc_id in doc_ids:
            self._writer.delete_documents_by_term("doc_id", doc_id)

    def delete_all(self) -> None:
        self._writer.delete_all_documents()

    def delete_chunks(self, chunk_ids: Iterable[str]) -> None:
        for cid in chunk_ids:
            self._writer.delete_documents_by_term("chunk_id", cid)

    def commit(self, fingerprint: str) -> None:
        """Make the changes visible to every process, then record the Chroma fingerprint they
        bring the index in step with; then let tantivy's merges finish and free the writer."""
        self._writer.commit()
        self._index.record(fingerprint)
        self.close()

    def close(self) -> None:
        """Waits for background merges and gives up tantivy's lock; uncommitted changes go."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.wait_merging_threads()
