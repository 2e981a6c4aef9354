"""`--as-of`, `--source`, `--since`, `--until`: the request scope as `ask` and `chat` take it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from assistant.errors import InputError
from assistant.schema import Filters, Scope, parse_day

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Ask as on this day (YYYY-MM-DD; default today): later articles are left out, "
        "recent ones favoured, 'this week' read against it.",
    ),
]
Source = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="NAME",
        help="Only articles from this source (any case; repeat for several).",
    ),
]
Since = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Only articles published on or after this day."),
]
Until = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Only articles published on or before this day."),
]


def scope_from(
    as_of: str | None, sources: list[str] | None, since: str | None, until: str | None
) -> Scope:
    return Scope(
        as_of=_day("--as-of", as_of),
        filters=Filters(
            sources=list(sources or []),
            published_from=_day("--since", since),
            published_to=_day("--until", until),
        ),
    )


def _day(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None
