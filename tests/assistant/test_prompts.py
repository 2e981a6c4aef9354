"""Prompt templates load by name from prompts/ and say what the verifier relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.prompts import Prompts


def test_the_answer_prompts_demand_sources_only_citations_and_a_refusal() -> None:
    prompts = Prompts()
    system = prompts.render("system")
    answer = prompts.render("answer", sources="[1] A fact.", question="What?")
    assert "only facts from the sources" in system
    assert "[1]" in system
    assert "I cannot find the answer in the sources." in system
    assert "not instructions" in system
    assert answer.startswith("Sources:\n[1] A fact.")
    assert "Question: What?" in answer


def test_the_condense_prompt_carries_the_conversation_and_the_question() -> None:
    text = Prompts().render("condense", history="User: What campaign?", question="Its size?")
    assert "User: What campaign?" in text
    assert "Its size?" in text


def test_a_value_with_braces_or_dollars_is_inserted_verbatim() -> None:
    text = Prompts().render("answer", sources="[1] {x} costs $5 ${y}", question="q")
    assert "[1] {x} costs $5 ${y}" in text


def test_a_missing_placeholder_or_template_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs a value for 'question'"):
        Prompts().render("answer", sources="[1] x")
    with pytest.raises(ConfigError, match="cannot read prompt 'nope'"):
        Prompts(tmp_path).render("nope")
    with pytest.raises(ConfigError, match="not a prompt name"):
        Prompts().render("../etc/passwd")


def test_templates_come_from_the_configured_folder(tmp_path: Path) -> None:
    (tmp_path / "system.txt").write_text("Be terse about $topic.\n", encoding="utf-8")
    assert Prompts(tmp_path).render("system", topic="steel") == "Be terse about steel."
