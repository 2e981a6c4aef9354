"""AMX detection reads the kernel's CPU flags; anything unreadable means no AMX."""

from __future__ import annotations

from pathlib import Path

from index.embedding.cpu_features import has_amx

SPR_FLAGS = "fpu vme avx2 avx512f avx512_vnni amx_bf16 avx512_fp16 amx_tile amx_int8"


def cpuinfo(tmp_path: Path, flags: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nmodel name\t: Some Xeon\nflags\t\t: {flags}\n\n")
    return path


def test_sapphire_rapids_flags_mean_amx(tmp_path: Path) -> None:
    assert has_amx(cpuinfo(tmp_path, SPR_FLAGS))


def test_avx512_without_amx_tiles_is_not_amx(tmp_path: Path) -> None:
    assert not has_amx(cpuinfo(tmp_path, "fpu avx2 avx512f avx512_bf16 avx512_vnni"))


def test_a_missing_cpuinfo_means_the_portable_path(tmp_path: Path) -> None:
    assert not has_amx(tmp_path / "absent")
