"""The local model follows the models folder: any data folder, any working directory, LLM mode.

These run the `assistant` command as users do, with the real local model (prepared by
`make local-llm`) and no endpoint configured, from a directory that is not the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import load_settings
from tests.conftest import SEEDS

LLM_ENV = ("ASSISTANT_LLM_BASE_URL", "OPENAI_BASE_URL", "ASSISTANT_LLM_API_KEY", "OPENAI_API_KEY")


def assistant(
    cwd: Path, data_dir: Path, models_dir: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LLM_ENV}
    env |= {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_MODELS_DIR": str(models_dir),
        "ASSISTANT_ANSWER_MODE": "llm",
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip


THREE_DOCS = [
    {
        "_id": "d1",
        "title": "Wind power",
        "text": "Offshore wind turbines supply six million homes.",
    },
    {"_id": "d2", "title": "Bread", "text": "The village bakery sold 400 rye loaves on Friday."},
    {
        "_id": "d3",
        "title": "Barges",
        "text": "Grain barges passed the river lock after the drought.",
    },
]
QUESTIONS = [
    {"_id": "q1", "text": "How many rye loaves did the bakery sell?",
     "metadata": {"answer_text": ["400"], "answer_string_in_pool": True}},
    {"_id": "q2", "text": "How many homes do the offshore wind turbines supply?",
     "metadata": {"answer_text": ["six million"], "answer_string_in_pool": True}},
]  # fmt: skip


def write_three_doc_beir(folder: Path) -> Path:
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in THREE_DOCS) + "\n")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n")
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td2\t1\nq2\td1\t1\n")
    return folder


@pytest.fixture(scope="module")
def models_dir() -> Path:
    return load_settings().models_dir  # absolute: where `make local-llm` put the model


@pytest.mark.model
def test_llm_answers_from_a_fresh_data_folder_run_from_another_directory(
    tmp_path: Path, models_dir: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "fresh"
    ingested = assistant(elsewhere, data, models_dir, "ingest", str(SEEDS))
    assert ingested.returncode == 0, ingested.stderr
    asked = assistant(
        elsewhere, data, models_dir, "ask", "How many action points does the campaign have?",
        "--json",
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert "58" in answer["answer"]
    assert not answer["abstained"]
    assert answer["citations"], answer
    assert not (data / "llm").exists()  # nothing model-sized under the data folder


@pytest.mark.model
def test_an_llm_eval_on_a_beir_folder_with_a_fresh_data_folder_has_no_errors(
    tmp_path: Path, models_dir: Path
) -> None:
    folder = write_three_doc_beir(tmp_path / "tiny-beir")
    report = tmp_path / "run.json"
    result = assistant(
        tmp_path, tmp_path / "fresh", models_dir, "eval", str(folder), "--json", str(report)
    )
    data = json.loads(report.read_text())
    assert data["summary"]["errors"] == 0, [r["error"] for r in data["results"]]
    assert data["settings"]["answer_mode"] == "llm"
    assert [r["score"]["passed"] for r in data["results"]] == [True, True], data["results"]
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # a subprocess
def test_with_no_model_an_llm_eval_is_refused_in_one_line_before_asking(tmp_path: Path) -> None:
    folder = write_three_doc_beir(tmp_path / "tiny-beir")
    empty = tmp_path / "no-models"
    result = assistant(tmp_path, tmp_path / "fresh", empty, "eval", str(folder))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: answer mode llm needs a language model")
    assert str(empty) in lines[0]
    assert result.stdout == ""
    assert not (tmp_path / "fresh" / "bench").exists()  # nothing indexed, nothing asked
