"""A tiny news corpus with quiz questions, written in the RealTime QA (BEIR-layout) format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NEWS = [
    {
        "_id": "n1",
        "title": "Punxsutawney Phil sees his shadow",
        "text": "Punxsutawney Phil emerged from his burrow on Sunday morning.\n\n"
        "The groundhog saw his shadow, which means six more weeks of winter, by tradition.",
        "metadata": {"url": "https://www.example.com/phil", "publish_date": "2025/02/02"},
    },
    {
        "_id": "n2",
        "title": "Harbour ferry timetable changes",
        "text": "The harbour ferry will run every twenty minutes from Monday.",
        "metadata": {"url": "https://www.example.com/ferry", "publish_date": "2025/02/03"},
    },
]
QUIZ = [
    {
        "_id": "q1",
        "text": "On Groundhog Day, Punxsutawney Phil saw his shadow. How many more weeks of "
        "winter may be on the way?",
        "metadata": {
            "question_source": "CNN",
            "choices": ["2", "4", "6", "8"],
            "answer_index": [2],
            "answer_text": ["6"],
            "answer_string_in_pool": True,
        },
    },
    {
        "_id": "q2",
        "text": "Which city elected a new mayor this week?",
        "metadata": {"answer_text": ["Springfield"], "answer_string_in_pool": False},
    },
]
QRELS = "query-id\tcorpus-id\tscore\nq1\tn1\t1\n"


def write_news_quiz(folder: Path, queries: list[dict[str, Any]] | None = None) -> Path:
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in NEWS) + "\n")
    rows = QUIZ if queries is None else queries
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in rows) + "\n")
    (folder / "qrels" / "weak_answer_match.dev.tsv").write_text(QRELS)
    return folder
