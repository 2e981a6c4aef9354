"""No citation leaves unverified: wrong offsets, unknown documents, unsupported claims."""

from __future__ import annotations

from assistant.ask.answer.draft import Claim, Draft, Quote
from assistant.ask.answer.support import supports
from assistant.ask.answer.verify import verify
from assistant.container import Container
from tests.conftest import SEED_DOC_ID, SEED_TEXT

SENTENCE = (
    "The campaign micromanages corporate decision-making through a Party-first lens by "
    "embedding 17 key tasks and 58 specific action points."
)
START = SEED_TEXT.index(SENTENCE)


def quote(text: str = SENTENCE, start: int = START, doc_id: str = SEED_DOC_ID) -> Quote:
    return Quote(
        doc_id=doc_id,
        title="t",
        source="s",
        text=text,
        start=start,
        end=start + len(text),
        score=0.9,
    )


def test_a_true_quote_survives_with_its_offsets(seeded: Container) -> None:
    result = verify(Draft(claims=[Claim(SENTENCE, (quote(),))]), seeded.store)
    assert [(c.n, c.start, c.end) for c in result.citations] == [(1, START, START + len(SENTENCE))]
    assert result.text == SENTENCE + " [1]"
    assert (result.removed_claims, result.removed_citations) == (0, 0)


def test_shifted_offsets_are_dropped(seeded: Container) -> None:
    result = verify(Draft(claims=[Claim(SENTENCE, (quote(start=START + 1),))]), seeded.store)
    assert result.claims == []
    assert result.removed_citations == 1


def test_altered_quote_text_is_dropped(seeded: Container) -> None:
    forged = SENTENCE.replace("58", "85")
    result = verify(Draft(claims=[Claim(forged, (quote(text=forged),))]), seeded.store)
    assert result.citations == []
    assert result.removed_claims == 1


def test_unknown_document_is_dropped(seeded: Container) -> None:
    result = verify(Draft(claims=[Claim(SENTENCE, (quote(doc_id="nope.txt"),))]), seeded.store)
    assert result.citations == []


def test_a_claim_its_quote_does_not_support_is_removed(seeded: Container) -> None:
    claim = "The campaign has 99 action points and a budget of ten billion yuan."
    result = verify(Draft(claims=[Claim(claim, (quote(),))]), seeded.store)
    assert result.claims == []
    assert result.removed_claims == 1


def test_only_the_bad_claim_goes_and_numbers_are_renumbered(seeded: Container) -> None:
    bad = Claim("Profits doubled.", (quote(),))
    good = Claim(SENTENCE, (quote(),))
    result = verify(Draft(claims=[bad, good]), seeded.store)
    assert result.text == SENTENCE + " [1]"
    assert [c.n for c in result.citations] == [1]


def test_support_needs_every_number_and_most_words() -> None:
    assert supports("There are 58 action points.", SENTENCE)
    assert not supports("There are 158 action points.", SENTENCE)
    assert not supports("Steel exports fell sharply in Brazil.", SENTENCE)
