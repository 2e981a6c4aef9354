"""The suite itself runs offline: outgoing sockets are blocked, telemetry variables are set."""

from __future__ import annotations

import os
import socket

import pytest
from pytest_socket import SocketConnectBlockedError

from assistant.offline import OFFLINE_ENV, apply_offline_env


def test_outgoing_connections_are_blocked_except_loopback() -> None:
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_app_sets_the_offline_variables_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OFFLINE_ENV:
        monkeypatch.delenv(name, raising=False)
    apply_offline_env()
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
