"""An answer before verification: claims, each tied to the quotes meant to support it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    doc_id: str
    title: str
    source: str
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Claim:
    text: str
    quotes: tuple[Quote, ...]


@dataclass
class Draft:
    claims: list[Claim] = field(default_factory=list)
    closest: list[Quote] = field(default_factory=list)  # shown when the answer abstains
