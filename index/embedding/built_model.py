"""Where `make fast-embedder` leaves the fp32 ONNX export, and whether it is complete.

The export (`tools/build_embedder.py`, run once in a throw-away venv with torch) is written with
a manifest last, so a half-built folder never counts as built.
"""

from __future__ import annotations

import json
from pathlib import Path

FP32_FOLDER = "all-MiniLM-L6-v2-fp32"
MODEL_FILE = "model.onnx"
MANIFEST_FILE = "manifest.json"


def fp32_model_path(models_dir: Path) -> Path:
    return models_dir / FP32_FOLDER / MODEL_FILE


def is_built(models_dir: Path) -> bool:
    """The model and its manifest are there, and the model has the size the manifest recorded."""
    model = fp32_model_path(models_dir)
    try:
        manifest = json.loads((model.parent / MANIFEST_FILE).read_text(encoding="utf-8"))
        return bool(model.stat().st_size == manifest["bytes"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
