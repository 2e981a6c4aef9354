"""`assistant ask` and `assistant chat`: questions answered from the index, with citations."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.render import out, print_answer, print_error, warn_if_empty
from assistant.cli.scope_options import AsOf, Since, Source, Until, scope_from
from assistant.cli.session import open_container
from assistant.errors import AssistantError
from assistant.schema import Scope, Turn

if TYPE_CHECKING:
    from assistant.container import Container


def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    top_k: Annotated[
        int | None, typer.Option(min=1, max=50, help="Chunks to retrieve (default: setting).")
    ] = None,
    as_of: AsOf = None,
    source: Source = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Answer one question from the indexed corpus, with verified citations."""
    scope = scope_from(as_of, source, since, until)
    with open_container() as container:
        answer = container.engine.ask(question, top_k=top_k, scope=scope)
        if as_json:
            sys.stdout.write(answer.model_dump_json() + "\n")
            return
        warn_if_empty(container)
    print_answer(answer)


def chat(
    as_of: AsOf = None, source: Source = None, since: Since = None, until: Until = None
) -> None:
    """Interactive questions with follow-ups; /new starts over, /quit (or Ctrl-D) leaves."""
    scope = scope_from(as_of, source, since, until)
    with open_container() as container:
        warn_if_empty(container)
        _converse(container, scope)


def _converse(container: Container, scope: Scope) -> None:
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
            answer = container.engine.ask(question, history, scope=scope)
        except AssistantError as exc:  # the conversation goes on after a bad question
            print_error(exc)
            continue
        print_answer(answer)
        history += [
            Turn(role="user", content=question),
            Turn(role="assistant", content=answer.answer),
        ]
