"""The dataset format: what loads, and every way a file is refused, naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DatasetError
from evals.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[2]
SEED_FACTS = ROOT / "evals" / "datasets" / "seed_facts.jsonl"

GOOD_LINES = [
    '{"id": "t01", "question": "How many key tasks?", "expect": [["17", "seventeen"]], '
    '"source": "baogang", "tags": ["numbers"]}',
    '{"id": "a01", "question": "What was the revenue in 2023?", "abstain": true}',
    '{"id": "f01", "history": [{"role": "user", "content": "What campaign?"}], '
    '"question": "How many action points does it include?", "expect": [["58"]]}',
]


def write(tmp_path: Path, *lines: str, name: str = "cases.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_documented_examples_load(tmp_path: Path) -> None:
    dataset = load_dataset(write(tmp_path, GOOD_LINES[0], "", *GOOD_LINES[1:]))
    assert dataset.name == "cases"
    first, abstain, follow_up = dataset.cases
    assert first.expect == [["17", "seventeen"]]
    assert first.sources == ["baogang"]
    assert first.tags == ["numbers"]
    assert abstain.abstain
    assert abstain.expect == []
    assert follow_up.history[0].to_turn().content == "What campaign?"


def test_yaml_holds_the_same_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- id: t01",
        "  question: How many key tasks?",
        "  expect: [['17', seventeen]]",
        "  source: [baogang, rare earth]",
        "- id: a01",
        "  question: What was the revenue?",
        "  abstain: true",
        name="cases.yaml",
    )
    first, second = load_dataset(path).cases
    assert first.sources == ["baogang", "rare earth"]
    assert second.abstain


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "question": "q?", "expect": [["a"]], "expects": [["b"]]}', "unknown field 'expects'"),
        ('{"id": "x", "question": "q?", "expect": [["a"]]', "not valid JSON"),
        ('{"id": "x", "expect": [["a"]]}', "missing field 'question'"),
        ('{"id": "x", "question": "q?"}', "nothing to check"),
        ('{"id": "x", "question": "q?", "abstain": true, "expect": [["a"]]}', "cannot also expect"),
        ('{"id": "x", "question": "q?", "expect": [[]]}', "fact group 1 has no alternatives"),
        ('{"id": "x", "question": "q?", "expect": [["--"]]}', "no words"),
        ('{"id": "x", "question": "q?", "expect": "58"}', "expect"),
        ('{"id": "x", "question": "q?", "abstain": true, "history": [{"role": "bot", "content": "hi"}]}', "history.0.role"),
        ('["x", "q?"]', "must be an object, not a list"),
    ],
)  # fmt: skip
def test_bad_lines_are_refused_naming_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write(tmp_path, GOOD_LINES[0], line)
    with pytest.raises(DatasetError, match=message) as raised:
        load_dataset(path)
    assert str(raised.value).startswith(f"{path}:2: ")
    assert "\n" not in str(raised.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r":2: duplicate id 't01' \(first on line 1\)"):
        load_dataset(write(tmp_path, GOOD_LINES[0], GOOD_LINES[0]))


def test_yaml_errors_name_the_case_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- id: t01",
        "  question: How many?",
        "  expect: [['17']]",
        "- id: t02",
        "  question: How many more?",
        "  expected: [['58']]",
        name="cases.yml",
    )
    with pytest.raises(DatasetError, match=r"cases\.yml:4: unknown field 'expected'"):
        load_dataset(path)


def test_files_that_are_not_datasets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(tmp_path / "missing.jsonl")
    with pytest.raises(DatasetError, match="no cases"):
        load_dataset(write(tmp_path, "", ""))
    with pytest.raises(DatasetError, match="must be a list"):
        load_dataset(write(tmp_path, "id: t01", name="one.yaml"))


def test_seed_dataset_covers_facts_follow_ups_and_abstentions() -> None:
    cases = load_dataset(SEED_FACTS).cases
    assert len(cases) >= 30
    assert sum(c.abstain for c in cases) >= 8
    assert sum(bool(c.history) for c in cases) >= 3
    facts = {alt for c in cases for group in c.expect for alt in group}
    assert {"17", "58", "Party Secretary and Chairman", "steel", "rare earth"} <= facts
