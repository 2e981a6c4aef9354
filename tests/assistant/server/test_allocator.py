"""The server process keeps to two glibc malloc arenas, however many threads answer at once."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.server.allocator import cap_malloc_arenas
from tests.conftest import ROOT, SEEDS

pytestmark = [
    pytest.mark.slow,  # 8 threads answering from a real container: `make test`, not `make unit`
    pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc malloc only"),
]

# Builds the real container, ingests the seeds and answers from 8 threads at once, then counts
# the arenas in glibc's malloc_stats(). "server" caps the arenas first, as `serve` does.
PROBE = """
import ctypes, os, sys, threading
from pathlib import Path
if sys.argv[1] == "server":
    from assistant.server.allocator import cap_malloc_arenas
    cap_malloc_arenas()  # as `assistant serve` and each uvicorn worker do before building
from assistant.settings import load_settings
from assistant.container import build_container
container = build_container(load_settings(data_dir=Path(sys.argv[2]), seeds_dir=Path(sys.argv[3])))
container.ingestor.ingest([container.settings.seeds_dir])
askers = [
    threading.Thread(target=container.engine.ask, args=("Who chairs the leadership team?",))
    for _ in range(8)
]
for t in askers:
    t.start()
for t in askers:
    t.join()
read, write = os.pipe()
os.dup2(write, 2)
ctypes.CDLL("libc.so.6").malloc_stats()
os.close(write)
os.close(2)
print(os.read(read, 1 << 20).decode().count("Arena "))
"""


def arenas_after_answering(mode: str, data_dir: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(data_dir), str(SEEDS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return int(done.stdout.strip().splitlines()[-1])


def test_the_server_process_keeps_to_two_arenas(tmp_path: Path) -> None:
    assert arenas_after_answering("server", tmp_path / "server") == 2


def test_without_the_cap_the_same_work_spreads_over_more_arenas(tmp_path: Path) -> None:
    """The control: the cap, not the workload, is what keeps the count at two."""
    assert arenas_after_answering("plain", tmp_path / "plain") > 2


def test_an_operators_own_malloc_arena_max_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert cap_malloc_arenas() is False


# Fills the heap with 2 KB blocks, frees fifteen of every sixteen (the survivors pin every page
# range, so glibc cannot shrink the heap's top), and reports RSS before and after handing the
# free pages back: what a corpus change leaves behind, at a size that reads clearly.
FRAGMENTS = """
import sys
from assistant.server.allocator import release_free_heap

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

blocks = [bytes(2048) for _ in range(50_000)]
kept = blocks[::16]
del blocks
before = rss_mb()
released = release_free_heap()
print(released, before, rss_mb())
"""


def test_freed_heap_pages_go_back_to_the_system_after_a_change() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FRAGMENTS], cwd=ROOT, capture_output=True, text=True, check=True
    )
    released, before, after = done.stdout.split()
    assert released == "True"
    assert float(before) - float(after) > 50  # of the ~94 MB freed between the survivors
