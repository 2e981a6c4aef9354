"""Which cases of a dataset a run asks: `--tag` keeps the tagged ones, `--limit` samples them.

A long run (the local model over a news set) is sampled evenly across the file rather than cut at
its start, so a sample of news quizzes spans every week, and the same arguments always pick the
same cases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from evals.dataset import Dataset


def select_cases(
    dataset: Dataset, *, tags: Sequence[str] = (), limit: int | None = None
) -> Dataset:
    """The cases carrying any of `tags` (all when none), at most `limit` of them, in file order."""
    cases = [c for c in dataset.cases if not tags or set(tags) & set(c.tags)]
    if limit is not None and len(cases) > limit:
        step = len(cases) / limit
        cases = [cases[int(i * step)] for i in range(limit)]
    return dataclasses.replace(dataset, cases=cases)
