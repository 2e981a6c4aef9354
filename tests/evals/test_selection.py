"""`--tag` and `--limit`: a long run asks the tagged cases, sampled evenly and repeatably."""

from __future__ import annotations

from pathlib import Path

from evals.dataset import Dataset, EvalCase
from evals.selection import select_cases


def dataset(size: int) -> Dataset:
    cases = [
        EvalCase(id=f"c{i}", question="q?", abstain=True, tags=["even" if i % 2 == 0 else "odd"])
        for i in range(size)
    ]
    return Dataset(name="d", path=Path("d.jsonl"), cases=cases)


def test_a_limit_samples_evenly_across_the_file_and_always_the_same_cases() -> None:
    picked = [c.id for c in select_cases(dataset(10), limit=4).cases]
    assert picked == ["c0", "c2", "c5", "c7"]
    assert picked == [c.id for c in select_cases(dataset(10), limit=4).cases]


def test_tags_keep_cases_with_any_of_them_before_sampling() -> None:
    assert [c.id for c in select_cases(dataset(6), tags=["odd"]).cases] == ["c1", "c3", "c5"]
    assert len(select_cases(dataset(6), tags=["odd", "even"], limit=10).cases) == 6
    assert select_cases(dataset(6), tags=["none"]).cases == []
