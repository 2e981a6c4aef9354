"""The ingestion benchmark's ratios compare like with like."""

from __future__ import annotations

from evals.bench.ingest import ratio_backend, ratios


def _run(seconds: float, cpu: float) -> dict[str, float]:
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "tokens_embedded": 1e3,
        "documents": 10,
        "chunks": 50,
    }


def test_ratios_follow_the_backend_of_the_ours_pipeline_asked_for() -> None:
    pipelines = ["ours@int8", "raw@int8"]
    rounds = [{"ours@int8": _run(10.0, 20.0), "raw@int8": _run(8.0, 16.0)}]
    assert ratio_backend(pipelines, "fast") == "int8"
    assert ratios(rounds, ratio_backend(pipelines, "fast")) == {
        "ours_vs_raw_tokens_per_s": 0.8,
        "ours_vs_raw_tokens_per_cpu_s": 0.8,
    }


def test_without_an_ours_pipeline_the_backend_setting_decides() -> None:
    assert ratio_backend(["raw@fast", "stock@int8"], "fast") == "fast"
