"""Block Kit rendering stays within Slack's limits and never lets article text become markup."""

from __future__ import annotations

from assistant.schema import Answer, Citation, Timings
from assistant.slack.blocks import MAX_BLOCKS, SECTION_LIMIT, answer_blocks, split_text

TIMINGS = Timings(retrieve=1, answer=1, total=2)


def citation(n: int, quote: str = "58 action points") -> Citation:
    return Citation(n=n, doc_id=f"d{n}", title=f"Title {n}", source="s", quote=quote, start=0, end=len(quote), score=0.9)  # fmt: skip


def test_long_text_is_split_between_sentences_within_the_limit() -> None:
    text = " ".join(f"Sentence number {i} says something about steel output." for i in range(200))
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(len(p) <= SECTION_LIMIT for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text


def test_a_single_huge_word_run_is_still_cut() -> None:
    pieces = split_text("x" * 7000)
    assert [len(p) for p in pieces] == [3000, 3000, 1000]


def test_sources_are_capped_with_a_note() -> None:
    answer = Answer(question="q", answer="a [1]", abstained=False, citations=[citation(n) for n in range(1, 80)], timings_ms=TIMINGS)  # fmt: skip
    blocks = answer_blocks(answer)
    assert len(blocks) == MAX_BLOCKS
    assert "more sources" in blocks[-1]["elements"][0]["text"]


def test_article_text_is_escaped_and_urls_become_links() -> None:
    answer = Answer(question="q", answer="<!channel> says [1]", abstained=False, citations=[citation(1, "<script>&")], timings_ms=TIMINGS)  # fmt: skip
    blocks = answer_blocks(answer, {"d1": "https://example.com/a"})
    assert blocks[0]["text"]["text"] == "&lt;!channel&gt; says [1]"
    source = blocks[-1]["elements"][0]["text"]
    assert source == "[1] <https://example.com/a|Title 1> — “&lt;script&gt;&amp;”"


def test_abstention_is_plain() -> None:
    answer = Answer(question="q", answer="I could not find this in the corpus.", abstained=True, citations=[], timings_ms=TIMINGS)  # fmt: skip
    blocks = answer_blocks(answer)
    assert blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": ":mag: I could not find this in the corpus."}}]  # fmt: skip


def test_a_source_shows_its_published_date_after_the_title() -> None:
    dated = citation(1).model_copy(update={"published": "2025-02-20"})
    answer = Answer(question="q", answer="a [1]", abstained=False, citations=[dated, citation(2)], timings_ms=TIMINGS)  # fmt: skip
    blocks = answer_blocks(answer, {"d1": "https://example.com/a"})
    lines = [b["elements"][0]["text"] for b in blocks if b["type"] == "context"]
    assert lines == [
        "[1] <https://example.com/a|Title 1> (2025-02-20) — “58 action points”",
        "[2] *Title 2* — “58 action points”",
    ]


def test_buttons_stay_last_within_the_block_limit() -> None:
    answer = Answer(question="q", answer="a [1]", abstained=False, citations=[citation(n) for n in range(1, 80)], timings_ms=TIMINGS)  # fmt: skip
    button = {"type": "button", "action_id": "not_helpful", "value": "id1"}
    blocks = answer_blocks(answer, actions=[button])
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1] == {"type": "actions", "elements": [button]}
    assert "more sources" in blocks[-2]["elements"][0]["text"]
