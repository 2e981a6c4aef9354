"""Feedback → eval cases in the documented dataset format, for a person to review and commit.

- 👎 with a correct answer: an `expect` case on the correction's numbers and names;
- 👎 "should have said not found": an `abstain` case;
- 👍: a regression case expecting the numbers and names its cited quotes gave the answer, and
  its first cited document as `source` (a 👍 on "not found" expects "not found" again);
- 👎 with neither: nothing to expect, so no case (counted as skipped).

The same question (with the same history and scope) asked twice becomes one case: the newest
feedback decides, and the provenance lists every feedback record merged into it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from assistant.feedback.facts import facts_of, facts_stated
from assistant.feedback.records import FeedbackRecord


@dataclass
class Export:
    cases: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per record left out, and why


def export_cases(records: list[FeedbackRecord]) -> Export:
    result = Export()
    merged: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for record in sorted(records, key=lambda r: r.at):  # oldest first: the newest decides
        check = _check(record)
        if check is None:
            result.skipped.append(f"{record.feedback_id[:12]}: 👎 without a correct answer")
            continue
        key = _key(record)
        earlier = merged[key][1] if key in merged else []
        merged[key] = (_case(record, check), [*earlier, record.feedback_id])
    taken: set[str] = set()
    for case, ids in merged.values():
        case["provenance"]["feedback_ids"] = ",".join(ids)
        if case["id"] in taken:  # two ids sharing their first 12 characters: the whole one
            case["id"] = f"feedback-{ids[-1]}"
        taken.add(case["id"])
        result.cases.append(case)
    return result


def _check(record: FeedbackRecord) -> dict[str, Any] | None:
    answer = record.answer
    if record.rating == "down":
        if record.reason == "should_abstain":
            return {"abstain": True}
        if record.correct_answer:
            return {"expect": facts_of(record.correct_answer)}
        return None
    if answer.abstained:
        return {"abstain": True}
    check: dict[str, Any] = {}
    facts = facts_stated([c.quote for c in answer.citations], answer.answer)
    if facts:
        check["expect"] = facts
    if answer.citations:
        check["source"] = answer.citations[0].doc_id
    return check or None


def _case(record: FeedbackRecord, check: dict[str, Any]) -> dict[str, Any]:
    answer = record.answer
    case: dict[str, Any] = {
        "id": f"feedback-{record.feedback_id[:12]}",
        "question": answer.question,
    }
    if answer.history:
        case["history"] = [turn.model_dump() for turn in answer.history]
    case.update(check)
    if answer.as_of:
        case["as_of"] = answer.as_of
    if answer.filters is not None:
        case["filters"] = answer.filters.model_dump(mode="json", exclude_defaults=True)
    case["tags"] = ["feedback", "thumbs-up" if record.rating == "up" else "thumbs-down"]
    case["provenance"] = {
        "answer_id": answer.answer_id,
        "answered_at": answer.at,
        "feedback_at": record.at,
        "surface": record.surface,
    }
    if record.comment:
        case["provenance"]["comment"] = record.comment
    return case


def _key(record: FeedbackRecord) -> str:
    answer = record.answer
    return json.dumps(
        [
            " ".join(answer.question.casefold().split()),
            [turn.model_dump() for turn in answer.history],
            answer.as_of,
            answer.filters.model_dump(mode="json") if answer.filters else None,
        ]
    )
