"""What `assistant eval PATH` reads: our case files, or a BEIR-layout folder with its own corpus.

A folder (or its `queries.jsonl`) is read with the shared BEIR loader; queries that carry quiz
answers (`metadata.answer_text`) become news-quiz cases, others retrieval cases. Such a dataset
brings its corpus, which is asked in its own store, not the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evals.adapters.beir import cases_from_beir
from evals.adapters.realtimeqa import cases_from_news_quiz, is_news_quiz
from evals.beir_dataset import BeirDataset, load_beir
from evals.dataset import Dataset, load_dataset


@dataclass(frozen=True)
class EvalInput:
    dataset: Dataset
    corpus: BeirDataset | None  # None: the questions are about the configured store


def read_input(path: Path) -> EvalInput:
    folder = beir_folder(path)
    if folder is None:
        return EvalInput(dataset=load_dataset(path), corpus=None)
    beir = load_beir(folder)
    adapt = cases_from_news_quiz if is_news_quiz(beir) else cases_from_beir
    return EvalInput(dataset=adapt(beir, folder), corpus=beir)


def beir_folder(path: Path) -> Path | None:
    """The BEIR folder `path` names (the folder itself or its queries.jsonl), else None."""
    if path.is_dir():
        return path
    if path.name == "queries.jsonl" and (path.parent / "corpus.jsonl").is_file():
        return path.parent
    return None
