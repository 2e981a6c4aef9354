"""Dated questions on two versions of one story: the as-of day picks the version, filters pick
the source and the dates, and the answer says which report it quotes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.container import Container, build_container
from assistant.errors import InputError
from assistant.schema import Filters, Scope
from tests.conftest import BRIDGE_QUESTION, DATED_NEWS, make_settings


def first_cited(container: Container, scope: Scope | None = None) -> tuple[str, str]:
    answer = container.engine.ask(BRIDGE_QUESTION, scope=scope)
    assert not answer.abstained, answer.answer
    return answer.citations[0].doc_id, answer.answer


def test_an_as_of_day_between_the_versions_cites_the_earlier_one(dated: Container) -> None:
    doc_id, text = first_cited(dated, Scope(as_of=date(2025, 2, 10)))
    assert doc_id == "harbor-bridge-feb03.md"
    assert "$12 million" in text
    assert "$19 million" not in text  # published after the as-of day: left out
    assert text.startswith("As of the Feb. 3, 2025 report (River Times):")


def test_an_as_of_day_after_both_versions_cites_the_later_one(dated: Container) -> None:
    doc_id, text = first_cited(dated, Scope(as_of=date(2025, 3, 1)))
    assert doc_id == "harbor-bridge-feb20.md"
    assert "$19 million" in text


def test_without_an_as_of_day_the_latest_version_comes_first(dated: Container) -> None:
    assert first_cited(dated)[0] == "harbor-bridge-feb20.md"


@pytest.mark.parametrize(
    ("filters", "cited"),
    [
        (Filters(sources=["valley"]), "harbor-bridge-valley.md"),
        (Filters(sources=["RIVER TIMES"]), "harbor-bridge-feb20.md"),
        (Filters(published_to=date(2025, 1, 31)), "harbor-bridge-valley.md"),
        (Filters(published_from=date(2025, 2, 1), published_to=date(2025, 2, 10)), "harbor-bridge-feb03.md"),
    ],
)  # fmt: skip
def test_each_filter_changes_the_cited_document(
    dated: Container, filters: Filters, cited: str
) -> None:
    doc_id, _ = first_cited(dated, Scope(filters=filters))
    assert doc_id == cited
    answer = dated.engine.ask(BRIDGE_QUESTION, scope=Scope(filters=filters))
    assert all(c.published for c in answer.citations)


def test_citations_carry_the_published_date_and_undated_articles_still_answer(
    dated: Container,
) -> None:
    answer = dated.engine.ask(BRIDGE_QUESTION)
    assert answer.citations[0].published == "2025-02-20"
    seed = dated.engine.ask("How many action points?", scope=Scope(as_of=date(2000, 1, 1)))
    assert "58" in seed.answer  # the seed article has no date: an early as-of day keeps it
    assert seed.citations[0].published is None


def test_a_filter_that_cannot_match_is_refused_in_one_line(dated: Container) -> None:
    with pytest.raises(InputError, match=r"no source matches nowhere; sources: .*River Times"):
        dated.engine.ask(BRIDGE_QUESTION, scope=Scope(filters=Filters(sources=["nowhere"])))
    backwards = Filters(published_from=date(2025, 3, 1), published_to=date(2025, 2, 1))
    with pytest.raises(InputError, match="the date range is empty"):
        dated.engine.ask(BRIDGE_QUESTION, scope=Scope(filters=backwards))


def test_the_recency_boost_is_what_puts_the_later_version_first(tmp_path: Path) -> None:
    """The two reports score alike on their words (the earlier one a little higher); only the
    boost for the newer one makes the later figure the answer."""
    settings = make_settings(tmp_path / "var", recency_weight=0.0)
    with build_container(settings) as without_recency:
        without_recency.ingestor.ingest([DATED_NEWS])
        scope = Scope(as_of=date(2025, 3, 1))
        assert first_cited(without_recency, scope)[0] == "harbor-bridge-feb03.md"
