"""The embedder backends: one model, so vectors agree across runtimes and indexes mix."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import EmbedderError
from index.embedding import MiniLMEmbedding
from index.embedding.backends import open_embedder, resolve_backend
from index.embedding.built_model import is_built
from index.embedding.cpu_features import has_amx
from tests.conftest import ROOT

MODELS = ROOT / "var" / "models"  # where `make fast-embedder` builds it (test-prereqs)
REFERENCE = json.loads((Path(__file__).parent / "reference_vectors.json").read_text())


@pytest.fixture(scope="module")
def fast() -> MiniLMEmbedding:
    if not is_built(MODELS):
        if has_amx():
            pytest.fail("the fast embedder is not built: run `make fast-embedder`")
        pytest.skip("this CPU has no AMX and the fast embedder is not built")
    return open_embedder("fast", models_dir=MODELS)


@pytest.mark.fast_embedder
def test_fast_vectors_match_the_sentence_transformers_fp32_reference(
    fast: MiniLMEmbedding,
) -> None:
    ours = fast.embed(REFERENCE["texts"])
    reference = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert (ours * reference).sum(axis=1).min() > 0.999


@pytest.mark.fast_embedder
def test_an_index_built_with_one_backend_answers_queries_embedded_by_the_other(
    fast: MiniLMEmbedding, embedder: MiniLMEmbedding
) -> None:
    passages = [
        "The campaign has 17 key tasks and 58 specific action points.",
        "Its 277 turbines can power six million homes, the operator said.",
        "Rainfall in March was twice the long-term average.",
    ]
    queries = ["How many action points?", "How many homes can the wind farm power?", "wet March"]
    for index_with, ask_with in ((fast, embedder), (embedder, fast)):
        scores = ask_with.embed(queries) @ index_with.embed(passages).T
        assert scores.argmax(axis=1).tolist() == [0, 1, 2]
    assert ((fast.embed(passages) * embedder.embed(passages)).sum(axis=1) > 0.99).all()


@pytest.mark.fast_embedder
def test_fast_backend_is_safe_under_concurrent_callers(fast: MiniLMEmbedding) -> None:
    texts = [f"Report {i}: the harbour employs {i * 7} people." for i in range(12)]
    expected = fast.embed(texts)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda t: fast.embed([t])[0], texts))
    assert np.allclose(np.vstack(results), expected, atol=2e-2)
    assert ((np.vstack(results) * expected).sum(axis=1) > 0.999).all()


@pytest.mark.fast_embedder
def test_fast_backend_reports_its_runtime(fast: MiniLMEmbedding) -> None:
    assert "OpenVINO" in fast.model_name


@pytest.mark.fast_embedder
def test_the_bf16_runtime_pads_batches_to_whole_amx_tiles(fast: MiniLMEmbedding) -> None:
    runner = fast._runner
    bf16 = "bf16" in fast.model_name
    assert runner.width_multiple == (16 if bf16 else 1)
    assert runner.for_bulk().width_multiple == runner.width_multiple


def test_never_measured_auto_picks_fast_only_with_amx_and_a_built_model(tmp_path: Path) -> None:
    assert resolve_backend("auto", tmp_path / "nothing-built") == "int8"
    unmeasured = tmp_path / "models"  # the built model, without this CPU's measured choice
    unmeasured.mkdir()
    if is_built(MODELS):
        (unmeasured / "all-MiniLM-L6-v2-fp32").symlink_to(MODELS / "all-MiniLM-L6-v2-fp32")
    expected = "fast" if has_amx() and is_built(MODELS) else "int8"
    assert resolve_backend("auto", unmeasured) == expected
    assert resolve_backend("int8", MODELS) == "int8"


def test_forcing_an_unbuilt_backend_says_how_to_build_it(tmp_path: Path) -> None:
    for backend in ("fast", "fp32"):
        with pytest.raises(EmbedderError, match="make fast-embedder"):
            open_embedder(backend, models_dir=tmp_path)  # type: ignore[arg-type]


def test_int8_stays_the_default_runtime_of_the_plain_class(embedder: MiniLMEmbedding) -> None:
    assert embedder.model_name == "all-MiniLM-L6-v2 (int8 ONNX)"
    assert open_embedder("int8", models_dir=MODELS).model_name == embedder.model_name


@pytest.mark.fast_embedder
def test_fast_bulk_setup_agrees_with_the_quick_one(fast: MiniLMEmbedding) -> None:
    texts = [f"Report {i}: the harbour employs {i * 7} people. " * (1 + i % 5) for i in range(300)]
    many = fast.embed(texts)  # many batches: the bulk (throughput) set-up takes over
    one_by_one = np.vstack([fast.embed([t]) for t in texts])  # one batch each: the quick set-up
    assert ((many * one_by_one).sum(axis=1) > 0.999).all()
