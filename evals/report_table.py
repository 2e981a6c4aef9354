"""The terminal report: one row per case with its verdict and reason, then the aggregates."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evals.judge.metrics import JudgeReport
from evals.runner import EvalRun


def print_run(run: EvalRun, console: Console, *, failures_only: bool = False) -> None:
    cases = Table(title="Cases", title_justify="left", show_lines=False)
    cases.add_column("case")
    cases.add_column("result")
    cases.add_column("reason", overflow="fold")
    cases.add_column("ms", justify="right")
    for r in run.results:
        if failures_only and r.score.passed:
            continue
        verdict = "[green]pass[/green]" if r.score.passed else "[bold red]FAIL[/bold red]"
        latency = "" if r.latency_ms is None else f"{r.latency_ms:.0f}"
        cases.add_row(escape(r.key), verdict, escape(r.score.reason), latency)
    console.print(cases)
    console.print(summary_table(run))


def summary_table(run: EvalRun) -> Table:
    s = run.summary
    k = f"@{s.top_k}" if s.top_k else ""
    table = Table(title="Summary", title_justify="left", show_header=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    rows = [
        ("cases", str(s.cases)),
        ("pass rate", str(s.pass_rate)),
        ("fact recall", str(s.fact_recall)),
        ("citation support", str(s.citation_support)),
        ("citation validity", str(s.citation_validity)),
        ("abstention precision", str(s.abstention_precision)),
        ("abstention recall", str(s.abstention_recall)),
        ("source cited", str(s.source_cited)),
        (f"retrieval hit{k}", str(s.retrieval_hit)),
        (f"pass when retrieved{k}", str(s.pass_when_retrieved)),
        (f"answer in retrieved chunks{k}", str(s.answer_retrieved)),
        ("pass when answer retrieved", str(s.pass_when_answer_retrieved)),
        ("wrong answers", str(s.wrong_answers)),
        ("answer words p50", "n/a" if s.answer_words_p50 is None else f"{s.answer_words_p50:g}"),
        ("latency p50 / p95", f"{_ms(s.latency_p50_ms)} / {_ms(s.latency_p95_ms)}"),
        ("errors", str(s.errors)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    if (plain := run.without_as_of) is not None:
        table.add_section()
        table.add_row("without as-of: pass rate", str(plain.pass_rate))
        table.add_row(f"without as-of: retrieval hit{k}", str(plain.retrieval_hit))
        table.add_row(f"without as-of: pass when retrieved{k}", str(plain.pass_when_retrieved))
        table.add_row("without as-of: wrong answers", str(plain.wrong_answers))
    if run.judge is not None:
        table.add_section()
        for name, value in _judge_rows(run.judge):
            table.add_row(escape(name), escape(value))
    return table


def _judge_rows(judge: JudgeReport) -> list[tuple[str, str]]:
    """The judge's figures, labelled advisory wherever they are shown."""
    rows = [
        ("judge (advisory, not gated)", f"{judge.model} ({judge.endpoint})"),
        ("faithfulness (judge)", str(judge.faithfulness)),
        ("answer relevance (judge)", str(judge.answer_relevance)),
        ("judge unknown replies", str(judge.unknown)),
        ("judged cases", f"{judge.judged_cases} answered × {_runs(judge.runs_requested)}"),
    ]
    if judge.error is not None:
        rows.append(("judge stopped", f"after {len(judge.runs)} run(s): {judge.error}"))
    return rows


def _runs(count: int) -> str:
    return f"{count} run" if count == 1 else f"{count} runs"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"
