"""The HTML report is one self-contained file: charts inline, failing cases beside their quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.container import Container
from evals.charts import bar_chart, histogram
from evals.dataset import Dataset, EvalCase
from evals.report_html import render_html
from evals.runner import collect, now, run_dataset

EXTERNAL = re.compile(r"<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import", re.IGNORECASE)


@pytest.fixture(scope="module")
def html(seeded: Container) -> str:
    cases = [
        EvalCase(id="t01", question="How many key tasks does the campaign have?",
                 expect=[["17"]], tags=["numbers"]),
        EvalCase(id="t02", question="How many action points does the campaign include?",
                 expect=[["<99>"]], tags=["numbers", "x<y"]),
        EvalCase(id="a01", question="What was Baogang's revenue in 2023?", abstain=True,
                 tags=["abstain"]),
    ]  # fmt: skip
    ran = run_dataset(seeded, Dataset(name="mini", path=Path("mini.jsonl"), cases=cases))
    return render_html(collect(seeded, [ran], now()))


def test_the_report_needs_nothing_outside_the_file(html: str) -> None:
    assert html.startswith("<!doctype html>")
    assert EXTERNAL.search(html) is None
    assert html.count("<svg") == 2  # pass rate per tag, latency distribution


def test_failing_cases_show_answer_and_citations_side_by_side(html: str) -> None:
    failing = html.split("Failing cases (1)")[1].split("All cases")[0]
    assert "mini/t02" in failing
    assert "missing &lt;99&gt;" in failing
    assert "58 specific action points" in failing  # the answer and its cited quote
    assert "<blockquote>[1]" in failing
    assert "mini/t01" not in failing


def test_summary_and_tags_are_in_the_report(html: str) -> None:
    assert "66.7% (2/3)" in html
    assert "x&lt;y" in html
    assert "x<y" not in html


def test_charts_scale_bars_and_mark_percentiles() -> None:
    bars = bar_chart([("numbers", 0.5, "50%"), ("abstain", 1.0, "100%")], title="t")
    bar = r'width="([\d.]+)" height="18" fill="#(?:2e7d32|f9a825|c62828)"'
    widths = [float(w) for w in re.findall(bar, bars)]
    assert widths[1] == 2 * widths[0]
    chart = histogram([100.0, 120.0, 400.0], title="latency", unit="ms", marks={"p95": 400.0})
    assert "p95 400 ms" in chart
    assert "no values" in histogram([], title="latency", unit="ms", marks={})


def test_feedback_cases_get_counts_and_the_newest_thumbs_down(seeded: Container) -> None:
    def made(n: int, rating: str, **check: object) -> EvalCase:
        tag = "thumbs-up" if rating == "up" else "thumbs-down"
        provenance = {"feedback_ids": f"f{n}", "feedback_at": f"2025-01-0{n}", "surface": "ui"}
        return EvalCase.model_validate(
            {"id": f"feedback-{n}", "tags": ["feedback", tag], "provenance": provenance, **check}
        )

    cases = [
        made(1, "up", question="How many key tasks does the campaign have?", expect=[["17"]]),
        made(2, "down", question="How many action points are there?", expect=[["99"]]),
        made(3, "down", question="How many key tasks are there?", expect=[["20"]]),
    ]
    ran = run_dataset(seeded, Dataset(name="fb", path=Path("fb.jsonl"), cases=cases))
    report = render_html(collect(seeded, [ran], now()))
    section = report.split("<h2>Feedback</h2>")[1].split("<h2>")[0]
    assert "<td>👍 cases</td><td>1</td><td>1 pass now</td>" in section
    assert "<td>👎 cases</td><td>2</td><td>0 pass now</td>" in section
    assert "Newest 👎</strong> (2025-01-03, ui): How many key tasks are there?" in section
    assert "<h2>Feedback</h2>" not in render_html(collect(seeded, [(ran[0], [])], now()))
