"""A BEIR retrieval set becomes source-only cases for its judged queries."""

from __future__ import annotations

import json
from pathlib import Path

from evals.adapters.beir import cases_from_beir
from evals.adapters.realtimeqa import is_news_quiz
from evals.beir_dataset import load_beir
from tests.evals.news_quiz_files import write_news_quiz


def test_judged_queries_must_cite_a_relevant_document(tmp_path: Path) -> None:
    queries = [
        {"_id": "q1", "text": "What did Punxsutawney Phil see?"},
        {"_id": "q2", "text": "An unjudged question"},
    ]
    folder = write_news_quiz(tmp_path / "plain", queries)
    (folder / "qrels" / "weak_answer_match.dev.tsv").write_text("q1\tn1\t1\nq1\tn2\t0\n")
    beir = load_beir(folder)
    assert not is_news_quiz(beir)
    (case,) = cases_from_beir(beir, folder).cases
    assert (case.id, case.question, case.sources) == (
        "q1",
        "What did Punxsutawney Phil see?",
        ["n1"],
    )
    assert case.expect == []
    assert case.tags == ["beir"]
    assert json.loads(case.model_dump_json())["source"] == ["n1"]
