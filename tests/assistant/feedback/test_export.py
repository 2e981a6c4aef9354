"""Feedback becomes eval cases the dataset reader accepts, merged per question."""

from __future__ import annotations

from pathlib import Path

from assistant.feedback.export import export_cases
from assistant.feedback.facts import facts_of
from assistant.feedback.records import AnswerRecord, FeedbackRecord
from assistant.schema import Citation, Filters
from evals.dataset import parse_cases


def answer(question: str, text: str, *, abstained: bool = False, quote: str = "") -> AnswerRecord:
    citations = (
        [Citation(n=1, doc_id="d.md", title="T", source="S", quote=quote, start=0,
                  end=len(quote), score=1.0)]
        if quote else []
    )  # fmt: skip
    return AnswerRecord(
        answer_id=f"a-{question[:5]}", at="2025-01-01T00:00:00+00:00", question=question,
        answer=text, abstained=abstained, citations=citations, mode="extractive",
        as_of="2025-02-10", filters=Filters(sources=["River Times"]),
    )  # fmt: skip


def feedback(n: int, rating: str, on: AnswerRecord, **extra: object) -> FeedbackRecord:
    return FeedbackRecord.model_validate(
        {"feedback_id": f"{n:032d}", "at": f"2025-01-0{n}T00:00:00+00:00", "rating": rating,
         "surface": "ui", "answer": on.model_dump(), **extra}
    )  # fmt: skip


def test_each_kind_of_feedback_becomes_its_kind_of_case() -> None:
    wrong = answer("How many key tasks?", "There are 17 key tasks. [1]", quote="17 key tasks")
    missing = answer("Who owns it?", "Baogang owns it. [1]", quote="Baogang owns it")
    right = answer("Who chairs it?", "The Party Secretary chairs it. [1]",
                   quote="The Party Secretary chairs the team")  # fmt: skip
    vague = answer("What happened?", "Something. [1]", quote="Something")
    exported = export_cases([
        feedback(1, "down", wrong, reason="wrong_answer", correct_answer="It has 20 key tasks."),
        feedback(2, "down", missing, reason="should_abstain"),
        feedback(3, "up", right),
        feedback(4, "down", vague, reason="other"),
    ])  # fmt: skip
    by_question = {case["question"]: case for case in exported.cases}
    assert by_question["How many key tasks?"]["expect"] == [["20"]]
    assert by_question["Who owns it?"]["abstain"] is True
    assert by_question["Who chairs it?"]["expect"] == [["Party Secretary"]]
    assert by_question["Who chairs it?"]["source"] == "d.md"
    assert by_question["How many key tasks?"]["as_of"] == "2025-02-10"
    assert by_question["How many key tasks?"]["filters"] == {"sources": ["River Times"]}
    assert len(exported.skipped) == 1  # 👎 with nothing to expect
    parse_cases(Path("export.jsonl"), list(enumerate(exported.cases, 1)))  # the reader accepts


def test_the_same_question_twice_is_one_case_decided_by_the_newest() -> None:
    asked = answer("How many key tasks?", "17 key tasks. [1]", quote="17 key tasks")
    exported = export_cases([
        feedback(2, "down", asked, reason="wrong_answer", correct_answer="20 key tasks"),
        feedback(1, "up", asked),
    ])  # fmt: skip
    (case,) = exported.cases
    assert case["expect"] == [["20"]]
    assert case["provenance"]["feedback_ids"] == f"{1:032d},{2:032d}"


def test_facts_are_the_numbers_and_names_of_a_correction() -> None:
    assert facts_of("The repair costs $19 million, said Ana Ruiz.") == [
        ["$19 million"],
        ["Ana Ruiz"],
    ]
    assert facts_of("It was Oman.") == [["Oman"]]
    assert facts_of("nothing checkable here") == [["nothing checkable here"]]
