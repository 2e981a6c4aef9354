"""`assistant eval PATH`: case files are read as cases, BEIR-layout folders with their corpus."""

from __future__ import annotations

from pathlib import Path

from evals.inputs import beir_folder, read_input
from tests.evals.news_quiz_files import write_news_quiz


def test_a_case_file_has_no_corpus_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "a1", "question": "Who?", "abstain": true}\n')
    item = read_input(path)
    assert item.corpus is None
    assert [c.id for c in item.dataset.cases] == ["a1"]


def test_a_folder_or_its_queries_file_brings_the_corpus(tmp_path: Path) -> None:
    folder = write_news_quiz(tmp_path / "quiz")
    assert beir_folder(folder) == folder
    assert beir_folder(folder / "queries.jsonl") == folder
    assert beir_folder(folder / "corpus.jsonl") is None
    item = read_input(folder / "queries.jsonl")
    assert item.corpus is not None
    assert [d.doc_id for d in item.corpus.corpus] == ["n1", "n2"]
    assert item.dataset.name == "quiz"
    assert item.dataset.cases[0].expect == [["6"]]
