"""The `assistant` command's root: global options, the commands, errors as one line (exit 2)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.asking import ask, chat
from assistant.cli.corpus import ingest, status
from assistant.cli.feedback import app as feedback_app
from assistant.cli.lazy_eval import LazyEvalGroup
from assistant.cli.render import print_error
from assistant.cli.serving import serve, slack
from assistant.cli.session import override
from assistant.errors import AssistantError
from assistant.offline import apply_offline_env

app = typer.Typer(
    cls=LazyEvalGroup,
    help="Ask questions about an article corpus; every answer cites and verifies its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
        override("data_dir", data_dir)


app.command()(ingest)
app.command()(ask)
app.command()(chat)
app.command()(serve)
app.command()(slack)
app.command()(status)
app.add_typer(feedback_app, name="feedback")


def main() -> None:
    """The console script; errors are raised deep and become one line on stderr here."""
    apply_offline_env()
    try:
        app()
    except AssistantError as exc:
        print_error(exc)
        sys.exit(2)
