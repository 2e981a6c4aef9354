"""Overview requests are told from factoid questions by rule, in both directions."""

from __future__ import annotations

import json

import pytest

from assistant.ask.overview import Kind, Overview, overview
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "question",
    [
        "Summarize the article",
        "summarise the story, please.",
        "Can you summarize it for me?",
        "Give me a summary",
        "Could you give me a brief overview of the corpus?",
        "What is this article about?",
        "What's this about?",
        "What are the main points?",
        "What are the key takeaways of the article?",
        "TL;DR",
        "tldr of the article",
        "Give me the gist",
    ],
)
def test_summary_requests_are_recognised(question: str) -> None:
    assert overview(question) == Overview(Kind.SUMMARY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does the corpus say about rare earth minerals?", Overview(Kind.TOPIC, "rare earth minerals")),
        ("What do the articles say about Baogang?", Overview(Kind.TOPIC, "Baogang")),
        ("Summarize the article about Baogang", Overview(Kind.TOPIC, "Baogang")),
        ("Give me an overview of the steel industry", Overview(Kind.TOPIC, "the steel industry")),
        ("Tell me about the campaign", Overview(Kind.TOPIC, "the campaign")),
        ("What is Baogang?", Overview(Kind.ENTITY, "Baogang")),
        ("What is Baogang Group?", Overview(Kind.ENTITY, "Baogang Group")),
        ("Who is Xi Jinping?", Overview(Kind.ENTITY, "Xi Jinping")),
        ("What is the CCP?", Overview(Kind.ENTITY, "CCP")),
        ("what is Rare Earth Exchanges", Overview(Kind.ENTITY, "Rare Earth Exchanges")),
    ],
)  # fmt: skip
def test_topic_and_entity_requests_carry_their_topic(question: str, expected: Overview) -> None:
    assert overview(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How many action points does the campaign have?",
        "What is the capital of Inner Mongolia?",
        "Who launched the campaign?",
        "What is the deadline for the reform tasks?",
        "When did the campaign start?",
        "Who is the CEO of Baogang Group?",  # a role: it asks for a person's name
        "Who is the Party Secretary?",
        "What is Baogang's revenue?",  # a possessive: it asks for one attribute
        "What is his name?",
        "What kind of company is Baogang Group?",
        "What is Party ideology prioritized over?",
        "What is 58?",
        "What does the campaign create to oversee the reforms?",
    ],
)
def test_factoid_questions_are_not_overviews(question: str) -> None:
    assert overview(question) is None


def test_no_question_of_the_seed_eval_is_taken_for_an_overview() -> None:
    """The eval's factoid and abstention cases keep going to the factoid answerer."""
    path = ROOT / "evals" / "datasets" / "seed_facts.jsonl"
    questions = [json.loads(line)["question"] for line in path.read_text().splitlines() if line]
    assert len(questions) > 50
    assert [q for q in questions if overview(q) is not None] == []
