"""Settings: one documented place, read from ASSISTANT_* variables by a function."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.errors import ConfigError
from assistant.settings import Settings, load_settings


def test_every_setting_is_described() -> None:
    undocumented = [name for name, f in Settings.model_fields.items() if not f.description]
    assert undocumented == []


def test_environment_variables_with_the_prefix_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", "/tmp/elsewhere")
    settings = load_settings()
    assert settings.top_k == 7
    assert settings.chroma_path == Path("/tmp/elsewhere/chroma")


def test_defaults_work_without_any_configuration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.data_dir == Path("var")
    assert settings.retrieval_mode == "hybrid"


def test_invalid_values_are_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="top_k"):
        Settings(top_k=0)


def test_the_models_folder_is_made_absolute_once_so_a_later_cd_keeps_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", "shared/models")
    settings = load_settings()
    monkeypatch.chdir("/")
    assert settings.models_dir == tmp_path / "shared" / "models"
    monkeypatch.delenv("ASSISTANT_MODELS_DIR")
    monkeypatch.chdir(tmp_path)
    assert load_settings().models_dir == tmp_path / "var" / "models"


def test_a_bad_setting_is_one_line_naming_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TOP_K", "0")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == (
        "invalid setting ASSISTANT_TOP_K=0: Input should be greater than or equal to 1"
    )
    monkeypatch.setenv("ASSISTANT_RETRIEVAL_MODE", "banana")
    with pytest.raises(ConfigError, match=r"ASSISTANT_\w+=\w+: .* \(and 1 more\)$"):
        load_settings()


@pytest.mark.slow  # a subprocess per setting
@pytest.mark.parametrize(
    ("variable", "value"), [("ASSISTANT_TOP_K", "0"), ("ASSISTANT_RETRIEVAL_MODE", "banana")]
)
def test_the_command_reports_a_bad_setting_in_one_line_and_exits_2(
    variable: str, value: str, tmp_path: Path
) -> None:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "var"), variable: value}
    command = Path(sys.executable).with_name("assistant")  # the installed command
    result = subprocess.run(
        [str(command), "status"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: invalid setting {variable}={value}: ")
