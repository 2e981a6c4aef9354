"""The judge with the real local model, on a few seed cases: every figure computed, in [0, 1].

The local model writes about 14 tokens/s on two cores, so this judges three cases twice.
"""

from __future__ import annotations

from pathlib import Path

from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container
from assistant.prompts import Prompts
from evals.dataset import Dataset, EvalCase
from evals.judge.endpoint import judge_model
from evals.judge.runner import Judge, judge_results
from evals.runner import run_dataset
from tests.conftest import make_settings

CASES = [
    {"id": "t03", "question": "How many key tasks and action points does the campaign include?",
     "expect": [["17"], ["58"]]},
    {"id": "t09", "question": "Who chairs the leadership team?", "expect": [["Party Secretary"]]},
    {"id": "a01", "question": "What was Baogang's revenue in 2023?", "abstain": True},
]  # fmt: skip


def test_the_local_model_judges_seed_answers(
    seeded: Container, local_llm: LocalServer, tmp_path: Path
) -> None:
    cases = [EvalCase.model_validate(c) for c in CASES]
    _, results = run_dataset(seeded, Dataset(name="seed", path=Path("seed.jsonl"), cases=cases))
    settings = make_settings(
        tmp_path / "var", llm_base_url=local_llm.base_url(), llm_model=local_llm.alias
    )
    model = judge_model(settings)
    report = judge_results(
        results, Judge(model.chat, Prompts()), runs=2, model=model.chat.model,
        endpoint=model.endpoint,
    )  # fmt: skip
    assert report.error is None
    assert report.judged_cases == 2  # the abstention is not judged
    assert [r.run for r in report.runs] == [1, 2]
    for metric in (report.faithfulness, report.answer_relevance):
        assert metric.mean is not None, report.model_dump_json(indent=2)
        assert all(v is not None and 0.0 <= v <= 1.0 for v in metric.per_run)
        assert metric.min is not None
        assert metric.max is not None
        assert 0.0 <= metric.min <= metric.mean <= metric.max <= 1.0
        assert metric.stdev is not None
        assert 0.0 <= metric.stdev <= 0.5
    assert report.unknown.rating_asked == 4
    assert report.unknown.support_asked >= 4
