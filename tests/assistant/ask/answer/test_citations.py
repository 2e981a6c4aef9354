"""[n] markers: which sentence owns them, however the text arrives in pieces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assistant.ask.answer.citations import CitedSentence, SentenceAssembler, parse, strip_markers

ANSWER = (
    "Answer: The campaign has 58 action points. [1] It is chaired by the Party Secretary [2]. "
    "It covers steel [1, 3][4].\n- Rare earths too [2]\nI cannot find more."
)
EXPECTED = [
    CitedSentence("The campaign has 58 action points.", (1,)),
    CitedSentence("It is chaired by the Party Secretary.", (2,)),
    CitedSentence("It covers steel.", (1, 3, 4)),
    CitedSentence("Rare earths too", (2,)),
    CitedSentence("I cannot find more.", ()),
]


def test_markers_after_or_before_the_full_stop_belong_to_that_sentence() -> None:
    assert parse(ANSWER) == EXPECTED


def test_a_marker_opening_the_answer_stays_with_the_first_sentence() -> None:
    assert parse("[2] Leading marker. Then more. [1]") == [
        CitedSentence("Leading marker.", (2,)),
        CitedSentence("Then more.", (1,)),
    ]


def test_repeated_markers_count_once_and_text_loses_them() -> None:
    assert parse("Steel matters [1][1] a lot.") == [CitedSentence("Steel matters a lot.", (1,))]
    assert strip_markers("Points [1] . Done [2]") == "Points. Done"


@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=60))
def test_streamed_in_any_pieces_it_parses_as_a_whole(cuts: list[int]) -> None:
    assembler = SentenceAssembler()
    out: list[CitedSentence] = []
    position = 0
    for size in cuts:
        out += assembler.feed(ANSWER[position : position + size])
        position += size
    out += assembler.feed(ANSWER[position:])
    out += assembler.finish()
    assert out == EXPECTED


def test_a_sentence_is_released_only_once_its_markers_have_arrived() -> None:
    assembler = SentenceAssembler()
    assert assembler.feed("The campaign has 58 action points. [") == []
    assert assembler.feed("1") == []
    assert assembler.feed("] It") == [CitedSentence("The campaign has 58 action points.", (1,))]
    assert assembler.finish() == [CitedSentence("It", ())]


def test_a_source_named_in_words_beside_its_marker_leaves_no_dangling_phrase() -> None:
    assert parse("According to [1], China keeps them rigidly controlled. [1]") == [
        CitedSentence("China keeps them rigidly controlled.", (1,))
    ]
    assert parse("According to the source, three countries are listed. [2]") == [
        CitedSentence("Three countries are listed.", (2,))
    ]
    assert parse("The sources state that the famed destination set a fee. [3]") == [
        CitedSentence("The famed destination set a fee.", (3,))
    ]
    assert parse("It sets up a reporting system, as stated in [1].") == [
        CitedSentence("It sets up a reporting system.", (1,))
    ]
    assert parse('This can be seen in source [1], which states: "Liverpool won the cup." [1]') == [
        CitedSentence('"Liverpool won the cup."', (1,))
    ]


def test_an_attribution_to_a_person_is_kept() -> None:
    assert parse("According to Anderson, customers may use the restroom. [1]") == [
        CitedSentence("According to Anderson, customers may use the restroom.", (1,))
    ]
