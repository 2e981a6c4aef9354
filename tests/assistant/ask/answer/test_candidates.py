"""Agreement among the best sentences: the name they keep naming is read first."""

from __future__ import annotations

from assistant.ask.answer.candidates import agreement, names_in

QUESTION = "A group of Yemeni detainees from Guantanamo Bay were transferred to which country?"


def test_the_name_good_sentences_repeat_lifts_each_sentence_naming_it() -> None:
    sentences = [
        "The US is set to transfer a detainee from Guantanamo Bay to a facility in Saudi Arabia.",
        "Ten Guantanamo Bay detainees have been handed over to the government of Oman.",
        "Oman agreed to take the men, the Pentagon said.",
        "In Oman they will be resettled.",
    ]
    lifts = agreement(sentences, [0.7, 0.62, 0.55, 0.5], QUESTION)
    assert lifts[1] == max(lifts)
    assert lifts[0] < lifts[1]
    assert lifts[0] * 0.7 < lifts[1] * 0.62  # the agreed answer now outranks the lone lead


def test_names_from_the_question_days_and_wire_tags_are_no_candidates() -> None:
    asked = frozenset({"which", "country", "guantanamo", "bay", "yemeni"})
    sentence = "WASHINGTON (Reuters) - On Monday, Guantanamo Bay detainees were flown to Oman."
    assert names_in(sentence, asked) == {"washington", "oman"}


def test_weak_sentences_cast_no_vote() -> None:
    sentences = ["Oman took the men.", "Qatar was mentioned.", "Qatar again."]
    lifts = agreement(sentences, [1.0, 0.2, 0.2], QUESTION)
    assert lifts[0] > lifts[1] == lifts[2] == 1.0


def test_accents_and_number_words_do_not_make_new_names() -> None:
    asked = frozenset({"guantanamo", "bay", "which", "country"})
    sentence = "Ten Guantánamo Bay detainees were flown to Oman."
    assert names_in(sentence, asked) == {"oman"}
