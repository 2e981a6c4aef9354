"""The local model's server process: llama.cpp's own OpenAI-compatible HTTP server, via xllamacpp.

Run by `LocalServer` as `python -m assistant.ask.llm.serve --model FILE`. It binds to loopback on a
free port, prints `listening <url>` on stdout once the model is loaded, and exits on SIGTERM or
when its parent process goes away, so a crashed assistant never leaves a model server behind.

xllamacpp is used rather than llama-cpp-python: it is a prebuilt wheel (no 4-minute compile, no
`-march=native` build that crashes in AMX code on these machines) running llama.cpp's C++ server,
and it generates as fast (see README, "LLM answers").
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from assistant.ask.llm.server_process import (
    report_listening,
    server_arguments,
    wait_until_unwanted,
)


def main(argv: Sequence[str] | None = None) -> None:
    args = server_arguments("Serve a GGUF model on loopback.", argv)

    import xllamacpp  # type: ignore[import-untyped,import-not-found,unused-ignore]

    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.model_alias = {args.alias}
    params.hostnames = ["127.0.0.1"]
    params.port = 0  # the server picks a free port and reports it
    params.n_ctx = args.context
    params.n_parallel = 1
    threads = args.threads or os.cpu_count() or 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.ui = False
    params.offline = True
    server = xllamacpp.Server(params)
    report_listening(server.listening_address)
    wait_until_unwanted()
    del server


if __name__ == "__main__":
    main()
