"""One BLAS thread for the process: the embedder's matrix products are small, and idle OpenBLAS
threads spin on the cores the model needs.

numpy's OpenBLAS keeps a thread per core and lets them spin for a while after every product.
Pooling runs a few small products per batch (the mean over tokens, one row per sentence), so
during an ingest those threads spun on the model's cores: 1.6 of 25 CPU-seconds for 152 pages,
and the ingest took 6 % longer (`evals/bench/ingest.py`). On one thread each product takes
microseconds. The model runtimes keep their own thread pools; this touches only BLAS.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def use_one_blas_thread() -> None:
    threadpool_limits(limits=1, user_api="blas")
