"""A tiny BEIR dataset written to a folder, for loader and benchmark tests."""

from __future__ import annotations

import json
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

DOCS = [
    {
        "_id": "d1",
        "title": "Wind power",
        "text": "Offshore wind turbines supply six million homes.",
    },
    {"_id": "d2", "title": "Bread", "text": "The village bakery sold four hundred rye loaves."},
    {
        "_id": "d3",
        "title": "Barges",
        "text": "Grain barges passed the river lock after the drought.",
    },
    {
        "_id": "d4",
        "title": "Vaccines",
        "text": "A measles vaccine campaign reached ninety percent of children.",
        "metadata": {"url": "https://www.example.com/a", "publish_date": "2025/01/02"},
    },
]
QUERIES = [
    {"_id": "q1", "text": "How many homes do the wind turbines power?", "metadata": {}},
    {"_id": "q2", "text": "rye bread bakery", "metadata": {"answer_text": ["400"]}},
    {"_id": "q3", "text": "An unjudged question", "metadata": {}},
]
QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq2\td3\t0\n"


def write_beir(folder: Path) -> Path:
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in DOCS) + "\n")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in QUERIES) + "\n")
    (folder / "qrels" / "test.tsv").write_text(QRELS)
    return folder
