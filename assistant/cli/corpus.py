"""`assistant ingest` and `assistant status`: fill the index and say what is in it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.render import err, print_report, print_status
from assistant.cli.session import cli_settings, open_container
from assistant.progress import ProgressBar


def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (recursive). Default: the seeds folder."),
    ] = None,
    prune: Annotated[
        bool, typer.Option(help="Remove indexed documents no longer found under these paths.")
    ] = False,
    rebuild: Annotated[
        bool,
        typer.Option(
            help="Delete the whole index first and build it again from these paths "
            "(after an upgrade that changed the index format)."
        ),
    ] = False,
) -> None:
    """Index articles (.txt .md .html .pdf); unchanged files are skipped without re-embedding."""
    if rebuild:
        from assistant.container import drop_index

        dropped = drop_index(cli_settings())
        err.print(f"deleted the index ({len(dropped)} collections); building it again")
    with open_container() as container:
        targets = paths or [container.settings.seeds_dir]
        with ProgressBar(err, "indexing") as progress:
            report = container.ingestor.ingest(targets, prune=prune, progress=progress)
    print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def status() -> None:
    """What is indexed: documents, chunks, embedder, and where the store lives."""
    with open_container() as container:
        print_status(container)
