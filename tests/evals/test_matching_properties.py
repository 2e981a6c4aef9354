"""Properties of the eval matcher: any fact occurs in a text built around it, digits never
match inside a larger number, and case or punctuation never matter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evals.matching import mentions

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
PHRASE = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


@given(before=PHRASE, fact=PHRASE, after=PHRASE)
def test_a_fact_is_found_whatever_surrounds_it(before: str, fact: str, after: str) -> None:
    assert mentions(f"{before}, {fact.upper()}! {after}.", fact)


@given(
    number=st.integers(min_value=0, max_value=10**6), prefix=st.integers(min_value=1, max_value=9)
)
def test_a_number_never_matches_inside_a_longer_one(number: int, prefix: int) -> None:
    assert mentions(f"there are {number} points", str(number))
    assert not mentions(f"there are {prefix}{number} points", str(number))
