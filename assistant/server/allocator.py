"""Fewer glibc malloc arenas in the server process, so memory freed under load is reused.

glibc hands threads their own malloc arenas, up to eight per core. The server allocates from
many threads at once (FastAPI's pool of 40, the embedder's, Chroma's), and each arena keeps the
free space it once grew to. Measured with the soak (`evals/bench/soak.py`, 8 clients, 10 min, two
cores): RSS rose 3.5 MB/min after warm-up while the Python heap (tracemalloc) stayed flat, and
`malloc_trim(0)` handed most of the rise back, so it was free memory held by arenas, not a leak.
With two arenas the same soak rose 1.2 MB/min from an 11 MB lower level, and answered no slower.

`mallopt(M_ARENA_MAX)` takes effect for arenas created after it, so it runs when the app is
built, before the first request. An operator's own `MALLOC_ARENA_MAX` (read by glibc at process
start) wins; off glibc nothing happens.

Two arenas still kept what a corpus change freed. An upload that replaces a document rebuilds
the BM25 index and rewrites Chroma records while questions are answered on other threads; the
freed blocks lie between live ones, so glibc never gives those pages back. In the mixed soak RSS
rose ~1 MB/min (14 %/h) while the Python heap stayed flat, and `malloc_trim(0)` returned 2.9 of
a 3.2 MB rise. So the corpus writer hands free pages back after every change
(`release_free_heap`): a few milliseconds, on its own thread, only when the corpus changed.
"""

from __future__ import annotations

import ctypes
import logging
import os

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # from glibc's malloc.h
SERVER_ARENAS = 2


def _glibc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def cap_malloc_arenas(arenas: int = SERVER_ARENAS) -> bool:
    """Limit glibc to `arenas` malloc arenas; False when not glibc or the operator chose."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    mallopt = getattr(_glibc(), "mallopt", None)
    if mallopt is None:
        return False
    capped = bool(mallopt(M_ARENA_MAX, arenas))
    log.debug("malloc arenas capped at %d: %s", arenas, capped)
    return capped


def release_free_heap() -> bool:
    """Give the pages of freed heap blocks back to the system; False when not glibc."""
    trim = getattr(_glibc(), "malloc_trim", None)
    if trim is None:
        return False
    trim(0)
    return True
