"""The `assistant` command as a user runs it: a real process, on a data folder of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEEDS


def run_cli(
    data_dir: Path,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str | None] | None = None,
    python: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """`python [python...] -m assistant args...`; stdout and stderr are pipes, not terminals.
    `env` adds variables, or removes those it maps to None."""
    changes: dict[str, str | None] = {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_SEEDS_DIR": str(SEEDS),
        **(env or {}),
    }
    merged = {**os.environ, **changes}
    environ = {name: value for name, value in merged.items() if value is not None}
    return subprocess.run(
        [sys.executable, *python, "-m", "assistant", *args],
        capture_output=True, text=True, env=environ, input=stdin, timeout=120, check=False,
    )  # fmt: skip
