"""Each evaluation case as a pytest test: passes exactly when `assistant eval` says it passes."""

from __future__ import annotations

from collections.abc import Callable

from assistant.container import Container
from evals.inputs import EvalInput
from evals.runner import run_case


def test_case(
    eval_case: tuple[int, str],
    eval_inputs: list[EvalInput],
    eval_containers: dict[int, Container],
    record_property: Callable[[str, object], None],
) -> None:
    index, case_id = eval_case
    dataset = eval_inputs[index].dataset
    case = next(c for c in dataset.cases if c.id == case_id)
    container = eval_containers[index]
    result = run_case(container, dataset.name, case)
    answered = result.answer.answer if result.answer else result.error or ""
    record_property("reason", result.score.reason)
    record_property("answer", answered)
    assert not result.score.invalid_citations, result.score.reason
    assert result.score.passed, f"{result.score.reason}\nanswer: {answered}"
