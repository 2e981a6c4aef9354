"""A BEIR retrieval set as answer cases: each judged query must cite one of its relevant documents.

BEIR has no answers, only relevance labels, so a case checks the cited source (and hit@k).
Parsing is `evals.beir_dataset.load_beir`, shared with the retrieval benchmark.
"""

from __future__ import annotations

from pathlib import Path

from evals.beir_dataset import BeirDataset
from evals.dataset import Dataset, parse_cases


def cases_from_beir(beir: BeirDataset, folder: Path) -> Dataset:
    """One case per query with a relevant document; errors name the query's line."""
    judged = beir.judged_queries()
    rows = [
        (line, {"id": qid, "question": text, "source": _relevant(beir, qid), "tags": ["beir"]})
        for line, (qid, text) in enumerate(beir.queries.items(), 1)
        if qid in judged
    ]
    return Dataset(name=beir.name, path=folder, cases=parse_cases(folder / "queries.jsonl", rows))


def _relevant(beir: BeirDataset, qid: str) -> list[str]:
    return sorted(doc_id for doc_id, grade in beir.qrels.get(qid, {}).items() if grade > 0)
