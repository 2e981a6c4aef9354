"""Shared fixtures: real embedder, real Chroma in temporary folders, the seed corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import pytest

from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_model import check_model
from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.errors import LLMError
from assistant.offline import apply_offline_env
from assistant.settings import Settings, load_settings
from evals.bench.servers import chroma_server as chroma_server_process
from index.chunker import Chunker
from index.embedding import MiniLMEmbedding, load_tokenizer
from index.embedding.encoder_runner import EncoderRunner
from index.pipeline import Ingestor
from tests.assistant.ask.llm.standin import StandIn

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOC_ID = "baogang-reform-campaign.txt"
SEED_TEXT = (SEEDS / SEED_DOC_ID).read_text(encoding="utf-8")
DATED_NEWS = Path(__file__).parent / "fixtures" / "dated_news"
BRIDGE_QUESTION = "How much will the Harbor Bridge repair cost?"

apply_offline_env()  # before any test imports onnxruntime


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, seeds_dir=SEEDS, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedding:
    return MiniLMEmbedding()


STORE_MODES = ["embedded", "server"]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real `chroma run` on loopback for the whole session; its URL."""
    folder = tmp_path_factory.mktemp("chroma-server")
    with chroma_server_process(folder / "data", folder / "server.log") as url:
        yield url


@pytest.fixture
def store_mode(request: pytest.FixtureRequest) -> str:
    """embedded unless a module parametrizes it: `pytest.mark.parametrize("store_mode",
    STORE_MODES, indirect=True)` runs its tests against both stores."""
    return str(getattr(request, "param", "embedded"))


def ingestor_on(
    container: Container, runner: EncoderRunner, *, batch_size: int, with_lexical: bool = False
) -> Ingestor:
    """The container's ingestion pipeline with the model on `runner` (a wrapped real runtime)."""
    settings = container.settings
    return Ingestor(
        container.store,
        MiniLMEmbedding(embed_batch_size=batch_size, runner=runner),
        Chunker(
            load_tokenizer(for_model=False),
            chunk_tokens=settings.chunk_tokens,
            overlap_tokens=settings.chunk_overlap_tokens,
        ),
        max_bytes=settings.max_document_bytes,
        derived=[container.lexical] if with_lexical else (),
    )


def server_settings(url: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings for a Chroma server; a fresh collection, since tests share the server."""
    collection = f"t{uuid4().hex[:16]}"
    return make_settings(data_dir, chroma_url=url, collection=collection, **overrides)


@pytest.fixture
def make_container(
    tmp_path: Path, store_mode: str, request: pytest.FixtureRequest
) -> Callable[..., Container]:
    """Builds fresh, empty containers in the test's store mode, with settings overrides."""

    def build(**overrides: object) -> Container:
        data_dir = tmp_path / "var"
        if store_mode == "server":
            url = request.getfixturevalue("chroma_server")
            return build_container(server_settings(url, data_dir, **overrides))
        return build_container(make_settings(data_dir, **overrides))

    return build


@pytest.fixture
def container(make_container: Callable[..., Container]) -> Container:
    """A fresh, empty store (embedded, or on the test Chroma server) with the real embedder."""
    return make_container()


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """The seed corpus indexed once per session; tests must not write to it."""
    built = build_container(make_settings(tmp_path_factory.mktemp("seeded") / "var"))
    report = built.ingestor.ingest([SEEDS])
    assert report.added == [SEED_DOC_ID]
    return built


@pytest.fixture(scope="session")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """The seed article plus two versions of one story (River Times, Feb. 3 and Feb. 20, 2025)
    and an older one from another source (Valley Post, Jan. 15); tests must not write to it."""
    built = build_container(make_settings(tmp_path_factory.mktemp("dated") / "var"))
    built.ingestor.ingest([SEEDS, DATED_NEWS])
    yield built
    built.close()


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers from fixtures, however deep: a test on the real local model is `model`, one on
    the Chroma server `slow`, so `make unit` (no model, no server) can leave them out."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "local_llm" in fixtures:
            item.add_marker(pytest.mark.model)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "chroma_server" in fixtures or params.get("store_mode") == "server":
            item.add_marker(pytest.mark.slow)  # a `chroma run` process


# -- language models: one scripted stand-in and one real local model server per session ------


@pytest.fixture(scope="session")
def standin() -> Iterator[StandIn]:
    server = StandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def local_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """The real model (prepared by `make local-llm`) served on a free loopback port."""
    path = local_model_path(load_settings())
    try:
        check_model(path)
    except LLMError as exc:
        pytest.fail(f"{exc} (the LLM tests need the real local model)")
    log_path = tmp_path_factory.mktemp("llm") / "server.log"
    with LocalServer(path, threads=0, context_tokens=4096, log_path=log_path) as server:
        yield server
