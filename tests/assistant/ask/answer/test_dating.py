"""An answer about a changing figure names the date of the report it quotes first."""

from __future__ import annotations

from assistant.ask.answer.dating import dated_lead
from assistant.schema import Citation


def cite(published: str | None) -> Citation:
    return Citation(
        n=1, doc_id="d", title="t", source="River Times", quote="q", start=0, end=1, score=1.0,
        published=published,
    )  # fmt: skip


def test_a_changing_figure_is_dated_by_its_report() -> None:
    lead = dated_lead("How much will the repair cost?", [cite("2025-02-20")])
    assert lead == "As of the Feb. 20, 2025 report (River Times):"
    assert dated_lead("What is the latest estimate?", [cite("2025-05-02")]) == (
        "As of the May 2, 2025 report (River Times):"
    )


def test_other_questions_and_undated_reports_get_no_date() -> None:
    assert dated_lead("Who chairs the leadership team?", [cite("2025-02-20")]) is None
    assert dated_lead("How many action points are there?", [cite(None)]) is None
    assert dated_lead("How many action points are there?", []) is None
