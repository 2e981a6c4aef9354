"""`assistant eval DATASET...`: ask every case, print the verdicts, write reports, gate on them."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from assistant.ask.llm.endpoint import require_model
from assistant.container import Container, build_container
from assistant.errors import ConfigError
from assistant.progress import ProgressBar
from assistant.prompts import Prompts
from assistant.settings import Settings, load_settings
from evals.dataset import Dataset
from evals.inputs import read_input
from evals.judge.endpoint import JudgeModel, judge_model
from evals.judge.runner import Judge, judge_results
from evals.report_html import render_html
from evals.report_table import print_run
from evals.runner import (
    CaseResult,
    DatasetInfo,
    EvalRun,
    collect,
    now,
    run_dataset,
    summarize_results,
    undated,
)
from evals.selection import select_cases
from evals.store_cache import cached_settings, ingest_changed, open_store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


DEFAULT_JUDGE_RUNS = 3


class AnswerMode(StrEnum):
    extractive = "extractive"
    llm = "llm"


def run(
    ctx: typer.Context,
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="Case files (.jsonl, .yaml), or BEIR-layout folders that bring their own corpus.",
            metavar="DATASET",
            show_default=False,
        ),
    ],
    answer_mode: Annotated[
        AnswerMode | None,
        typer.Option("--answer-mode", help="Answer with this mode (default: the setting)."),
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write every result and aggregate as JSON.")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report.")
    ] = None,
    min_pass: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Exit 1 when the pass rate is below this.")
    ] = 0.0,
    failures_only: Annotated[
        bool, typer.Option("--failures-only", help="List only failing cases in the table.")
    ] = False,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge",
            help="Also have the configured LLM rate faithfulness and answer relevance "
            "(advisory: never part of the pass/fail gate).",
        ),
    ] = False,
    tags: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Ask only the cases carrying this tag (repeatable: any of them).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            metavar="N",
            help="Ask at most N cases of each dataset, spread evenly over it (same N, same cases).",
            show_default=False,
        ),
    ] = None,
    without_as_of: Annotated[
        bool,
        typer.Option(
            "--without-as-of",
            help="Also ask every case without its as-of day (e.g. RealTime QA's question_date) "
            "and report both pass rates, same run.",
        ),
    ] = False,
    judge_runs: Annotated[
        int | None,
        typer.Option(
            "--judge-runs",
            min=1,
            max=20,
            help=f"With --judge: judge this many times and report the spread "
            f"(default {DEFAULT_JUDGE_RUNS}).",
        ),
    ] = None,
) -> None:
    """Check answers against known facts, citations and abstentions."""
    inputs = [read_input(path) for path in datasets]  # every file is validated before asking
    inputs = [
        dataclasses.replace(i, dataset=select_cases(i.dataset, tags=tags or (), limit=limit))
        for i in inputs
    ]
    if judge_runs is not None and not judge:
        raise ConfigError("--judge-runs needs --judge")
    settings = _settings(ctx, answer_mode)
    if settings.answer_mode == "llm":
        require_model(settings, "answer mode llm")  # one line now, not an error per case
    container = build_container(settings)
    if container.llm_server is not None:
        container.llm_server.base_url()  # started before the first case, not timed inside it
    judging = judge_model(settings, container.llm_server) if judge else None  # before asking
    started = now()
    parts: list[tuple[DatasetInfo, list[CaseResult]]] = []
    plain: list[CaseResult] = []  # --without-as-of: the same cases, asked undated
    for item in inputs:
        if item.corpus is None:
            parts.append(_ask(container, item.dataset))
            if without_as_of:
                plain += _ask(container, undated(item.dataset), "without as-of")[1]
            continue
        own = cached_settings(settings, item.corpus.name)
        with open_store(own, container.llm_server) as target:
            with ProgressBar(err, f"indexing {item.corpus.name}") as bar:
                report = ingest_changed(target, item.corpus, progress=bar)
            err.print(
                f"[dim]{item.corpus.name}: {len(report.added) + len(report.updated)} documents "
                f"indexed, {len(report.unchanged)} unchanged ({report.seconds:.0f} s)[/dim]"
            )
            parts.append(_ask(target, item.dataset))
            if without_as_of:
                plain += _ask(target, undated(item.dataset), "without as-of")[1]
    result = collect(container, parts, started)
    if without_as_of:
        compared = summarize_results(plain, top_k=container.engine.top_k)
        result = result.model_copy(update={"without_as_of": compared})
    if judging is not None:
        result = _judged(result, judging, settings, judge_runs or DEFAULT_JUDGE_RUNS)
    print_run(result, out, failures_only=failures_only)
    _write_reports(result, json_path, html_path)
    raise typer.Exit(_exit_code(result, min_pass))


def _judged(result: EvalRun, model: JudgeModel, settings: Settings, runs: int) -> EvalRun:
    """The run with the judge's figures added; the verdicts and the gate stay as they were."""
    judge = Judge(model.chat, Prompts(settings.prompts_dir))
    try:
        with ProgressBar(err, "judging") as bar:
            report = judge_results(
                result.results, judge, runs=runs, model=model.chat.model,
                endpoint=model.endpoint, progress=bar,
            )  # fmt: skip
    finally:
        model.close()
    if report.error is not None:
        err.print(f"[yellow]judge stopped: {escape(report.error)}[/yellow]")
    return result.model_copy(update={"judge": report})


def _ask(
    container: Container, dataset: Dataset, how: str = ""
) -> tuple[DatasetInfo, list[CaseResult]]:
    with ProgressBar(err, f"asking {dataset.name} {how}".rstrip()) as bar:
        return run_dataset(container, dataset, bar)


def _settings(ctx: typer.Context, mode: AnswerMode | None) -> Settings:
    """The app's settings with the global `--data-dir` and the requested answer mode."""
    overrides: dict[str, Any] = {}
    data_dir = ctx.find_root().params.get("data_dir")
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if mode is not None:
        if "answer_mode" in Settings.model_fields:
            overrides["answer_mode"] = mode.value
        elif mode is not AnswerMode.extractive:
            raise ConfigError(
                f"--answer-mode {mode.value} is not available in this version "
                "(answers are extractive only)"
            )
    return load_settings(**overrides)


def _write_reports(result: EvalRun, json_path: Path | None, html_path: Path | None) -> None:
    if json_path is not None:
        # Without --judge the report has no `judge` key at all, exactly as before (and the same
        # for --without-as-of).
        skip = {k for k in ("judge", "without_as_of") if getattr(result, k) is None} or None
        _write(json_path, result.model_dump_json(indent=2, exclude=skip) + "\n")
        err.print(f"[dim]JSON report: {json_path}[/dim]")
    if html_path is not None:
        _write(html_path, render_html(result))
        err.print(f"[dim]HTML report: {html_path}[/dim]")


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None


def _exit_code(result: EvalRun, min_pass: float) -> int:
    """1 on any invalid citation or a pass rate below `min_pass`; the reason goes to stderr.

    Only the deterministic summary counts: judge figures are advisory and never read here.
    """
    summary = result.summary
    invalid = summary.citation_validity.total - summary.citation_validity.hits
    rate = summary.pass_rate.value or 0.0
    if invalid:
        err.print(f"[red]{invalid} invalid citation(s): quotes not verbatim at their offsets[/red]")
        return 1
    if rate < min_pass:
        err.print(f"[red]pass rate {rate:.1%} is below --min-pass {min_pass:.1%}[/red]")
        return 1
    return 0
