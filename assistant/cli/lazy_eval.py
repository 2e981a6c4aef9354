"""`assistant eval` is listed from its help line alone and imported only when it runs.

The eval harness pulls in datasets, judges and reports; every other command starts without them.
"""

from __future__ import annotations

from typing import Any

from typer._click.core import Command, Context
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

EVAL_HELP = "Evaluate answers against known facts (DATASET...), or retrieval (`retrieval`)."


class LazyEvalGroup(TyperGroup):
    """The root group: `eval` is a placeholder in listings, the real group once resolved."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.add_command(TyperCommand("eval", help=EVAL_HELP))

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name == "eval":
            command = eval_command()
        return name, command, rest


def eval_command() -> Command:
    from evals.cli import eval_app

    return get_command(eval_app)
