"""`auto` runs the embedder measured fastest on this CPU; the measurement is kept per CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding.backends import auto_choice, resolve_backend
from index.embedding.built_model import is_built
from index.embedding.choose import main as choose
from index.embedding.cpu_features import cpu_key
from index.embedding.measured_choice import Choice, Measured, load_choice, pick, save_choice
from tests.conftest import ROOT

MODELS = ROOT / "var" / "models"
FP32_DIR = "all-MiniLM-L6-v2-fp32"


def measured(**rates: tuple[float, float | None]) -> list[Measured]:
    return [
        Measured(backend=b, name=b, texts_per_s=r, min_cosine=c)  # type: ignore[arg-type]
        for b, (r, c) in rates.items()
    ]


def choice(backend: str, cpu: str | None = None) -> Choice:
    figures = measured(int8=(100.0, 0.995), fast=(260.0, 0.999), fp32=(60.0, 1.0))
    return Choice(cpu=cpu or cpu_key(), backend=backend, measured=figures, at="2026-12-07T03:00")  # type: ignore[arg-type]


def test_the_fastest_runtime_whose_vectors_agree_with_fp32_wins() -> None:
    assert pick(measured(int8=(100.0, 0.995), fast=(260.0, 0.999), fp32=(60.0, 1.0))) == "fast"
    assert pick(measured(int8=(100.0, 0.995), fast=(260.0, 0.97), fp32=(60.0, 1.0))) == "int8"
    assert pick(measured(int8=(100.0, None))) == "int8"  # no fp32 export: nothing to compare


def test_the_cpu_key_changes_with_the_flags_and_names_the_model(tmp_path: Path) -> None:
    def info(flags: str) -> Path:
        path = tmp_path / f"cpuinfo-{len(flags)}"
        path.write_text(f"model name\t: AMD EPYC 9R14\nflags\t\t: {flags}\n")
        return path

    plain, bf16 = cpu_key(info("fpu avx2")), cpu_key(info("fpu avx2 avx512_bf16"))
    assert plain.startswith("AMD EPYC 9R14 #")
    assert plain != bf16
    assert cpu_key(info("avx2 fpu")) == plain  # order does not matter


def test_each_cpu_keeps_its_own_measurement_in_a_shared_models_folder(tmp_path: Path) -> None:
    save_choice(tmp_path, choice("fast", cpu="host A"))
    save_choice(tmp_path, choice("int8", cpu="host B"))
    a, b = load_choice(tmp_path, "host A"), load_choice(tmp_path, "host B")
    assert a is not None
    assert b is not None
    assert (a.backend, b.backend) == ("fast", "int8")
    assert a.speedup("fast") == pytest.approx(2.6)
    assert load_choice(tmp_path, "host C") is None
    (tmp_path / "embedder-choice.json").write_text("{not json")
    assert load_choice(tmp_path, "host A") is None  # unreadable: the old rule, not a crash


def test_a_measured_runtime_that_is_no_longer_ready_falls_back(tmp_path: Path) -> None:
    save_choice(tmp_path, choice("fast"))  # measured here, but no fast model in this folder
    backend, why = auto_choice(tmp_path)
    assert backend == resolve_backend("auto", tmp_path) == "int8"
    assert "fast, measured fastest here, is not ready (run `make fast-embedder`" in why


@pytest.mark.fast_embedder
def test_auto_runs_what_was_measured_fastest_on_this_cpu(tmp_path: Path) -> None:
    assert is_built(MODELS), "run `make fast-embedder`"
    (tmp_path / FP32_DIR).symlink_to(MODELS / FP32_DIR)
    for backend in ("fp32", "fast", "int8"):
        save_choice(tmp_path, choice(backend))
        assert resolve_backend("auto", tmp_path) == backend
        assert "measured fastest on this CPU" in auto_choice(tmp_path)[1]
    assert resolve_backend("int8", tmp_path) == "int8"  # a setting other than auto is obeyed


@pytest.mark.slow  # times a real runtime for a few seconds
def test_choose_times_what_this_machine_can_run_and_caches_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert choose(["--models-dir", str(tmp_path), "--seconds", "0.2"]) == 0
    saved = load_choice(tmp_path)
    assert saved is not None
    assert saved.backend == "int8"  # no export in this folder: int8 is all there is
    assert [m.backend for m in saved.measured] == ["int8"]
    assert saved.measured[0].texts_per_s > 0
    assert "embedder for auto: int8" in capsys.readouterr().out
    assert choose(["--models-dir", str(tmp_path)]) == 0  # measured once per CPU
    assert "--again to re-measure" in capsys.readouterr().out
