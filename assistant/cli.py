"""The `assistant` command: ingest, ask, chat, status. Errors become one-line messages here."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.container import Container, build_container
from assistant.errors import AssistantError
from assistant.offline import apply_offline_env
from assistant.schema import Answer, Turn
from assistant.settings import Settings, load_settings
from evals.cli import eval_app
from index.pipeline import IngestReport

app = typer.Typer(
    help="Ask questions about an article corpus; every answer cites and verifies its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _State:
    overrides: dict[str, Any] = {}  # noqa: RUF012 - process-wide CLI options


@app.callback()
def _options(
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Runtime data folder (default: $ASSISTANT_DATA_DIR or ./var)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its parse warnings become skip reasons
    if data_dir is not None:
        _State.overrides["data_dir"] = data_dir


def _settings() -> Settings:
    return load_settings(**_State.overrides)


def _container() -> Container:
    return build_container(_settings())


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (recursive). Default: the seeds folder."),
    ] = None,
    prune: Annotated[
        bool, typer.Option(help="Remove indexed documents no longer found under these paths.")
    ] = False,
) -> None:
    """Index articles (.txt .md .html .pdf); unchanged files are skipped without re-embedding."""
    container = _container()
    targets = paths or [container.settings.seeds_dir]
    with _ProgressBar() as progress:
        report = container.ingestor.ingest(targets, prune=prune, progress=progress)
    _print_report(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    top_k: Annotated[
        int | None, typer.Option(min=1, max=50, help="Chunks to retrieve (default: setting).")
    ] = None,
) -> None:
    """Answer one question from the indexed corpus, with verified citations."""
    container = _container()
    answer = container.engine.ask(question, top_k=top_k)
    if as_json:
        sys.stdout.write(answer.model_dump_json() + "\n")
        return
    _warn_if_empty(container)
    _print_answer(answer)


@app.command()
def chat() -> None:
    """Interactive questions with follow-ups; /new starts over, /quit (or Ctrl-D) leaves."""
    container = _container()
    _warn_if_empty(container)
    history: list[Turn] = []
    out.print("[dim]Ask about the corpus. /new starts a new conversation, /quit leaves.[/dim]")
    while True:
        try:
            question = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            out.print()
            return
        if not question:
            continue
        if question in {"/quit", "/exit"}:
            return
        if question == "/new":
            history.clear()
            out.print("[dim]New conversation.[/dim]")
            continue
        try:
            answer = container.engine.ask(question, history)
        except AssistantError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            continue
        _print_answer(answer)
        history += [
            Turn(role="user", content=question),
            Turn(role="assistant", content=answer.answer),
        ]


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes; each loads its own models.")
    ] = 1,
) -> None:
    """Serve the HTTP API, the OpenAI-compatible endpoint and the chat UI."""
    import uvicorn

    from assistant.server.allocator import cap_malloc_arenas
    from assistant.server.app import create_app
    from assistant.server.log_format import configure_server_logging

    settings = _settings()
    bind_host = host or settings.host
    bind_port = port or settings.port
    configure_server_logging()
    err.print(f"article-assistant on http://{bind_host}:{bind_port}/  (Ctrl-C stops)")
    app_or_factory: Any = "assistant.server.app:app_factory"
    if workers > 1:  # each worker process builds its own container from the environment
        for name, value in _State.overrides.items():
            os.environ[f"ASSISTANT_{name.upper()}"] = str(value)
    else:
        cap_malloc_arenas()  # before the container's threads make their arenas (allocator.py)
        app_or_factory = create_app(build_container(settings))
    uvicorn.run(
        app_or_factory,
        factory=workers > 1,
        host=bind_host,
        port=bind_port,
        workers=workers,
        access_log=False,
        log_config=None,
    )


@app.command()
def slack(
    socket: Annotated[
        bool, typer.Option("--socket", help="Socket Mode: no public URL needed (SLACK_APP_TOKEN).")
    ] = False,
) -> None:
    """Run the Slack bot. Without --socket it is served by `assistant serve` at /slack/events."""
    from assistant.slack.mode import slack_mode

    settings = _settings()
    if not socket:
        mode = slack_mode(settings)
        hint = "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" if mode == "off" else "configured"
        err.print(
            f"Slack over HTTP is served by `assistant serve` at /slack/events ({hint}); "
            "use --socket for Socket Mode."
        )
        raise typer.Exit(1 if mode == "off" else 0)
    slack_mode(settings, socket=True)
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from assistant.slack.bot import build_slack_app

    assert settings.slack_app_token is not None
    container = build_container(settings)
    err.print("Slack bot connected in Socket Mode (Ctrl-C stops)")
    handler = SocketModeHandler(
        build_slack_app(container), settings.slack_app_token.get_secret_value()
    )
    handler.start()  # type: ignore[no-untyped-call]


@app.command()
def status() -> None:
    """What is indexed: documents, chunks, embedder, and where the store lives."""
    container = _container()
    settings = container.settings
    table = Table(show_header=False, box=None)
    table.add_row("documents", str(container.store.document_count()))
    table.add_row("chunks", str(container.store.chunk_count()))
    table.add_row("embedder", container.embedder.model_name)
    if settings.chroma_url:
        table.add_row("store", f"Chroma server at {settings.chroma_url}")
    else:
        table.add_row("store", f"Chroma (embedded) at {settings.chroma_path.resolve()}")
    table.add_row("collection", settings.collection)
    table.add_row("retrieval", f"{settings.retrieval_mode}, top {settings.top_k}")
    if settings.answer_mode == "llm":
        where = settings.llm_base_url or ("OpenAI" if settings.llm_api_key else "local model")
        table.add_row("answers", f"llm ({where}; every sentence's citation verified)")
    else:
        table.add_row("answers", "extractive (verbatim sentences, verified citations)")
    out.print(table)


def main() -> None:
    apply_offline_env()
    try:
        app()
    except AssistantError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(2)


# -- rendering -----------------------------------------------------------------------------


class _ProgressBar:
    """A rich progress bar on a terminal; silent otherwise (logs, CI, pipes)."""

    def __enter__(self) -> _ProgressBar:
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("indexing", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def start(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, label: str) -> None:
        self._bar.update(self._task, advance=1, description=f"indexing {label[-40:]}")


def _print_report(report: IngestReport) -> None:
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


def _print_answer(answer: Answer) -> None:
    style = "yellow" if answer.abstained else ""
    out.print(escape(answer.answer), style=style)
    if answer.citations:
        out.print()
        for c in answer.citations:
            out.print(
                f"[bold][{c.n}][/bold] {escape(c.title)} [dim]({escape(c.source)}, "
                f"chars {c.start}–{c.end})[/dim]\n    “{escape(c.quote)}”"
            )
    out.print(f"[dim]{answer.timings_ms.total:.0f} ms[/dim]")


def _warn_if_empty(container: Container) -> None:
    if container.store.document_count() == 0:
        err.print("[yellow]The index is empty: run `assistant ingest` first.[/yellow]")
