"""The judge is the configured LLM, or there is none and `--judge` is refused up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ask.llm.endpoint import no_model_reason
from assistant.ask.llm.local_model import MODEL_FILE, model_path
from assistant.ask.llm.local_server import LocalServer
from assistant.errors import ConfigError, LLMError
from assistant.settings import load_settings
from evals.judge.endpoint import judge_model
from tests.conftest import make_settings


def no_llm(data_dir: Path, **overrides: object) -> dict[str, object]:
    return {
        "llm_base_url": None, "llm_api_key": None, "llm_model": "",
        "models_dir": data_dir / "models", **overrides,
    }  # fmt: skip


def test_with_no_endpoint_and_no_local_model_there_is_no_judge(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "var", **no_llm(tmp_path))
    with pytest.raises(ConfigError) as raised:
        judge_model(settings)
    assert str(raised.value).startswith(no_model_reason("--judge"))
    assert str(tmp_path / "models") in str(raised.value)
    assert "\n" not in str(raised.value)


def test_an_endpoint_is_the_judge_and_needs_its_model_name(tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/v1"
    judge = judge_model(make_settings(tmp_path / "var", llm_base_url=url, llm_model="judge-m"))
    assert (judge.chat.model, judge.endpoint, judge.started) == ("judge-m", url, None)
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_MODEL"):
        judge_model(make_settings(tmp_path / "var", llm_base_url=url, llm_model=""))


def test_an_api_key_alone_means_openai_and_the_report_never_shows_it(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "var", **no_llm(tmp_path, llm_api_key="sk-secret", llm_model="gpt-x")
    )
    judge = judge_model(settings)
    assert (judge.chat.model, judge.endpoint) == ("gpt-x", "OpenAI")
    assert "sk-secret" not in repr(judge)


def test_the_answerers_local_server_is_shared_not_started_twice(tmp_path: Path) -> None:
    running = LocalServer(
        tmp_path / "model.gguf", threads=1, context_tokens=512, log_path=tmp_path / "log"
    )
    judge = judge_model(make_settings(tmp_path / "var", **no_llm(tmp_path)), running)
    assert (judge.chat.model, judge.endpoint, judge.started) == (running.alias, "local model", None)
    judge.close()  # not ours to stop
    assert not running.running


@pytest.mark.model
def test_a_prepared_local_model_is_the_judge_started_only_when_asked(tmp_path: Path) -> None:
    models_dir = load_settings().models_dir  # where `make local-llm` put it
    settings = make_settings(tmp_path / "var", **no_llm(tmp_path, models_dir=models_dir))
    judge = judge_model(settings)
    assert judge.started is not None
    assert judge.started.model == model_path(models_dir)
    assert not judge.started.running
    assert judge.endpoint == "local model"


def test_a_wrong_local_model_file_is_refused_before_any_question(tmp_path: Path) -> None:
    wrong = tmp_path / "models" / "llm" / MODEL_FILE
    wrong.parent.mkdir(parents=True)
    wrong.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(LLMError, match="refusing"):
        judge_model(make_settings(tmp_path / "var", **no_llm(tmp_path)))
