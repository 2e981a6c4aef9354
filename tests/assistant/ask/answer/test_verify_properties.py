"""Property: a citation survives verification only if its quote is the document text at its offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ask.answer.draft import Claim, Draft, Quote
from assistant.ask.answer.verify import verify
from assistant.container import Container
from tests.conftest import SEED_DOC_ID, SEED_TEXT


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.integers(min_value=0, max_value=len(SEED_TEXT) - 1),
    length=st.integers(min_value=1, max_value=200),
    shift=st.integers(min_value=-3, max_value=3),
)
def test_only_exact_quotes_survive(seeded: Container, start: int, length: int, shift: int) -> None:
    end = min(len(SEED_TEXT), start + length)
    text = SEED_TEXT[start:end]
    claimed_start = max(0, start + shift)
    quote = Quote(doc_id=SEED_DOC_ID, title="t", source="s", text=text, start=claimed_start, end=claimed_start + len(text), score=1.0)  # fmt: skip
    result = verify(Draft(claims=[Claim(text, (quote,))]), seeded.store)
    exact = SEED_TEXT[claimed_start : claimed_start + len(text)] == text
    if result.citations:
        assert exact
        citation = result.citations[0]
        assert SEED_TEXT[citation.start : citation.end] == citation.quote == text
    else:
        assert not exact or result.removed_claims == 1
