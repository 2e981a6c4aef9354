"""Aggregates: each rate keeps its counts; empty denominators read n/a; percentiles are observed."""

from __future__ import annotations

from evals.scoring import Score
from evals.summary import Outcome, Rate, answer_words, percentile, summarize


def outcome(
    *,
    passed: bool,
    abstained: bool = False,
    abstain_expected: bool = False,
    tags: tuple[str, ...] = (),
    latency: float = 100.0,
    **score: int | bool | list[int] | None,
) -> Outcome:
    return Outcome(
        tags=list(tags),
        abstain_expected=abstain_expected,
        score=Score(passed=passed, reason="", abstained=abstained, **score),  # type: ignore[arg-type]
        latency_ms=latency,
    )


def test_rates_count_facts_citations_and_abstentions() -> None:
    summary = summarize(
        [
            outcome(passed=True, tags=("numbers",), facts_expected=2, facts_found=2,
                    facts_supported=2, citations=2, source_cited=True, source_retrieved=True),
            outcome(passed=False, tags=("numbers",), facts_expected=1, facts_found=1,
                    facts_supported=0, citations=1, invalid_citations=[1], source_retrieved=False),
            outcome(passed=True, abstained=True, abstain_expected=True, tags=("abstain",)),
            outcome(passed=False, abstained=True, facts_expected=1),
            outcome(passed=False, abstain_expected=True, tags=("abstain",)),
        ],
        top_k=5,
    )  # fmt: skip
    assert str(summary.pass_rate) == "40.0% (2/5)"
    assert (summary.fact_recall.hits, summary.fact_recall.total) == (3, 4)
    assert (summary.citation_support.hits, summary.citation_support.total) == (2, 3)
    assert (summary.citation_validity.hits, summary.citation_validity.total) == (2, 3)
    assert (summary.abstention_precision.hits, summary.abstention_precision.total) == (1, 2)
    assert (summary.abstention_recall.hits, summary.abstention_recall.total) == (1, 2)
    assert (summary.retrieval_hit.hits, summary.retrieval_hit.total) == (1, 2)
    assert (summary.source_cited.hits, summary.source_cited.total) == (1, 1)
    assert str(summary.by_tag["numbers"]) == "50.0% (1/2)"
    assert summary.by_tag["abstain"].value == 0.5


def test_the_readers_ceiling_counts_cases_whose_retrieved_chunks_hold_the_answer() -> None:
    def reached(passed: bool, held: bool | None) -> Outcome:
        return outcome(passed=passed).model_copy(update={"answer_retrieved": held})

    summary = summarize(
        [reached(True, True), reached(False, True), reached(False, False), reached(True, None)]
    )
    assert str(summary.answer_retrieved) == "66.7% (2/3)"
    assert str(summary.pass_when_answer_retrieved) == "50.0% (1/2)"


def test_nothing_to_measure_reads_not_applicable() -> None:
    summary = summarize([outcome(passed=True)])
    assert summary.abstention_precision.value is None
    assert str(summary.retrieval_hit) == "n/a"
    assert str(summary.answer_retrieved) == "n/a"
    assert Rate(hits=0, total=0).model_dump() == {"hits": 0, "total": 0, "value": None}


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([], 50) is None


def test_wrong_answers_pass_when_retrieved_and_answer_length() -> None:
    cases = [
        outcome(passed=True, source_retrieved=True),
        outcome(passed=False, source_retrieved=True),  # answered, wrong
        outcome(passed=False, abstained=True, source_retrieved=False),  # refused: not wrong
        outcome(passed=True, abstained=True, abstain_expected=True),  # not expecting an answer
    ]
    cases[0].answer_words, cases[1].answer_words = 12, 30
    summary = summarize(cases)
    assert str(summary.wrong_answers) == "33.3% (1/3)"
    assert str(summary.pass_when_retrieved) == "50.0% (1/2)"
    assert summary.answer_words_p50 == 21


def test_an_answers_words_leave_out_citation_markers() -> None:
    assert answer_words("The campaign has 58 action points. [1][2] It is Party-led. [3]") == 10
