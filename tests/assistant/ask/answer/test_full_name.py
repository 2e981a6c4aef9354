"""An answer that names someone by a short form leads with the name as its article gives it."""

from __future__ import annotations

from assistant.ask.answer.draft import Quote
from assistant.ask.answer.full_name import full_name

QUESTION = "Which actor broke the record for the longest acceptance speech at the Oscars?"


def article(*sentences: str, doc_id: str = "oscars") -> list[Quote]:
    quotes, start = [], 0
    for text in sentences:
        quotes.append(Quote(doc_id, "T", "S", text, start, start + len(text), 1.0))
        start += len(text) + 1
    return quotes


def test_a_surname_is_completed_from_another_sentence_of_its_article() -> None:
    quotes = article(
        "Adrien Brody won best actor for The Brutalist.",
        "As a result, Brody broke the record for the longest acceptance speech.",
    )
    named = full_name(quotes[1], quotes, QUESTION)
    assert named is not None
    assert named.text == "Adrien Brody"
    assert named.quote == quotes[0]  # cited where the article says it in full


def test_a_capitalised_sentence_opener_is_not_part_of_the_name() -> None:
    quotes = article(
        "Meet Nikki Glaser, the first woman to host alone.",
        "Glaser opened the show with a roast.",
        "Critics said Glaser was at her best.",
    )
    named = full_name(quotes[1], quotes, "Which comedian hosted the Golden Globes alone?")
    assert named is not None
    assert named.text == "Nikki Glaser"


def test_the_name_the_article_mentions_most_is_the_one_completed() -> None:
    quotes = article(
        "LeBron James reaches a new milestone.",
        "Anthony Davis was traded away.",
        "James scored while Davis watched.",
        "James now has 50,000 points.",
    )
    named = full_name(quotes[2], quotes, "Who became the first player to score 50,000 points?")
    assert named is not None
    assert named.text == "LeBron James"


def test_nothing_is_added_when_the_sentence_already_gives_the_name_whole() -> None:
    quotes = article(
        "Adrien Brody won best actor.", "Adrien Brody then spoke for five minutes and more."
    )
    assert full_name(quotes[1], quotes, QUESTION) is None


def test_a_name_the_question_holds_is_no_answer_and_is_not_completed() -> None:
    quotes = article("President Donald Trump spoke.", "Trump said tariffs would rise on steel.")
    assert full_name(quotes[1], quotes, "What did Trump say about tariffs?") is None


def test_another_articles_full_name_does_not_complete_this_one() -> None:
    quotes = article("As a result, Brody broke the record.") + article(
        "Adrien Brody won best actor.", doc_id="other"
    )
    assert full_name(quotes[0], quotes, QUESTION) is None


def test_a_heading_opening_with_a_verb_still_gives_its_short_name() -> None:
    quotes = article(
        "Watch Biden deliver the eulogy",
        "At the service, President Joe Biden, who knew Carter for decades, spoke last.",
        "Biden called him a friend.",
    )
    named = full_name(quotes[0], quotes, "Who delivered a eulogy at Jimmy Carter's funeral?")
    assert named is not None
    assert named.text == "President Joe Biden"
