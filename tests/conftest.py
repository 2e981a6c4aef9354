"""Shared fixtures: real embedder, real Chroma in temporary folders, the seed corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.container import Container, build_container
from assistant.offline import apply_offline_env
from index.embedding import MiniLMOnnxEmbedding

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOC_ID = "baogang-reform-campaign.txt"
SEED_TEXT = (SEEDS / SEED_DOC_ID).read_text(encoding="utf-8")

apply_offline_env()  # before any test imports onnxruntime


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, seeds_dir=SEEDS, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def embedder() -> MiniLMOnnxEmbedding:
    return MiniLMOnnxEmbedding()


@pytest.fixture
def container(tmp_path: Path) -> Container:
    """A fresh, empty store with the real embedder."""
    return build_container(make_settings(tmp_path / "var"))


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """The seed corpus indexed once per session; tests must not write to it."""
    built = build_container(make_settings(tmp_path_factory.mktemp("seeded") / "var"))
    report = built.ingestor.ingest([SEEDS])
    assert report.added == [SEED_DOC_ID]
    return built


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seed article plus a second small article."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / SEED_DOC_ID).write_text(SEED_TEXT, encoding="utf-8")
    (folder / "wind-farm.md").write_text(
        "---\ntitle: North Sea wind farm opens\nsource: Example Wire\npublished: 2025-02-03\n---\n"
        "The Dogger Bank wind farm began supplying power on Monday.\n\n"
        "Its 277 turbines can power six million homes, the operator said.\n",
        encoding="utf-8",
    )
    return folder
