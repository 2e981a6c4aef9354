"""Which chunks a filter lets through: sources in any case or by one word, dates, the as-of day."""

from __future__ import annotations

import pytest

from index.chunk_filter import ChunkFilter, source_matches


@pytest.mark.parametrize(
    ("stored", "wanted", "matches"),
    [
        ("Valley Post", "valley post", True),
        ("Valley Post", "VALLEY", True),
        ("cnn.com", "CNN", True),
        ("edition.cnn.com", "cnn", True),
        ("cnn.com", "com", False),  # a top-level domain names no source
        ("River Times", "post", False),
        ("usatoday.com", "usa", False),  # whole words only
    ],
)
def test_source_names_match_in_any_case_whole_or_by_one_word(
    stored: str, wanted: str, matches: bool
) -> None:
    assert source_matches(stored, [wanted]) is matches


def test_a_date_range_needs_a_dated_article_but_the_as_of_day_lets_undated_ones_pass() -> None:
    undated = {"source": "Wire"}
    february = {"source": "Wire", "published": "2025-02-03T10:00:00"}
    in_range = ChunkFilter(published_from="2025-02-01", published_to="2025-02-28")
    assert in_range.matches(february)
    assert not in_range.matches(undated)
    as_of = ChunkFilter(not_after="2025-02-02")
    assert as_of.matches(undated)
    assert not as_of.matches(february)
    assert ChunkFilter(not_after="2025-02-03").matches(february)  # the as-of day itself counts


def test_allowed_sources_lists_the_stored_names_a_filter_lets_through() -> None:
    wanted = ChunkFilter(sources=frozenset({"river"}))
    assert wanted.allowed_sources(["River Times", "Valley Post", "River Times"]) == ["River Times"]
    assert ChunkFilter().allowed_sources(["b", "a"]) == ["a", "b"]
