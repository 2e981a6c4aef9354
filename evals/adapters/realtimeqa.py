"""RealTime QA news quizzes (`queries.jsonl` with `metadata.answer_text`) as answer cases.

Each quiz question must be answered with its gold answer text, supported by a cited quote. The
weak relevance labels (pages containing the answer string) become the case's source where they
exist, which also gives hit@k. The quiz's `question_date` becomes the case's as-of day. Tags say
whether the answer string occurs in the corpus at all (`answer-in-corpus`): questions without it
cannot be answered from this corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.beir_dataset import BeirDataset
from evals.dataset import Dataset, parse_cases


def is_news_quiz(beir: BeirDataset) -> bool:
    """Whether the queries carry quiz answers (`metadata.answer_text`) rather than only labels."""
    return any("answer_text" in meta for meta in beir.query_metadata.values())


def cases_from_news_quiz(beir: BeirDataset, folder: Path) -> Dataset:
    rows = [
        (line, _case(qid, text, beir.query_metadata.get(qid, {}), beir.qrels.get(qid, {})))
        for line, (qid, text) in enumerate(beir.queries.items(), 1)
    ]
    return Dataset(name=beir.name, path=folder, cases=parse_cases(folder / "queries.jsonl", rows))


def _case(qid: str, text: str, meta: dict[str, Any], qrels: dict[str, int]) -> dict[str, Any]:
    answers = [str(a) for a in meta.get("answer_text") or [] if str(a).strip()]
    relevant = sorted(doc_id for doc_id, grade in qrels.items() if grade > 0)
    in_corpus = meta.get("answer_string_in_pool")
    tags = ["news-quiz"]
    if meta.get("question_source"):
        tags.append(str(meta["question_source"]))
    if in_corpus is not None:
        tags.append("answer-in-corpus" if in_corpus else "answer-not-in-corpus")
    case: dict[str, Any] = {"id": qid, "question": text, "expect": [answers], "tags": tags}
    if meta.get("question_date"):  # "2025/01/01": the quiz asks about the week before it
        case["as_of"] = str(meta["question_date"])
    if relevant:
        case["source"] = relevant
    return case
