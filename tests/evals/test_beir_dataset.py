"""The BEIR loader: corpus, queries and graded qrels, and one-line errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from evals.beir_dataset import load_beir
from tests.evals.beir_files import SHARED_DATA, write_beir


def test_loads_corpus_queries_and_graded_qrels(tmp_path: Path) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    assert data.name == "tiny"
    assert [d.doc_id for d in data.corpus] == ["d1", "d2", "d3", "d4"]
    assert data.corpus[3].metadata["publish_date"] == "2025/01/02"
    assert data.corpus[0].metadata == {}
    assert data.queries["q2"] == "rye bread bakery"
    assert data.query_metadata["q2"] == {"answer_text": ["400"]}
    assert data.qrels == {"q1": {"d1": 1}, "q2": {"d2": 2, "d3": 0}}
    assert list(data.judged_queries()) == ["q1", "q2"]


def test_split_picks_one_qrels_file(tmp_path: Path) -> None:
    folder = write_beir(tmp_path / "tiny")
    (folder / "qrels" / "dev.tsv").write_text("q3\td3\t1\n")
    assert set(load_beir(folder).qrels) == {"q1", "q2", "q3"}
    assert set(load_beir(folder, split="dev").qrels) == {"q3"}
    with pytest.raises(ConfigError, match="no qrels file"):
        load_beir(folder, split="train")


def test_broken_files_name_the_file_and_line(tmp_path: Path) -> None:
    folder = write_beir(tmp_path / "tiny")
    with (folder / "corpus.jsonl").open("a") as handle:
        handle.write("{not json\n")
    with pytest.raises(ConfigError, match=r"corpus\.jsonl:5: not JSON"):
        load_beir(folder)
    (folder / "corpus.jsonl").write_text('{"title": "no id"}\n')
    with pytest.raises(ConfigError, match=r"corpus\.jsonl:1: a record needs an `_id`"):
        load_beir(folder)
    with pytest.raises(ConfigError, match="no BEIR dataset folder"):
        load_beir(tmp_path / "absent")


@pytest.mark.skipif(
    not (SHARED_DATA / "scifact").is_dir(), reason="../shared/data/scifact is not on this machine"
)
def test_the_shared_scifact_copy_loads() -> None:
    data = load_beir(SHARED_DATA / "scifact")
    assert len(data.corpus) == 5183
    assert len(data.judged_queries()) == 150
    assert all(grade == 1 for grades in data.qrels.values() for grade in grades.values())
