"""Loading OpenVINO must not phone home: its import sends a usage event unless told not to."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from index.embedding.backends import openvino_installed

PROBE = """
import os, sys
events = []
sys.addaudithook(lambda ev, args: events.append(ev) if ev in (
    "os.fork", "urllib.Request", "socket.getaddrinfo", "socket.connect") else None)
from index.embedding.openvino_runner import import_openvino
import_openvino().Core()
import time; time.sleep(0.5)
print(sorted(set(events)), os.environ.get("CI", "unset"))
"""


@pytest.mark.slow  # a subprocess
@pytest.mark.skipif(not openvino_installed(), reason="OpenVINO (the fast extra) not installed")
def test_importing_openvino_sends_nothing_and_leaves_the_environment_alone() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["[]", "unset"], done.stdout + done.stderr
