"""The `--html` report: one self-contained file (inline CSS and SVG, no script, no external asset).

It is meant to be attached to a CI run or mailed, and still open years later, so nothing in it
may point outside the file.
"""

from __future__ import annotations

from html import escape

from assistant.schema import Answer
from evals.charts import bar_chart, histogram
from evals.judge.metrics import ADVISORY, CaseJudgement, JudgeReport
from evals.report_feedback import feedback_section
from evals.runner import CaseResult, EvalRun

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; color: #263238; margin: 2rem auto; max-width: 1200px;
       padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid #e0e0e0; }
th { background: #f5f5f5; }
.metrics td:nth-child(2) { font-variant-numeric: tabular-nums; white-space: nowrap; }
.pass { color: #2e7d32; font-weight: 600; } .fail { color: #c62828; font-weight: 600; }
.answer { white-space: pre-wrap; }
blockquote { margin: 0 0 .5rem; padding: .25rem .6rem; border-left: 3px solid #90a4ae;
             background: #fafafa; }
.cite { color: #546e7a; font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
.muted { color: #78909c; }
.nowrap { white-space: nowrap; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
"""


def render_html(run: EvalRun) -> str:
    summary = run.summary
    failing = [r for r in run.results if not r.score.passed]
    latencies = [r.latency_ms for r in run.results if r.latency_ms is not None]
    marks = {
        name: value
        for name, value in (("p50", summary.latency_p50_ms), ("p95", summary.latency_p95_ms))
        if value is not None
    }
    tag_rows = [
        (tag, rate.value or 0.0, str(rate)) for tag, rate in summary.by_tag.items() if rate.total
    ]
    sections = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Evaluation {escape(run.started)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Evaluation: {escape(', '.join(d.name for d in run.datasets))}</h1>",
        f'<p class="muted">{escape(run.started)} · {escape(run.embedder)} · '
        + escape(" · ".join(f"{k}={v}" for k, v in run.settings.items()))
        + "</p>",
        "<h2>Summary</h2>",
        _metrics_table(run),
        *feedback_section(run.results),
        *(_judge_sections(run.judge) if run.judge is not None else []),
        "<h2>Charts</h2>",
        '<div class="charts">',
        _figure(
            "Pass rate per tag",
            bar_chart(tag_rows, title="Pass rate per tag")
            if tag_rows
            else '<p class="muted">No tags.</p>',
        ),
        _figure(
            "Latency per question",
            histogram(latencies, title="Latency per question", unit="ms", marks=marks),
        ),
        "</div>",
        f"<h2>Failing cases ({len(failing)})</h2>",
        _failures_table(failing) if failing else "<p>None.</p>",
        f"<h2>All cases ({len(run.results)})</h2>",
        _cases_table(run.results),
        "<h2>Datasets</h2>",
        _datasets_table(run),
        "</body></html>",
    ]
    return "\n".join(sections) + "\n"


def _figure(caption: str, chart: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{chart}</figure>"


def _metrics_table(run: EvalRun) -> str:
    s = run.summary
    k = f"@{s.top_k}" if s.top_k else ""
    rows: list[tuple[str, str, str]] = [
        ("pass rate", str(s.pass_rate), "cases that passed every check"),
        ("fact recall", str(s.fact_recall), "expected facts stated in the answer"),
        ("citation support", str(s.citation_support), "stated facts also in a cited quote"),
        ("citation validity", str(s.citation_validity), "quotes verbatim at their offsets"),
        ("abstention precision", str(s.abstention_precision), "abstentions that were due"),
        ("abstention recall", str(s.abstention_recall), "due abstentions that happened"),
        ("source cited", str(s.source_cited), "answers citing the expected source"),
        (f"retrieval hit{k}", str(s.retrieval_hit), "expected source among retrieved chunks"),
        (
            f"answer in retrieved chunks{k}",
            str(s.answer_retrieved),
            "the expected source's retrieved chunks hold every expected fact",
        ),
        (
            "pass when answer retrieved",
            str(s.pass_when_answer_retrieved),
            "pass rate among those: what reading loses",
        ),
        ("latency p50 / p95", _ms(s.latency_p50_ms) + " / " + _ms(s.latency_p95_ms), ""),
        ("errors", str(s.errors), "cases the assistant refused with an error"),
    ]
    body = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(value)}</td>"
        f'<td class="muted">{escape(note)}</td></tr>'
        for name, value, note in rows
    )
    return f'<table class="metrics"><tr><th>metric</th><th>value</th><th></th></tr>{body}</table>'


def _judge_sections(judge: JudgeReport) -> list[str]:
    rows: list[tuple[str, str, str]] = [
        ("model", f"{judge.model} ({judge.endpoint})", ADVISORY),
        ("faithfulness", str(judge.faithfulness), "cited sentences the judge calls supported"),
        ("answer relevance", str(judge.answer_relevance), "the judge's 1–5 rating, as 0–1"),
        ("unknown replies", str(judge.unknown), "neither a verdict nor a rating: left out"),
        ("judged cases", f"{judge.judged_cases} answered", f"each judged {judge.runs_requested}×"),
    ]
    if judge.error is not None:
        rows.append(("judge stopped", judge.error, f"after {len(judge.runs)} run(s)"))
    body = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(value)}</td>"
        f'<td class="muted">{escape(note)}</td></tr>'
        for name, value, note in rows
    )
    return [
        "<h2>Judge metrics (advisory, not part of the pass/fail gate)</h2>",
        f'<table class="metrics"><tr><th>metric</th><th>value</th><th></th></tr>{body}</table>',
        _judged_cases_table(judge),
    ]


def _judged_cases_table(judge: JudgeReport) -> str:
    """Per case and run: the figures, and each sentence the judge did not call supported."""
    by_case: dict[str, list[CaseJudgement]] = {}
    for run in judge.runs:
        for case in run.cases:
            by_case.setdefault(case.key, []).append(case)
    if not by_case:
        return ""
    rows = "".join(
        f"<tr><td>{escape(key)}</td>"
        f'<td class="nowrap">{escape(" · ".join(_fraction(c.faithfulness) for c in runs))}</td>'
        f'<td class="nowrap">{escape(" · ".join(_fraction(c.relevance) for c in runs))}</td>'
        f"<td>{_doubted(runs)}</td></tr>"
        for key, runs in by_case.items()
    )
    return (
        "<table><tr><th>case</th><th>faithfulness by run</th><th>relevance by run</th>"
        f"<th>sentences not called supported (run: reply)</th></tr>{rows}</table>"
    )


def _doubted(runs: list[CaseJudgement]) -> str:
    items = [
        f"<blockquote>{escape(s.sentence)}<br>"
        f'<span class="cite">run {i}: {escape(s.reply or "(empty reply)")}</span></blockquote>'
        for i, case in enumerate(runs, 1)
        for s in case.sentences
        if s.supported is not True
    ]
    return "".join(items) or '<span class="muted">none</span>'


def _fraction(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _failures_table(failing: list[CaseResult]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.key)}<br>{_tags(r)}</td>"
        f'<td>{_question(r)}<br><span class="fail">{escape(r.score.reason)}</span>'
        f"{_expected(r)}</td>"
        f'<td class="answer">{escape(r.answer.answer if r.answer else r.error or "")}</td>'
        f"<td>{_citations(r.answer)}</td></tr>"
        for r in failing
    )
    return (
        "<table><tr><th>case</th><th>question and reason</th><th>answer</th>"
        f"<th>citations</th></tr>{rows}</table>"
    )


def _cases_table(results: list[CaseResult]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.key)}</td>"
        f'<td class="{"pass" if r.score.passed else "fail"}">'
        f"{'pass' if r.score.passed else 'FAIL'}</td>"
        f"<td>{escape(r.case.question)}</td><td>{escape(r.score.reason)}</td>"
        f'<td class="nowrap">{_ms(r.latency_ms)}</td></tr>'
        for r in results
    )
    return (
        "<table><tr><th>case</th><th>result</th><th>question</th><th>reason</th>"
        f"<th>latency</th></tr>{rows}</table>"
    )


def _datasets_table(run: EvalRun) -> str:
    rows = "".join(
        f"<tr><td>{escape(d.name)}</td><td>{escape(d.path)}</td><td>{d.cases}</td>"
        f"<td>{escape(d.store)}</td><td>{d.documents}</td></tr>"
        for d in run.datasets
    )
    return (
        "<table><tr><th>dataset</th><th>file</th><th>cases</th><th>store</th>"
        f"<th>documents</th></tr>{rows}</table>"
    )


def _citations(answer: Answer | None) -> str:
    if answer is None or not answer.citations:
        return '<span class="muted">none</span>'
    return "".join(
        f"<blockquote>[{c.n}] “{escape(c.quote)}”<br>"
        f'<span class="cite">{escape(c.title)} · {escape(c.doc_id)} · chars {c.start}–{c.end}'
        "</span></blockquote>"
        for c in answer.citations
    )


def _question(result: CaseResult) -> str:
    earlier = "".join(
        f'<span class="muted">{escape(t.role)}: {escape(t.content)}</span><br>'
        for t in result.case.history
    )
    return f"{earlier}<strong>{escape(result.case.question)}</strong>"


def _expected(result: CaseResult) -> str:
    case = result.case
    if case.abstain:
        return '<br><span class="muted">expected: abstain</span>'
    wanted = " and ".join("(" + " | ".join(group) + ")" for group in case.expect)
    source = f" from {' | '.join(case.sources)}" if case.sources else ""
    return f'<br><span class="muted">expected: {escape(wanted + source)}</span>'


def _tags(result: CaseResult) -> str:
    return f'<span class="muted">{escape(", ".join(result.case.tags))}</span>'


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"
