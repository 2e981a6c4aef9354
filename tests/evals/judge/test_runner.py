"""The judge asks about every cited sentence and every answer, over loopback, run after run."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.ask.llm.client import ChatClient
from assistant.prompts import Prompts
from assistant.schema import ABSTAIN_TEXT, Answer, Citation, Timings
from evals.dataset import EvalCase
from evals.judge.runner import Judge, judge_results
from evals.runner import CaseResult
from evals.scoring import Score
from tests.assistant.ask.llm.standin import StandIn, Status
from tests.conftest import SEED_DOC_ID, SEED_TEXT

TASKS = "17 key tasks"
COUNTS = (
    "The campaign micromanages corporate decision-making through a Party-first lens by "
    "embedding 17 key tasks and 58 specific action points."
)
CHAIR = "chaired by Baogang’s Party Secretary and Chairman"


def cite(n: int, quote: str) -> Citation:
    start = SEED_TEXT.index(quote)
    return Citation(
        n=n, doc_id=SEED_DOC_ID, title="Baogang", source="REE", quote=quote, start=start,
        end=start + len(quote), score=0.7,
    )  # fmt: skip


def result(
    case_id: str, text: str | None, *citations: Citation, abstained: bool = False
) -> CaseResult:
    answer = None
    if text is not None:
        answer = Answer(
            question="q", answer=text, abstained=abstained, citations=list(citations),
            timings_ms=Timings(retrieve=1, answer=1, total=2),
        )  # fmt: skip
    return CaseResult(
        dataset="mini",
        case=EvalCase(id=case_id, question=f"{case_id}?", abstain=True),
        answer=answer,
        score=Score(passed=True, reason="ok", abstained=abstained),
        latency_ms=None if answer is None else 2.0,
        error="refused" if answer is None else None,
    )


RESULTS = [
    # An extractive answer: a heading fragment and a sentence run together, citing two quotes.
    result("t01", f"{TASKS} [1] {COUNTS} [2]", cite(1, TASKS), cite(2, COUNTS)),
    result("t09", f"The team is {CHAIR}. [1] It has 17 key tasks. [2]", cite(1, CHAIR),
           cite(2, COUNTS)),
    result("a01", ABSTAIN_TEXT, abstained=True),
    result("e01", None),
]  # fmt: skip


@pytest.fixture
def judge(standin: StandIn) -> Judge:
    chat = ChatClient(base_url=standin.base_url, api_key=None, model="judge-m", timeout_s=30)
    return Judge(chat, Prompts())


def by_kind(support: str, rating: str) -> Any:
    return lambda body: support if "Sentence:" in body["messages"][-1]["content"] else rating


def test_answered_cases_are_judged_sentence_by_sentence_with_all_quotes_cited(
    judge: Judge, standin: StandIn
) -> None:
    standin.script(*[by_kind("yes", "4")] * 20)
    report = judge_results(RESULTS, judge, runs=1, model="judge-m", endpoint="here")
    (run,) = report.runs
    assert [c.key for c in run.cases] == ["mini/t01", "mini/t09"]  # no abstention, no error
    assert [(s.sentence, s.markers) for c in run.cases for s in c.sentences] == [
        (f"{TASKS} {COUNTS}", [1, 2]),
        (f"The team is {CHAIR}.", [1]),
        ("It has 17 key tasks.", [2]),
    ]
    prompts = standin.prompts()
    assert f"Quoted text:\n- {TASKS}\n- {COUNTS}\n\nSentence: {TASKS} {COUNTS}" in prompts[0]
    assert f"Question: t01?\nAnswer: {TASKS} {COUNTS}\n" in prompts[1]  # markers stripped
    assert f"Quoted text:\n{CHAIR}\n\nSentence: The team is {CHAIR}." in prompts[2]
    assert len(prompts) == 5  # three sentences, two answers
    assert all(r["temperature"] == 0 and r["model"] == "judge-m" for r in standin.requests)
    assert (report.faithfulness.mean, report.answer_relevance.mean) == (1.0, 0.75)
    assert report.judged_cases == 2
    assert report.error is None


def test_each_run_asks_again_and_the_spread_shows_the_judge_changing_its_mind(
    judge: Judge, standin: StandIn
) -> None:
    standin.script(*[by_kind("yes", "5")] * 5, *[by_kind("No.", "Relevant")] * 5)
    report = judge_results(RESULTS, judge, runs=2, model="judge-m", endpoint="here")
    assert report.faithfulness.per_run == [1.0, 0.0]
    assert (report.faithfulness.mean, report.faithfulness.stdev) == (0.5, 0.5)
    assert report.answer_relevance.per_run == [1.0, None]  # run 2's ratings were unreadable
    assert str(report.unknown) == "0/6 support, 2/4 rating"
    assert report.runs[1].cases[0].rating_reply == "Relevant"


def test_a_judge_that_fails_midway_keeps_the_runs_it_finished(
    judge: Judge, standin: StandIn
) -> None:
    # Run 1 takes five requests (three sentences, two answers); the client retries a 500 once.
    standin.script(*[by_kind("no", "2")] * 5, Status(500), Status(500))
    report = judge_results(RESULTS, judge, runs=3, model="judge-m", endpoint="here")
    assert report.error is not None
    assert "HTTP 500" in report.error
    assert [r.run for r in report.runs] == [1]
    assert report.faithfulness.per_run == [0.0]
    assert report.answer_relevance.mean == 0.25
    assert report.runs_requested == 3
