"""Sentence spans keep their offsets and leave bullets and abbreviations intact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.sentences import split_sentences
from tests.conftest import SEED_TEXT


def texts(source: str, offset: int = 0) -> list[str]:
    return [s.text for s in split_sentences(source, offset)]


def test_splits_at_sentence_ends_and_line_breaks() -> None:
    assert texts("First one. Second one? Third!\nNew line") == [
        "First one.", "Second one?", "Third!", "New line",
    ]  # fmt: skip


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert texts("Firms in the U.S. and Europe met Dr. Smith. J. Doe agreed.") == [
        "Firms in the U.S. and Europe met Dr. Smith.",
        "J. Doe agreed.",
    ]


def test_bullet_markers_are_left_out_of_the_quote() -> None:
    assert texts("- 17 key tasks\n* 58 action points\n2. Steel") == [
        "17 key tasks", "58 action points", "Steel",
    ]  # fmt: skip


def test_offsets_point_into_the_original_text() -> None:
    for span in split_sentences(SEED_TEXT[100:900], offset=100):
        assert SEED_TEXT[span.start : span.end] == span.text


@given(st.text(max_size=300), st.integers(min_value=0, max_value=50))
def test_offsets_hold_for_any_text(text: str, offset: int) -> None:
    padded = "#" * offset + text
    for span in split_sentences(text, offset):
        assert padded[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert span.text
