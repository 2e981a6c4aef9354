"""The verdict on one answer: facts stated and supported, abstention, source, valid citations.

Every rule is deterministic, so a score changes only when the answer does. A fact counts as
supported only when it also occurs in a cited quote: stating "58" is not enough, the citation
must show it. A citation is valid only when its quote is the stored document's text at its offsets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from assistant.schema import Answer, Citation
from evals.dataset import EvalCase
from evals.matching import fold, occurs

_ANSWER_PREVIEW_CHARS = 80


class Score(BaseModel):
    passed: bool
    reason: str
    abstained: bool
    facts_expected: int = 0
    facts_found: int = 0
    facts_supported: int = 0
    missing: list[str] = []
    unsupported: list[str] = []
    citations: int = 0
    invalid_citations: list[int] = []
    source_cited: bool | None = None
    source_retrieved: bool | None = None


def score_case(
    case: EvalCase,
    answer: Answer,
    documents: Mapping[str, str],
    retrieved: Sequence[tuple[str, str]] | None = None,
) -> Score:
    """Judge `answer` against `case`.

    Args:
        case: what a correct answer must show.
        answer: what the assistant returned.
        documents: stored text of (at least) every cited document, by doc id.
        retrieved: (doc id, title) of the chunks retrieved for the question, best first, when
            known; gives the retrieval hit for cases with a source.
    """
    invalid = [c.n for c in answer.citations if not citation_is_valid(c, documents)]
    problems: list[str] = []
    found = supported = 0
    missing: list[str] = []
    unsupported: list[str] = []
    source_cited: bool | None = None
    if case.abstain:
        if not answer.abstained:
            problems.append(f"answered instead of abstaining: {_preview(answer.answer)}")
    elif answer.abstained:
        problems.append("abstained")
        missing = [_label(group) for group in case.expect]
    else:
        stated = fold(answer.answer)
        quotes = [fold(c.quote) for c in answer.citations]
        for group in case.expect:
            alternatives = [fold(a) for a in group]
            if not any(occurs(a, stated) for a in alternatives):
                missing.append(_label(group))
                continue
            found += 1
            if any(occurs(a, stated) and any(occurs(a, q) for q in quotes) for a in alternatives):
                supported += 1
            else:
                unsupported.append(_label(group))
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unsupported:
            problems.append(f"not in any cited quote: {', '.join(unsupported)}")
    if case.sources and not answer.abstained:
        source_cited = any(names_source(case.sources, c.doc_id, c.title) for c in answer.citations)
        if not source_cited:
            problems.append(f"source {' | '.join(case.sources)!r} not cited")
    if invalid:
        problems.append(f"invalid citation {', '.join(f'[{n}]' for n in invalid)}")
    return Score(
        passed=not problems,
        reason="; ".join(problems) or ("abstained" if case.abstain else "ok"),
        abstained=answer.abstained,
        facts_expected=0 if case.abstain else len(case.expect),
        facts_found=found,
        facts_supported=supported,
        missing=missing,
        unsupported=unsupported,
        citations=len(answer.citations),
        invalid_citations=invalid,
        source_cited=source_cited,
        source_retrieved=_source_retrieved(case, retrieved),
    )


def citation_is_valid(citation: Citation, documents: Mapping[str, str]) -> bool:
    """The quote is the stored document's text at exactly [start, end)."""
    text = documents.get(citation.doc_id)
    return (
        text is not None
        and 0 <= citation.start < citation.end <= len(text)
        and text[citation.start : citation.end] == citation.quote
    )


def names_source(sources: Sequence[str], doc_id: str, title: str) -> bool:
    """Whether any accepted source name is in the doc id or title (case-insensitive).

    Not as part of a longer word or number: source "12" names doc "12", not doc "4123".
    """
    return any(
        re.search(rf"(?<![^\W_]){re.escape(name.strip())}(?![^\W_])", hay, re.IGNORECASE)
        for name in sources
        for hay in (doc_id, title)
    )


def _source_retrieved(case: EvalCase, retrieved: Sequence[tuple[str, str]] | None) -> bool | None:
    if not case.sources or retrieved is None:
        return None
    return any(names_source(case.sources, doc_id, title) for doc_id, title in retrieved)


def _label(group: Sequence[str]) -> str:
    return " | ".join(group)


def _preview(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _ANSWER_PREVIEW_CHARS else line[:_ANSWER_PREVIEW_CHARS] + "…"
