"""`pytest evals/`: every case of the datasets is a test of its own (select, -x, JUnit XML).

By default the datasets in `evals/datasets/` are asked against a fresh temporary store holding
`seeds/`, so `make test` is hermetic. `--eval-dataset PATH` (repeatable) runs other datasets
against the configured store instead (`ASSISTANT_DATA_DIR`, or `--eval-data-dir`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from assistant.container import Container, build_container
from assistant.errors import AssistantError
from assistant.offline import apply_offline_env
from assistant.settings import Settings, load_settings
from evals.inputs import EvalInput, read_input
from evals.store_cache import cached_settings, ingest_changed, open_store

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(__file__).resolve().parent / "datasets"
SEEDS = ROOT / "seeds"
# A case with this tag is a known failure: pytest expects it to fail (strictly, so a fix shows
# up as XPASS and the tag must go); `assistant eval` still counts it as failed. The tag may name
# the answer mode it holds for ("known-failure:llm"), so a case fixed in one mode stays green.
KNOWN_FAILURE = "known-failure"


def known_failure(tags: list[str], mode: str) -> bool:
    return KNOWN_FAILURE in tags or f"{KNOWN_FAILURE}:{mode}" in tags


apply_offline_env()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("evals", "answer evaluation datasets")
    group.addoption(
        "--eval-dataset",
        action="append",
        default=[],
        type=Path,
        help="Dataset to run instead of evals/datasets/* (against the configured store).",
    )
    group.addoption(
        "--eval-data-dir", type=Path, default=None, help="Data folder of the store to ask."
    )
    group.addoption(
        "--eval-answer-mode",
        choices=["extractive", "llm"],
        default=None,
        help="Answer mode to ask in (default: the setting); picks the known failures too.",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "eval_case" not in metafunc.fixturenames:
        return
    try:
        inputs = [read_input(path) for path in _dataset_paths(metafunc.config)]
    except AssistantError as exc:
        raise pytest.UsageError(f"evaluation dataset: {exc}") from None
    mode = _answer_mode(metafunc.config)
    params = [
        pytest.param(
            (index, case.id),
            id=f"{item.dataset.name}/{case.id}",
            marks=[pytest.mark.xfail(strict=True)] if known_failure(case.tags, mode) else [],
        )
        for index, item in enumerate(inputs)
        for case in item.dataset.cases
    ]
    metafunc.config.stash[_INPUTS] = inputs
    metafunc.parametrize("eval_case", params)


_INPUTS = pytest.StashKey[list[EvalInput]]()


def _answer_mode(config: pytest.Config) -> str:
    chosen: str | None = config.getoption("--eval-answer-mode")
    return chosen or load_settings().answer_mode


def _dataset_paths(config: pytest.Config) -> list[Path]:
    chosen: list[Path] = config.getoption("--eval-dataset")
    if chosen:
        return chosen
    return sorted(p for p in DATASETS.iterdir() if p.suffix in {".jsonl", ".yaml", ".yml"})


@pytest.fixture(scope="session")
def eval_inputs(pytestconfig: pytest.Config) -> list[EvalInput]:
    return pytestconfig.stash[_INPUTS]


@pytest.fixture(scope="session")
def eval_settings(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    data_dir: Path | None = pytestconfig.getoption("--eval-data-dir")
    mode = {"answer_mode": _answer_mode(pytestconfig)}
    if pytestconfig.getoption("--eval-dataset"):
        return load_settings(**({"data_dir": data_dir} if data_dir else {}), **mode)
    return load_settings(data_dir=tmp_path_factory.mktemp("evals") / "var", seeds_dir=SEEDS, **mode)


@pytest.fixture(scope="session")
def eval_containers(
    eval_settings: Settings, eval_inputs: list[EvalInput], pytestconfig: pytest.Config
) -> Iterator[dict[int, Container]]:
    """The store each dataset is asked against, built (and for the default, seeded) once."""
    base = build_container(eval_settings)
    if not pytestconfig.getoption("--eval-dataset"):
        report = base.ingestor.ingest([SEEDS])
        assert report.added, "the seed corpus was not indexed"
    with ExitStack() as held:
        containers = {}
        for index, item in enumerate(eval_inputs):
            if item.corpus is None:
                containers[index] = base
            else:
                own_settings = cached_settings(eval_settings, item.corpus.name)
                own = held.enter_context(open_store(own_settings))
                ingest_changed(own, item.corpus)
                containers[index] = own
        yield containers
