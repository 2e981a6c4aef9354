"""A claim is judged on what it states beyond the question: the shapes met in real answers.

Each kept shape is one the verifier used to remove although the quote held the asked-for fact;
each killed shape is one that must stay removed however the question is phrased.
"""

from __future__ import annotations

import pytest

from assistant.ask.answer.support import Asked, support, supports

SMOKING_Q = "Under the 2006 law, how much of a bar's floor may be a smoking area?"
SMOKING_QUOTE = "Owners may set aside up to 25 percent of the floor for smokers."
SMOKING_DOC = f"The 2006 law changed bars across the state. {SMOKING_QUOTE}"


def test_a_restated_question_plus_the_fact_is_supported_by_the_fact_alone() -> None:
    claim = "Under the 2006 law, 25% of a bar's floor may be a smoking area."
    assert supports(claim, SMOKING_QUOTE, Asked.of(SMOKING_Q), SMOKING_DOC)
    # Without the question, "law", "bar" and "smoking area" are unsupported words, and 2006 is
    # a number the quote lacks: the old check removed this right answer.
    assert not supports(claim, SMOKING_QUOTE)


def test_a_number_from_the_question_needs_the_cited_document_to_hold_it() -> None:
    claim = "Under the 2006 law, 25% of a bar's floor may be a smoking area."
    elsewhere = "A 2011 law changed bars across the state. " + SMOKING_QUOTE
    assert support(claim, SMOKING_QUOTE, Asked.of(SMOKING_Q), elsewhere) == 0.0


def test_the_published_date_licenses_the_questions_year() -> None:
    question = "Which app surged in 2025 as TikTok faced a ban?"
    claim = "In 2025, RedNote surged as TikTok faced a ban."
    quote = "Users flocked to RedNote as the TikTok ban loomed."
    assert not supports(claim, quote, Asked.of(question), "Users flocked to RedNote.")
    assert supports(claim, quote, Asked.of(question), "Users flocked to RedNote.\n2025-01-17")


@pytest.mark.parametrize(
    ("claim", "quote"),
    [
        ("Patients took 400 milligrams a day.", "Patients took 400 mg a day."),
        ("The rate rose to 25%.", "The rate rose to 25 percent."),
        ("Climbers now pay 15,000 dollars.", "Climbers now pay $15,000."),
        ("The trail is 12 kilometres long.", "The trail is 12 km long."),
    ],
)
def test_units_and_forms_meet(claim: str, quote: str) -> None:
    assert supports(claim, quote)


@pytest.mark.parametrize(
    ("claim", "why"),
    [
        ("Under the 2006 law, 30% of a bar's floor may be a smoking area.", "a number in neither"),
        ("Under the 2006 law, Governor Smith allowed 25% of the floor.", "a name in neither"),
        ("Under the 2006 law, 25% of a bar's floor may not be a smoking area.", "a negation"),
        ("Under the 2006 law, part of a bar's floor may be a smoking area.", "nothing new"),
    ],
)
def test_what_neither_the_question_nor_the_quote_says_is_still_killed(claim: str, why: str) -> None:
    assert support(claim, SMOKING_QUOTE, Asked.of(SMOKING_Q), SMOKING_DOC) == 0.0, why


def test_a_name_the_cited_document_gives_is_licensed() -> None:
    question = "Who delivered the eulogy at Jimmy Carter's funeral?"
    claim = "President Joe Biden delivered the eulogy."
    quote = "Biden delivered the eulogy on Thursday."
    assert not supports(claim, quote, Asked.of(question))
    assert supports(claim, quote, Asked.of(question), "President Joe Biden spoke. " + quote)
    unrelated = "Trump attended the funeral."
    document = "President Joe Biden spoke. " + unrelated
    assert not supports(claim, unrelated, Asked.of(question), document)  # the quote says nothing


def test_a_negation_the_question_asks_about_is_licensed() -> None:
    question = "Which country did not sign the accord?"
    quote = "Every member signed the accord except Hungary."
    assert supports("Hungary did not sign the accord.", quote, Asked.of(question))


def test_an_extractive_quote_that_only_repeats_the_question_answers_nothing() -> None:
    question = "How many action points does the campaign have?"
    restated = "The campaign has action points."
    assert support(restated, restated, Asked.of(question)) == 0.0
    assert supports("The campaign has 58 action points.", "It has 58 action points.")


def test_the_name_that_answers_must_be_in_the_quote_not_only_in_the_document() -> None:
    question = "Trump was sworn in on Monday. Which holiday coincided with his inauguration?"
    claim = "Martin Luther King Jr. Day coincided with Donald Trump's inauguration."
    document = (
        "Inauguration Day is Monday, Jan. 20. This year's Inauguration Day coincides with "
        "Martin Luther King Jr. Day, a federal holiday. Donald Trump takes the oath."
    )
    shares_a_word = "Inauguration Day is Monday, Jan. 20."
    gives_it = "This year's Inauguration Day coincides with Martin Luther King Jr. Day."
    assert support(claim, shares_a_word, Asked.of(question), document) == 0.0
    assert supports(claim, gives_it, Asked.of(question), document)


def test_a_name_needs_its_last_word_in_the_quote() -> None:
    question = "What is the new owner of the historic du Pont estate Granogue?"
    claim = "The new owner of Granogue is Longwood Gardens."
    document = "Granogue was sold to Longwood Gardens. Longwood said it will not open yet."
    assert support(claim, "Longwood said it will not open yet.", Asked.of(question), document) == 0
    assert supports(claim, "Granogue was sold to Longwood Gardens.", Asked.of(question), document)


def test_a_name_whose_head_the_quote_gives_only_inside_another_name_is_killed() -> None:
    question = "Which US holiday takes place on the third Monday of February every year?"
    claim = "The US holiday on the third Monday of February is Presidents Day."
    veterans = "However, Veterans Day was returned to Nov. 11 in 1978."
    document = f"Presidents Day is on the third Monday of February. {veterans}"
    assert support(claim, veterans, Asked.of(question), document) == 0
    assert supports(
        claim, "Presidents Day is on the third Monday of February.", Asked.of(question), document
    )
    # The quote's shorter form of the same name still supports it.
    biden = "President Joe Biden delivered the eulogy."
    eulogy = Asked.of("Who delivered a eulogy at the state funeral?")
    assert supports(biden, "Biden delivered the eulogy.", eulogy, f"Joe Biden spoke. {biden}")
