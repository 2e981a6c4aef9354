"""Whether the retrieved passages of a case's sources hold its answer: each fact, any wording."""

from __future__ import annotations

from evals.dataset import EvalCase
from evals.source_hits import RetrievedChunk, answer_retrieved


def case(**fields: object) -> EvalCase:
    return EvalCase.model_validate({"id": "c", "question": "Which city?", **fields})


def chunk(doc_id: str, text: str, title: str = "") -> RetrievedChunk:
    return RetrievedChunk(doc_id=doc_id, title=title, text=text)


def test_every_fact_must_be_in_a_retrieved_chunk_of_a_source() -> None:
    two_facts = case(expect=[["Glasgow"], ["2025", "this year"]], source="a1")
    assert answer_retrieved(two_facts, [chunk("a1", "Glasgow opened it."), chunk("a1", "In 2025.")])
    assert not answer_retrieved(two_facts, [chunk("a1", "Glasgow opened it.")])


def test_a_chunk_of_another_document_does_not_count() -> None:
    glasgow = case(expect=[["Glasgow"]], source="a1")
    assert not answer_retrieved(glasgow, [chunk("b2", "Glasgow opened it.")])
    assert answer_retrieved(glasgow, [chunk("b2", "x", title="a1 story"), chunk("a1", "GLASGOW.")])


def test_facts_are_folded_as_the_scorer_folds_them() -> None:
    share = case(expect=[["62%"]], source="a1")
    assert answer_retrieved(share, [chunk("a1", "Some 62 percent of adults said so.")])
    assert not answer_retrieved(share, [chunk("a1", "Some 162 percent.")])


def test_cases_without_sources_have_nothing_to_reach() -> None:
    assert answer_retrieved(case(expect=[["Glasgow"]]), [chunk("a1", "Glasgow")]) is None
    assert answer_retrieved(case(abstain=True), [chunk("a1", "Glasgow")]) is None
