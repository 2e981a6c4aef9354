"""Whether this CPU has AMX matrix units: the fast embedder is chosen automatically only then."""

from __future__ import annotations

from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")


def has_amx(cpuinfo: Path = CPUINFO) -> bool:
    """True when the kernel reports AMX tiles with bf16 (Sapphire Rapids and later Xeons)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # not Linux, or no /proc: take the portable path
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.partition(":")[2].split())
            return {"amx_tile", "amx_bf16"} <= flags
    return False
