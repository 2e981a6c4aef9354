"""News-quiz questions become answer cases: the gold answer text, the weakly labelled source."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DatasetError
from evals.adapters.realtimeqa import cases_from_news_quiz, is_news_quiz
from evals.beir_dataset import load_beir
from tests.evals.beir_files import SHARED_DATA
from tests.evals.news_quiz_files import write_news_quiz


def test_quiz_answers_become_expected_facts(tmp_path: Path) -> None:
    folder = write_news_quiz(tmp_path / "quiz")
    beir = load_beir(folder)
    assert is_news_quiz(beir)
    first, second = cases_from_news_quiz(beir, folder).cases
    assert first.expect == [["6"]]
    assert first.sources == ["n1"]
    assert first.tags == ["news-quiz", "CNN", "answer-in-corpus"]
    assert second.sources == []
    assert "answer-not-in-corpus" in second.tags


def test_a_question_without_an_answer_is_refused_naming_its_line(tmp_path: Path) -> None:
    folder = write_news_quiz(
        tmp_path / "quiz", [{"_id": "q9", "text": "Who?", "metadata": {"answer_text": [""]}}]
    )
    with pytest.raises(DatasetError, match=r"queries\.jsonl:1: expect: fact group 1 has no"):
        cases_from_news_quiz(load_beir(folder), folder)


@pytest.mark.skipif(
    not (SHARED_DATA / "realtimeqa").is_dir(), reason="../shared/data/realtimeqa is not here"
)
def test_the_shared_realtimeqa_questions_all_become_cases() -> None:
    folder = SHARED_DATA / "realtimeqa"
    dataset = cases_from_news_quiz(load_beir(folder), folder)
    assert len(dataset.cases) == 250
    assert all(len(c.expect) == 1 and c.expect[0] for c in dataset.cases)
    in_corpus = [c for c in dataset.cases if "answer-in-corpus" in c.tags]
    assert len(in_corpus) == 116
    assert all(c.sources for c in in_corpus)
