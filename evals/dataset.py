"""Evaluation cases: the documented JSON Lines / YAML format, read strictly.

External evaluators bring files in this format, so it is validated field by field and every error
names the file and line: a silently ignored typo ("expects") would turn a check into a free pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import DatasetError
from assistant.schema import Filters, Scope, Turn, parse_day
from evals.matching import fold

YAML_SUFFIXES = (".yaml", ".yml")


class HistoryTurn(BaseModel):
    """One earlier message of the conversation a follow-up question leans on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant", "system"]
    content: str

    def to_turn(self) -> Turn:
        return Turn(role=self.role, content=self.content)


class EvalCase(BaseModel):
    """One question and what a correct answer must show (see docs/evaluation.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    expect: list[list[str]] = Field(default_factory=list)
    abstain: bool = False
    source: str | list[str] | None = None
    history: list[HistoryTurn] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    as_of: date | None = None
    filters: Filters | None = None
    provenance: dict[str, str] | None = Field(
        default=None, description="Where the case came from, e.g. the feedback it was made of."
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_day(cls, value: Any) -> Any:
        """`2025-01-10` or `2025/01/01`, as news quizzes write their dates."""
        return parse_day(value) if isinstance(value, str) else value

    @property
    def scope(self) -> Scope | None:
        """What the case asks from: its as-of day and filters; None asks as a user would today."""
        if self.as_of is None and self.filters is None:
            return None
        return Scope(as_of=self.as_of, filters=self.filters or Filters())

    @field_validator("expect")
    @classmethod
    def _groups_are_not_empty(cls, groups: list[list[str]]) -> list[list[str]]:
        for number, group in enumerate(groups, 1):
            if not group:
                raise ValueError(f"fact group {number} has no alternatives")
            for alternative in group:
                if not fold(alternative):
                    raise ValueError(f"fact group {number} has an alternative with no words")
        return groups

    @field_validator("source")
    @classmethod
    def _source_is_not_blank(cls, source: str | list[str] | None) -> str | list[str] | None:
        names = [source] if isinstance(source, str) else source or []
        if source is not None and (not names or not all(n.strip() for n in names)):
            raise ValueError("source must be a non-empty string or list of strings")
        return source

    @model_validator(mode="after")
    def _checks_something(self) -> EvalCase:
        if self.abstain and (self.expect or self.source):
            raise ValueError("an abstain case cannot also expect facts or a source")
        if not self.abstain and not self.expect and not self.source:
            raise ValueError("nothing to check: give expect, source or abstain: true")
        return self

    @property
    def sources(self) -> list[str]:
        """The accepted source names (any one may be cited)."""
        if self.source is None:
            return []
        return [self.source] if isinstance(self.source, str) else list(self.source)


@dataclass(frozen=True)
class Dataset:
    """The cases of one file; `name` (the file's stem) prefixes case ids in reports and tests."""

    name: str
    path: Path
    cases: list[EvalCase]


def load_dataset(path: Path) -> Dataset:
    """Read a `.jsonl` or `.yaml`/`.yml` dataset; raises DatasetError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read: {exc}") from None
    is_yaml = path.suffix.lower() in YAML_SUFFIXES
    rows = _yaml_rows(path, text) if is_yaml else _jsonl_rows(path, text)
    return Dataset(name=path.stem, path=path, cases=parse_cases(path, rows))


def parse_cases(path: Path, rows: Iterable[tuple[int, Any]]) -> list[EvalCase]:
    """Validate (line, raw mapping) pairs into cases; ids must be unique within the file."""
    cases: list[EvalCase] = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        if not isinstance(raw, dict):
            raise DatasetError(f"{path}:{line}: a case must be an object, not {_kind(raw)}")
        try:
            case = EvalCase.model_validate(raw)
        except ValidationError as exc:
            raise DatasetError(f"{path}:{line}: {_first_problem(exc)}") from None
        if case.id in seen:
            raise DatasetError(
                f"{path}:{line}: duplicate id {case.id!r} (first on line {seen[case.id]})"
            )
        seen[case.id] = line
        cases.append(case)
    if not cases:
        raise DatasetError(f"{path}: no cases")
    return cases


def _jsonl_rows(path: Path, text: str) -> list[tuple[int, Any]]:
    rows = []
    for line, content in enumerate(text.splitlines(), 1):
        if not content.strip():
            continue
        try:
            rows.append((line, json.loads(content)))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{line}: not valid JSON ({exc.msg})") from None
    return rows


def _yaml_rows(path: Path, text: str) -> list[tuple[int, Any]]:
    """Top-level list items with the line each starts on (YAML errors carry their own line)."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise DatasetError(f"{where}: not valid YAML ({problem})") from None
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise DatasetError(f"{path}:1: a YAML dataset must be a list of cases")
    return [(node.start_mark.line + 1, item) for node, item in zip(root.value, data, strict=True)]


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown field {where!r}"
    if error["type"] == "missing":
        return f"missing field {where!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _kind(value: object) -> str:
    names = {list: "a list", str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)
