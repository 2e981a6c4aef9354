"""A built model counts only with its manifest, and only at the size the manifest recorded."""

from __future__ import annotations

import json
from pathlib import Path

from index.embedding.built_model import MANIFEST_FILE, fp32_model_path, is_built


def test_a_model_without_a_manifest_is_not_built(tmp_path: Path) -> None:
    model = fp32_model_path(tmp_path)
    model.parent.mkdir(parents=True)
    model.write_bytes(b"onnx" * 10)
    assert not is_built(tmp_path)


def test_a_truncated_model_is_not_built(tmp_path: Path) -> None:
    model = fp32_model_path(tmp_path)
    model.parent.mkdir(parents=True)
    model.write_bytes(b"onnx" * 10)
    (model.parent / MANIFEST_FILE).write_text(json.dumps({"bytes": 40}))
    assert is_built(tmp_path)
    model.write_bytes(b"onnx")
    assert not is_built(tmp_path)
