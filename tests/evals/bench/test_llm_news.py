"""The news benchmark's arithmetic: medians over the model's answers, and flipped cases."""

from __future__ import annotations

from evals.bench.llm_news import Arm, Sample, flipped


def sample(case: str, seconds: float, prompt_tokens: int, passed: bool) -> Sample:
    return Sample(case, seconds, seconds, prompt_tokens, 20 if prompt_tokens else 0, passed, "")


def test_model_only_medians_leave_out_answers_the_model_never_wrote() -> None:
    arm = Arm("llamacpp", "sentences")
    arm.samples = [sample("a", 0.01, 0, False), sample("b", 6.0, 300, True),
                   sample("c", 8.0, 350, True)]  # fmt: skip
    assert arm.median("answer_s") == 6.0  # the abstention before the model counts here
    assert arm.median("answer_s", model_only=True) == 7.0
    assert arm.median("prompt_tokens", model_only=True) == 325.0
    assert arm.passes() == 2


def test_flipped_cases_say_which_way_each_went() -> None:
    base, other = Arm("llamacpp", "passages"), Arm("openvino", "passages")
    base.samples = [
        sample("a", 9, 900, True),
        sample("b", 9, 900, False),
        sample("c", 9, 900, True),
    ]
    other.samples = [
        sample("a", 5, 900, True),
        sample("b", 5, 900, True),
        sample("c", 5, 900, False),
    ]
    assert flipped(base, other) == ["b (fixed)", "c (broke)"]
