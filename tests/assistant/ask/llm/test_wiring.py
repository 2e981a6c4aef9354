"""Which model LLM mode talks to, from settings alone; no LLM at all unless asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.container import Container, build_container
from assistant.errors import ConfigError
from assistant.settings import load_settings
from tests.conftest import make_settings


def test_without_llm_settings_answers_stay_extractive(seeded: Container) -> None:
    assert seeded.settings.answer_mode == "extractive"
    assert seeded.llm_server is None
    answer = seeded.engine.ask("How many action points does the campaign have?")
    assert "58" in answer.answer
    assert answer.generation is None


def test_openai_variables_are_honoured_and_assistant_ones_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    settings = load_settings()
    assert settings.llm_api_key is not None
    assert settings.llm_api_key.get_secret_value() == "sk-openai"
    assert settings.llm_base_url == "http://127.0.0.1:11434/v1"
    assert "sk-openai" not in repr(settings)
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", "http://127.0.0.1:8000/v1")
    assert load_settings().llm_base_url == "http://127.0.0.1:8000/v1"


def test_an_endpoint_without_a_model_name_is_a_config_error(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "var", answer_mode="llm", llm_base_url="http://127.0.0.1:9/v1"
    )
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_MODEL"):
        build_container(settings)


def test_with_no_endpoint_the_local_model_is_wired_but_started_only_when_asked(
    tmp_path: Path,
) -> None:
    settings = make_settings(
        tmp_path / "var", answer_mode="llm", llm_api_key=None, llm_base_url=None,
        models_dir=tmp_path / "models",
    )  # fmt: skip
    built = build_container(settings)
    assert built.llm_server is not None
    assert built.llm_server.model == tmp_path / "models" / "llm" / built.llm_server.model.name
    assert not built.llm_server.running
