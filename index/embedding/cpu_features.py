"""What this CPU is: its AMX units (the old rule for `auto`) and a key naming it, under which the
measured embedder choice is cached (a models folder may be shared by different hosts)."""

from __future__ import annotations

import hashlib
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")


def _first(field: str, cpuinfo: Path) -> str:
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # not Linux, or no /proc
    for line in text.splitlines():
        if line.startswith(field):
            return line.partition(":")[2].strip()
    return ""


def cpu_flags(cpuinfo: Path = CPUINFO) -> frozenset[str]:
    return frozenset(_first("flags", cpuinfo).split())


def has_amx(cpuinfo: Path = CPUINFO) -> bool:
    """True when the kernel reports AMX tiles with bf16 (Sapphire Rapids and later Xeons)."""
    return {"amx_tile", "amx_bf16"} <= cpu_flags(cpuinfo)


def cpu_model(cpuinfo: Path = CPUINFO) -> str:
    """The kernel's model name of the CPU ("" where there is none)."""
    return _first("model name", cpuinfo)


def cpu_key(cpuinfo: Path = CPUINFO) -> str:
    """'<model name> #<hash of the flags>': two hosts share a key only when the same kernels
    would run the same way on both."""
    model = cpu_model(cpuinfo) or "unknown CPU"
    flags = " ".join(sorted(cpu_flags(cpuinfo)))
    return f"{model} #{hashlib.sha256(flags.encode()).hexdigest()[:12]}"
