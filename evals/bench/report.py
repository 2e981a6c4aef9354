"""Benchmark results as files: the JSON with every run, and a Markdown table for the README."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.bench.corpus import BENCH_DIR

RESULTS_DIR = BENCH_DIR / "results"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write(name: str, payload: dict[str, Any], table: str, folder: Path | None = None) -> Path:
    """`<folder>/<name>.json` and `<name>.md`; returns the Markdown path."""
    folder = folder or RESULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    markdown = folder / f"{name}.md"
    markdown.write_text(table, encoding="utf-8")
    return markdown
