"""Environment that keeps third-party libraries from reaching the network.

onnxruntime phones home on import unless ORT_DISABLE_TELEMETRY=1; Hugging Face loaders retry for a
minute without HF_HUB_OFFLINE=1. Set them before those libraries load.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
}


def apply_offline_env() -> None:
    """Force the offline variables (a user's ORT telemetry opt-in is not honoured on purpose)."""
    os.environ.update(OFFLINE_ENV)
