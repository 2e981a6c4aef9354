"""`assistant eval retrieval --dataset FOLDER`: every retrieval mode side by side, BEIR data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.table import Table

from assistant.ask.retrieval.base import Retriever
from assistant.ask.retrieval.modes import MODES, Mode, build_retriever
from assistant.container import Container
from assistant.progress import ProgressBar
from assistant.settings import Settings, load_settings
from evals.beir_dataset import BeirDataset, load_beir
from evals.retrieval.corpus import sample_corpus
from evals.retrieval.runner import ModeResult, run_modes
from evals.store_cache import cached_settings, ingest_changed, open_store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
DEFAULT_TOP_K = 250  # chunks per query: enough for 100 distinct SciFact documents


def retrieval(
    ctx: typer.Context,
    dataset: Annotated[
        Path, typer.Option("--dataset", help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/.")
    ],
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the results to this JSON file.")
    ] = None,
    modes: Annotated[
        list[str] | None,
        typer.Option(
            "--mode",
            help="Modes to run (repeat): vector, bm25, hybrid, hybrid-rrf, hybrid-weighted. "
            "Default: the first three plus hybrid with the fusion not configured.",
        ),
    ] = None,
    top_k: Annotated[
        int, typer.Option(min=10, max=1000, help="Chunks retrieved per query.")
    ] = DEFAULT_TOP_K,
    split: Annotated[
        str | None, typer.Option(help="qrels/SPLIT.tsv only (default: every qrels file).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N judged queries (quick runs).")
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Index only N documents: every judged-relevant one plus a fixed sample of the "
            "rest (for corpora too large to embed in one sitting).",
        ),
    ] = None,
) -> None:
    """Retrieval quality and speed of each mode: nDCG@10, MRR@10, recall@10/100, latency.

    The corpus is ingested once into `<data dir>/bench/<dataset>/` and reused by later runs.
    """
    data = load_beir(dataset, split=split)
    if sample is not None:
        data = sample_corpus(data, sample)
    settings = cached_settings(_app_settings(ctx), data.name, sample=sample)
    names = _modes(modes, settings)
    with open_store(settings) as container:
        _index(container, data)
        results = run_modes(_retrievers(names, container), data, top_k=top_k, limit=limit)
        chunks = container.store.chunk_count()
    out.print(_table(data.name, results, top_k))
    if json_path is not None:
        payload = {
            "dataset": data.name,
            "queries": results[0].queries if results else 0,
            "documents": len(data.corpus),
            "sampled": sample is not None,
            "chunks": chunks,
            "top_k_chunks": top_k,
            "settings": _retrieval_settings(settings),
            "results": [r.as_dict() for r in results],
        }
        json_path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        out.print(f"wrote {json_path}")


def _index(container: Container, data: BeirDataset) -> None:
    """Ingest the corpus; on later runs every document is unchanged and nothing is embedded."""
    where = container.settings.data_dir
    out.print(f"{data.name}: {len(data.corpus):,} documents; indexing into {where} …")
    with ProgressBar(err, f"indexing {data.name}") as bar:
        report = ingest_changed(container, data, progress=bar)
    out.print(
        f"added {len(report.added)} · updated {len(report.updated)} · unchanged "
        f"{len(report.unchanged)} · skipped {len(report.skipped)} — {report.chunks_embedded} "
        f"chunks embedded in {report.seconds:.1f} s; {container.store.chunk_count():,} chunks"
    )


def _retrievers(names: list[str], container: Container) -> dict[str, Retriever]:
    """One retriever per mode; `hybrid-rrf` / `hybrid-weighted` force that fusion."""
    retrievers: dict[str, Retriever] = {}
    for name in names:
        mode, _, fusion = name.partition("-")
        settings = container.settings
        if fusion:
            settings = settings.model_copy(update={"retrieval_fusion": fusion})
        retrievers[name] = build_retriever(
            cast(Mode, mode), settings, container.store, container.embedder, container.lexical
        )
    return retrievers


def _modes(names: list[str] | None, settings: Settings) -> list[str]:
    """Chosen modes in a fixed order, checked before anything is indexed."""
    known = [*MODES, "hybrid-rrf", "hybrid-weighted"]
    other = "weighted" if settings.retrieval_fusion == "rrf" else "rrf"
    chosen = names or [*MODES, f"hybrid-{other}"]
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise typer.BadParameter(f"unknown mode {unknown[0]!r}; choose from {', '.join(known)}")
    return [m for m in known if m in chosen]


def _app_settings(ctx: typer.Context) -> Settings:
    """The app's settings, honouring `assistant --data-dir` given before `eval`."""
    data_dir = ctx.find_root().params.get("data_dir")
    return load_settings(data_dir=data_dir) if data_dir else load_settings()


def _table(name: str, results: list[ModeResult], top_k: int) -> Table:
    queries = results[0].queries if results else 0
    table = Table(title=f"{name}: {queries} queries, top {top_k} chunks → documents")
    for column in ("mode", "nDCG@10", "MRR@10", "R@10", "R@100", "q/s", "p50 ms", "p95 ms"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for r in results:
        table.add_row(
            r.mode,
            f"{r.ndcg_at_10:.4f}",
            f"{r.mrr_at_10:.4f}",
            f"{r.recall_at_10:.4f}",
            f"{r.recall_at_100:.4f}",
            f"{r.queries_per_second:.1f}",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
        )
    return table


def _retrieval_settings(settings: Settings) -> dict[str, object]:
    fields = [
        name for name in type(settings).model_fields if name.startswith(("retrieval", "bm25"))
    ]
    return {name: getattr(settings, name) for name in [*fields, "chunk_tokens"]}
