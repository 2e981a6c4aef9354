"""`assistant eval ...`: answer evaluation (the default) and retrieval benchmarks."""

from __future__ import annotations

import typer
from typer._click.core import Context
from typer.core import TyperGroup

from evals.retrieval.command import retrieval
from evals.run_command import run


class _DefaultToRun(TyperGroup):
    """`assistant eval DATASET...` means `assistant eval run DATASET...`; named subcommands win."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


eval_app = typer.Typer(
    cls=_DefaultToRun,
    help="Evaluate answers against known facts (DATASET...), or retrieval (`retrieval`).",
    no_args_is_help=True,
    add_completion=False,  # built on its own by `assistant.cli.lazy_eval`, under the root's options
)
eval_app.command("run", hidden=True)(run)
eval_app.command("retrieval")(retrieval)
