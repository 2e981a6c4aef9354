"""The verdict rules: facts stated and supported, abstention, source, valid citations."""

from __future__ import annotations

from typing import Any

from assistant.schema import ABSTAIN_TEXT, Answer, Citation, Timings
from evals.dataset import EvalCase
from evals.scoring import citation_is_valid, names_source, score_case
from tests.conftest import SEED_DOC_ID, SEED_TEXT

COUNTS = (
    "The campaign micromanages corporate decision-making through a Party-first lens by "
    "embedding 17 key tasks and 58 specific action points."
)
START = SEED_TEXT.index(COUNTS)
DOCS = {SEED_DOC_ID: SEED_TEXT}
TITLE = "Baogang Group's Party-led campaign"


def cite(quote: str = COUNTS, start: int = START, n: int = 1) -> Citation:
    return Citation(
        n=n, doc_id=SEED_DOC_ID, title=TITLE, source="Rare Earth Exchanges", quote=quote,
        start=start, end=start + len(quote), score=0.7,
    )  # fmt: skip


def answer(text: str, *citations: Citation, abstained: bool = False) -> Answer:
    return Answer(
        question="q",
        answer=text,
        abstained=abstained,
        citations=list(citations),
        timings_ms=Timings(retrieve=1.0, answer=1.0, total=2.0),
    )


def case(**fields: Any) -> EvalCase:
    return EvalCase.model_validate({"id": "c1", "question": "q?", **fields})


def test_stated_and_cited_facts_pass() -> None:
    score = score_case(
        case(expect=[["17"], ["fifty-eight"]]), answer(f"{COUNTS} [1]", cite()), DOCS
    )
    assert score.passed
    assert score.reason == "ok"
    assert (score.facts_expected, score.facts_found, score.facts_supported) == (2, 2, 2)


def test_a_fact_stated_but_not_in_any_cited_quote_is_unsupported() -> None:
    other = "Baogang Group launches a new corporate reform campaign."
    score = score_case(
        case(expect=[["58"]]),
        answer("The campaign has 58 action points. [1]", cite(other, SEED_TEXT.index(other))),
        DOCS,
    )
    assert not score.passed
    assert score.reason == "not in any cited quote: 58"
    assert (score.facts_found, score.facts_supported) == (1, 0)


def test_missing_facts_are_named() -> None:
    score = score_case(
        case(expect=[["17"], ["99", "ninety-nine"]]), answer(f"{COUNTS} [1]", cite()), DOCS
    )
    assert not score.passed
    assert score.missing == ["99 | ninety-nine"]
    assert score.reason == "missing 99 | ninety-nine"


def test_an_abstention_fails_a_fact_case_even_if_its_text_holds_the_fact() -> None:
    text = f"{ABSTAIN_TEXT}\n\nClosest passages found: “{COUNTS}”"
    score = score_case(case(expect=[["58"]]), answer(text, abstained=True), DOCS)
    assert not score.passed
    assert score.reason == "abstained"
    assert score.facts_found == 0


def test_abstain_cases_pass_only_on_abstention() -> None:
    due = case(abstain=True)
    assert score_case(due, answer(ABSTAIN_TEXT, abstained=True), DOCS).passed
    answered = score_case(due, answer(f"{COUNTS} [1]", cite()), DOCS)
    assert not answered.passed
    assert answered.reason.startswith("answered instead of abstaining: The campaign")


def test_source_must_be_cited() -> None:
    ok = score_case(case(expect=[["17"]], source="BAOGANG"), answer(f"{COUNTS} [1]", cite()), DOCS)
    assert ok.passed
    assert ok.source_cited is True
    wrong = score_case(
        case(expect=[["17"]], source="reuters"), answer(f"{COUNTS} [1]", cite()), DOCS
    )
    assert not wrong.passed
    assert wrong.reason == "source 'reuters' not cited"


def test_source_matches_whole_words_of_doc_id_or_title() -> None:
    assert names_source(["baogang"], "baogang-reform-campaign.txt", "")
    assert names_source(["Party-led"], "x", TITLE)
    assert names_source(["12", "7"], "12", "")
    assert not names_source(["12"], "4123", "")
    assert not names_source(["bao"], "baogang.txt", "")


def test_retrieval_hit_is_judged_only_when_retrieved_documents_are_known() -> None:
    with_source = case(expect=[["17"]], source="baogang")
    reply = answer(f"{COUNTS} [1]", cite())
    assert score_case(with_source, reply, DOCS).source_retrieved is None
    assert score_case(with_source, reply, DOCS, [("other.txt", "Other")]).source_retrieved is False
    assert score_case(with_source, reply, DOCS, [(SEED_DOC_ID, TITLE)]).source_retrieved is True


def test_a_quote_not_at_its_offsets_is_an_invalid_citation() -> None:
    assert citation_is_valid(cite(), DOCS)
    shifted = cite(start=START + 1)
    assert not citation_is_valid(shifted, DOCS)
    assert not citation_is_valid(cite(), {})
    score = score_case(case(expect=[["17"]]), answer(f"{COUNTS} [1]", shifted), DOCS)
    assert not score.passed
    assert score.invalid_citations == [1]
    assert "invalid citation [1]" in score.reason
