"""What the commands print: answers, ingest reports, the index status, one-line errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant.schema import Answer

if TYPE_CHECKING:
    from assistant.container import Container
    from assistant.settings import Settings
    from index.pipeline import IngestReport

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {escape(str(exc))}")


def print_answer(answer: Answer) -> None:
    style = "yellow" if answer.abstained else ""
    out.print(escape(answer.answer), style=style)
    if answer.citations:
        out.print()
        for c in answer.citations:
            dated = f"{c.published}, " if c.published else ""
            out.print(
                f"[bold][{c.n}][/bold] {escape(c.title)} [dim]({escape(c.source)}, {dated}"
                f"chars {c.start}–{c.end})[/dim]\n    “{escape(c.quote)}”"
            )
    out.print(f"[dim]{answer.timings_ms.total:.0f} ms[/dim]")


def print_report(report: IngestReport) -> None:
    counts = (
        f"added {len(report.added)} · updated {len(report.updated)} · "
        f"unchanged {len(report.unchanged)} · removed {len(report.removed)} · "
        f"skipped {len(report.skipped)}"
    )
    out.print(f"{counts} — {report.chunks_embedded} chunks embedded in {report.seconds:.2f} s")
    for doc_id in report.removed:
        out.print(f"  removed  {escape(doc_id)}")
    for skipped in report.skipped:
        out.print(f"  [yellow]skipped[/yellow]  {escape(skipped.path)}: {escape(skipped.reason)}")


def print_status(container: Container) -> None:
    settings = container.settings
    table = Table(show_header=False, box=None)
    table.add_row("documents", str(container.store.document_count()))
    table.add_row("chunks", str(container.store.chunk_count()))
    embedder = container.embedder.model_name
    if settings.embed_backend == "auto":
        from index.embedding.backends import auto_choice  # loads the model code: status only

        embedder += f" (auto: {auto_choice(settings.models_dir)[1]})"
    table.add_row("embedder", embedder)
    if settings.chroma_url:
        table.add_row("store", f"Chroma server at {settings.chroma_url}")
    else:
        table.add_row("store", f"Chroma (embedded) at {settings.chroma_path.resolve()}")
    table.add_row("collection", settings.collection)
    table.add_row("retrieval", f"{settings.retrieval_mode}, top {settings.top_k}")
    if settings.answer_mode == "llm":
        where = settings.llm_base_url or ("OpenAI" if settings.llm_api_key else _local(settings))
        table.add_row("answers", f"llm ({where}; every sentence's citation verified)")
    else:
        table.add_row("answers", "extractive (verbatim sentences, verified citations)")
    out.print(table)


def _local(settings: Settings) -> str:
    from assistant.ask.llm.endpoint import local_runtime  # the local model's code: status only

    runtime = local_runtime(settings)
    if settings.llm_runtime == "auto":
        from assistant.ask.llm.runtime_choice import runtime_for

        return f"local model on {runtime}, auto: {runtime_for(settings.models_dir)[1]}"
    return f"local model on {runtime}"


def warn_if_empty(container: Container) -> None:
    if container.store.document_count() == 0:
        err.print("[yellow]The index is empty: run `assistant ingest` first.[/yellow]")
