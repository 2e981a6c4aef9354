"""The one reader of BEIR-format datasets: `corpus.jsonl`, `queries.jsonl`, `qrels/*.tsv`.

Retrieval benchmarks and the answer-evaluation harness both import `load_beir`, so a dataset is
parsed the same way everywhere. Malformed files raise `ConfigError` with the file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError


@dataclass(frozen=True)
class BeirDoc:
    doc_id: str
    title: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BeirDataset:
    """A corpus, its queries and their relevance labels (`qrels[qid][doc_id] = grade`)."""

    name: str
    corpus: list[BeirDoc]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]
    query_metadata: dict[str, dict[str, Any]] = field(default_factory=dict)

    def judged_queries(self) -> dict[str, str]:
        """Queries with at least one relevant document: the ones a benchmark can score."""
        return {
            qid: text
            for qid, text in self.queries.items()
            if any(grade > 0 for grade in self.qrels.get(qid, {}).values())
        }


def load_beir(folder: Path, *, split: str | None = None) -> BeirDataset:
    """Read a BEIR folder; `split` picks `qrels/{split}.tsv`, else every qrels file is merged."""
    if not folder.is_dir():
        raise ConfigError(f"no BEIR dataset folder at {folder}")
    corpus = [
        BeirDoc(
            doc_id=str(row["_id"]),
            title=str(row.get("title") or ""),
            text=str(row.get("text") or ""),
            metadata=dict(row.get("metadata") or {}),
        )
        for row in _jsonl(folder / "corpus.jsonl")
    ]
    queries: dict[str, str] = {}
    query_metadata: dict[str, dict[str, Any]] = {}
    for row in _jsonl(folder / "queries.jsonl"):
        qid = str(row["_id"])
        queries[qid] = str(row.get("text") or "")
        query_metadata[qid] = dict(row.get("metadata") or {})
    return BeirDataset(
        name=folder.resolve().name,
        corpus=corpus,
        queries=queries,
        qrels=_qrels(_qrels_files(folder / "qrels", split)),
        query_metadata=query_metadata,
    )


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        raise ConfigError(f"missing BEIR file {path}")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or "_id" not in row:
                raise ConfigError(f"{path}:{number}: a record needs an `_id`")
            yield row


def _qrels_files(folder: Path, split: str | None) -> list[Path]:
    files = [folder / f"{split}.tsv"] if split else sorted(folder.glob("*.tsv"))
    missing = [f for f in files if not f.is_file()]
    if not files or missing:
        raise ConfigError(f"no qrels file {missing[0] if missing else folder / '*.tsv'}")
    return files


def _qrels(files: list[Path]) -> dict[str, dict[str, int]]:
    """`query-id corpus-id score` rows, tab-separated, with or without a header line."""
    qrels: dict[str, dict[str, int]] = {}
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
                if not row or (number == 1 and row[0] == "query-id"):
                    continue
                try:
                    qid, doc_id, grade = row[0], row[1], int(row[2])
                except (IndexError, ValueError):
                    raise ConfigError(
                        f"{path}:{number}: expected query-id, corpus-id, score"
                    ) from None
                qrels.setdefault(qid, {})[doc_id] = grade
    return qrels
