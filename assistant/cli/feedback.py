"""`assistant feedback list | show | export`: what users said about answers, and eval cases
made of it for a person to review before committing."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

from assistant.cli.render import err, out
from assistant.cli.session import cli_settings
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.feedback.feedback_store import FeedbackStore

app = typer.Typer(help="What users said about answers (👍/👎), and eval cases made of it.")
_DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


def _store() -> FeedbackStore:
    from assistant.container import open_feedback

    return open_feedback(cli_settings())


@app.command("list")
def list_feedback(
    rating: Annotated[
        Literal["up", "down"] | None, typer.Option(help="Only 👍 (up) or 👎 (down).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON record per line, every field.")
    ] = False,
) -> None:
    """Feedback records, newest first."""
    records = _store().all(rating=rating)
    if as_json:
        for record in records[:limit]:
            sys.stdout.write(record.model_dump_json() + "\n")
        return
    table = Table(show_header=True, box=None)
    for column in ("id", "when", "rating", "reason", "question"):
        table.add_column(column)
    for r in records[:limit]:
        mark = "👍" if r.rating == "up" else "👎"
        table.add_row(
            r.feedback_id[:12], r.at, mark, r.reason or "", escape(r.answer.question[:70])
        )
    out.print(table)
    out.print(f"[dim]{len(records)} feedback record(s)[/dim]")


@app.command()
def show(
    feedback_id: Annotated[str, typer.Argument(help="An id, or its start, from `list`.")],
) -> None:
    """One feedback record in full: the rating, what was said, and the answer it was about."""
    record = _store().get(feedback_id)
    out.print_json(record.model_dump_json())


@app.command()
def export(
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="The .jsonl file to write (default: <data-dir>/feedback/cases-<time>.jsonl; "
            "never inside evals/datasets/, which `make test` runs).",
        ),
    ] = None,
) -> None:
    """Write eval cases made of the feedback, each validated by the dataset reader."""
    from assistant.feedback.export import export_cases
    from evals.dataset import parse_cases  # the reader every case must pass

    settings = cli_settings()
    target = to or settings.data_dir / "feedback" / f"cases-{_stamp()}.jsonl"
    if target.resolve().is_relative_to(_DATASETS):
        raise ConfigError(f"{target} is inside evals/datasets/: review the cases, then copy them")
    exported = export_cases(_store().all())
    if not exported.cases:
        err.print("no feedback to export yet")
        raise typer.Exit(1)
    parse_cases(target, list(enumerate(exported.cases, 1)))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = (json.dumps(case, ensure_ascii=False) for case in exported.cases)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {target}: {exc.strerror or exc}") from None
    for line in exported.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(line)}")
    out.print(f"{len(exported.cases)} case(s) written to {target}")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
