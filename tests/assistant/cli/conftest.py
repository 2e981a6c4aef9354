"""One data folder with the seed corpus, ingested once by the command itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "var"
    first = run_cli(folder, "ingest")
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    return folder
