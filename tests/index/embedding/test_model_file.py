"""Model files are loaded only when their sha256 is the pinned one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import EmbedderError
from index.embedding.model_file import verified
from index.embedding.onnx_runner import int8_model_path


def test_the_installed_int8_model_is_the_pinned_file() -> None:
    assert int8_model_path().name == "model.onnx"


def test_the_int8_model_is_refused_when_its_pinned_hash_differs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("index.embedding.onnx_runner.INT8_SHA256", "0" * 64)
    with pytest.raises(EmbedderError, match="refusing the embedding model"):
        int8_model_path()


def test_a_file_with_another_hash_is_refused_with_one_line(tmp_path: Path) -> None:
    swapped = tmp_path / "model.onnx"
    swapped.write_bytes(b"not the model")
    with pytest.raises(EmbedderError) as refused:
        verified(swapped, "0" * 64)
    assert "refusing the embedding model" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_missing_file_is_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="cannot read the embedding model"):
        verified(tmp_path / "gone.onnx", "0" * 64)
