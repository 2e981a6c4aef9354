"""How a store lies in Chroma: its three collections, their ids and keys, and the index format.

A store named N is three collections: N holds one record per chunk (its vector, its text and the
few metadata keys retrieval reads), N-documents one record per committed document (all its
metadata, no text) and N-texts one record per version of a document's text (`<doc_id>#<hash>`,
like chunks), so a re-ingest in progress never shows the new text beside the old chunks.

Text is stored as metadata (`text`), never as a Chroma document: Chroma runs every document
through a trigram full-text index we never query, which made a chunk's write about 40 % dearer.

`INDEX_FORMAT` names this layout. It is recorded in the metadata of N-documents (next to the
generation token) and on each document record; raise it whenever stores written before can no
longer be read, and `index.store.compatibility` refuses them with the command that rebuilds them.
"""

from __future__ import annotations

from index.document import SourceDocument

# 3: text only as metadata (chunks and the N-texts collection), the format on the collection.
INDEX_FORMAT = 3

FORMAT_KEY = "index_format"  # on N-documents and on each document record
GENERATION_KEY = "generation"  # on N-documents; rewritten before and after every change
CLEANUP_KEY = "cleanup"  # on a document record: its old version's chunks may still exist
TEXT_KEY = "text"  # on a chunk and on a text record
# Chroma stores one row per metadata key per chunk: chunks carry only what retrieval and
# answering read; the rest (path, url, author) lives on the document record.
CHUNK_KEYS = frozenset({"doc_id", "title", "source", "published", "content_hash"})
PLACEHOLDER_VECTOR = [1.0]  # document and text records are looked up by id, never by vector

_DOCS_SUFFIX = "-documents"
_TEXTS_SUFFIX = "-texts"


def collection_names(name: str) -> list[str]:
    """Every Chroma collection a store of this name uses (chunks, document records, texts)."""
    return [name, documents_collection_name(name), texts_collection_name(name)]


def documents_collection_name(name: str) -> str:
    """The collection of document records; its metadata carries the generation and the format."""
    return name + _DOCS_SUFFIX


def texts_collection_name(name: str) -> str:
    return name + _TEXTS_SUFFIX


def text_id(doc_id: str, content_hash: str) -> str:
    """One version of a document's text."""
    return f"{doc_id}#{content_hash[:16]}"


def chunk_id(doc: SourceDocument, index: int) -> str:
    """Ids carry the content hash, so a new version never overwrites the live one."""
    return version_chunk_id(doc.doc_id, doc.content_hash, index)


def version_chunk_id(doc_id: str, content_hash: str, index: int) -> str:
    """The id of chunk `index` of one version of a document (`chunk_id`, from a record)."""
    return f"{doc_id}#{content_hash[:16]}#{index}"


def chunk_doc_id(chunk_id: str) -> str:
    """The document a chunk id belongs to (`version_chunk_id` read backwards)."""
    return chunk_id.rsplit("#", 2)[0]
