"""Long work reports progress in logs too: a plain line every ~10 s when stderr is no terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from assistant.progress import EVERY_S_ENV, PLAIN_EVERY_S, ProgressBar, plain_every_s, plain_line


def test_a_plain_line_says_done_total_rate_and_time_left() -> None:
    assert plain_line("asking realtimeqa", 37, 250, 23.0) == (
        "asking realtimeqa: 37/250 · 1.6/s · about 2 min left"
    )
    assert plain_line("asking", 3, 10, 30.0) == "asking: 3/10 · 10.0 s each · about 70 s left"
    assert plain_line("indexing", 5, None, 1.0) == "indexing: 5 · 5.0/s"


def test_without_a_terminal_progress_is_printed_as_plain_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(EVERY_S_ENV, "0")
    out = io.StringIO()
    with ProgressBar(Console(file=out, force_terminal=False), "asking seeds") as bar:
        bar.start(2)
        bar.advance("seeds/t01")
        bar.advance("seeds/t02")
    lines = out.getvalue().splitlines()
    assert [line.split(" · ")[0] for line in lines] == ["asking seeds: 1/2", "asking seeds: 2/2"]


def test_between_plain_lines_nothing_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EVERY_S_ENV, raising=False)
    out = io.StringIO()
    with ProgressBar(Console(file=out, force_terminal=False), "indexing") as bar:
        bar.start(3)
        for label in ("a", "b", "c"):
            bar.advance(label)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("value", "every_s"), [("2.5", 2.5), ("0", 0.0), ("soon", None), ("-1", None)]
)
def test_the_interval_comes_from_the_environment_when_it_is_a_number(
    monkeypatch: pytest.MonkeyPatch, value: str, every_s: float | None
) -> None:
    monkeypatch.setenv(EVERY_S_ENV, value)
    assert plain_every_s() == (PLAIN_EVERY_S if every_s is None else every_s)
