"""One ingestion measurement in a process of its own (so peak memory is its own), as JSON.

    python -m evals.bench.ingest_worker --pipeline ours|raw|stock --backend fast \\
        --dataset realtimeqa --fraction 0.1 --store var/bench/ingest/run

`ours` is `Ingestor.ingest_documents` into a fresh store, then the same corpus again (the
unchanged re-ingest). `raw` is the bare runtime on the same chunks (see `raw_bound`). `stock`
is llama-index's quickstart: `VectorStoreIndex.from_documents` into a `ChromaVectorStore`, with
its default splitter (1,024-token chunks) and our embedder passed explicitly.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Literal, cast

from assistant.container import build_container
from assistant.offline import apply_offline_env
from assistant.settings import load_settings
from evals.bench import coverage, raw_bound
from evals.bench.corpus import chunk_texts, load_dataset
from evals.bench.measure import peak_rss_mb
from evals.retrieval.corpus import documents
from evals.store_cache import MODELS_DIR, benchmark_settings, store_settings
from index.chunker import Chunker
from index.document import SourceDocument
from index.embedding import load_tokenizer
from index.embedding.backends import open_embedder, open_runner
from index.embedding.measured_choice import Backend
from index.pipeline import embedding_text

Pipeline = Literal["ours", "raw", "stock"]


def ours(docs: list[SourceDocument], backend: Backend, store: Path) -> dict[str, Any]:
    settings = store_settings(benchmark_settings(embed_backend=backend), store)
    container = build_container(settings)
    cpu = time.process_time()
    first = container.ingestor.ingest_documents(docs)
    cpu = time.process_time() - cpu
    again = container.ingestor.ingest_documents(docs)
    if again.chunks_embedded or len(again.unchanged) != len(first.added):
        raise RuntimeError(f"re-ingest was not a no-op: {again}")
    chunker = _chunker(settings.chunk_tokens, settings.chunk_overlap_tokens)
    chunks = [
        coverage.EmbeddedChunk(doc.doc_id, c.start, c.text, embedding_text(doc, c))
        for doc in docs
        for c in chunker.chunk(doc.text)
    ]
    return {
        "seconds": first.seconds,
        "cpu_seconds": cpu,
        "reingest_seconds": again.seconds,
        "embedder": container.embedder.model_name,
        "batch_size": settings.embed_batch_size,
        "streams": container.embedder.bulk_streams,
        **_coverage(chunks, docs),
    }


def raw(docs: list[SourceDocument], backend: Backend) -> dict[str, Any]:
    settings = load_settings()
    texts = chunk_texts(docs, _chunker(settings.chunk_tokens, settings.chunk_overlap_tokens))
    runner, name = open_runner(backend, MODELS_DIR)
    token_ids = raw_bound.tokenize(texts)
    setup, size = raw_bound.best_setup(runner, token_ids)
    cpu = time.process_time()
    measured = raw_bound.run(setup, token_ids, size)
    return {
        "seconds": measured.seconds,
        "cpu_seconds": time.process_time() - cpu,
        "embedder": name,
        "batch_size": size,
        "streams": measured.streams,
        "chunks": len(texts),
        "tokens_embedded": measured.tokens,
    }


def stock(docs: list[SourceDocument], backend: Backend, store: Path) -> dict[str, Any]:
    """The llama-index quickstart, as a user would write it; nothing tuned."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    embed_model = open_embedder(backend, models_dir=MODELS_DIR)
    began, cpu = time.perf_counter(), time.process_time()
    client = chromadb.PersistentClient(
        path=str(store / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("quickstart")
    storage_context = StorageContext.from_defaults(
        vector_store=ChromaVectorStore(chroma_collection=collection)
    )
    VectorStoreIndex.from_documents(
        [Document(id_=d.doc_id, text=d.text, metadata={"title": d.title}) for d in docs],
        storage_context=storage_context,
        embed_model=embed_model,
    )
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "embedder": embed_model.model_name,
        "batch_size": embed_model.embed_batch_size,
        "streams": embed_model.bulk_streams,
        **_coverage(_stock_chunks(collection), docs),
    }


def _stock_chunks(collection: Any) -> list[coverage.EmbeddedChunk]:
    """The nodes llama-index stored, with the exact text it gave the embedder."""
    from llama_index.core.schema import MetadataMode
    from llama_index.core.vector_stores.utils import metadata_dict_to_node

    got = collection.get(include=["metadatas", "documents"])
    chunks = []
    for meta, text in zip(got["metadatas"], got["documents"], strict=True):
        node = metadata_dict_to_node(meta, text=text)
        chunks.append(
            coverage.EmbeddedChunk(
                doc_id=str(node.ref_doc_id),
                start=int(getattr(node, "start_char_idx", None) or 0),
                text=text,
                embed_text=node.get_content(metadata_mode=MetadataMode.EMBED),
            )
        )
    return chunks


def _coverage(chunks: list[coverage.EmbeddedChunk], docs: list[SourceDocument]) -> dict[str, Any]:
    measured = coverage.measure(chunks, {d.doc_id: d.text for d in docs})
    return {
        "chunks": measured.chunks,
        "tokens_chunked": measured.tokens_chunked,
        "tokens_embedded": measured.tokens_embedded,
        "text_coverage": measured.text_coverage,
    }


def _chunker(chunk_tokens: int, overlap_tokens: int) -> Chunker:
    return Chunker(
        load_tokenizer(for_model=False), chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens
    )


def main(argv: list[str]) -> int:
    apply_offline_env()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pipeline", choices=["ours", "raw", "stock"], required=True)
    parser.add_argument("--backend", choices=["int8", "fast", "fp32"], default="fast")
    parser.add_argument("--dataset", default="realtimeqa")
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--keep", action="store_true", help="keep the store for later queries")
    args = parser.parse_args(argv)
    docs = documents(load_dataset(args.dataset), args.fraction)
    shutil.rmtree(args.store, ignore_errors=True)
    args.store.mkdir(parents=True)
    backend = cast(Backend, args.backend)
    if args.pipeline == "ours":
        result = ours(docs, backend, args.store)
    elif args.pipeline == "raw":
        result = raw(docs, backend)
    else:
        result = stock(docs, backend, args.store)
    if not args.keep:
        shutil.rmtree(args.store, ignore_errors=True)
    result |= {
        "pipeline": args.pipeline,
        "backend": args.backend,
        "documents": len(docs),
        "peak_rss_mb": peak_rss_mb(),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
