"""Log lines for a server: key=value style with the request id on every line."""

from __future__ import annotations

import logging
import sys

from assistant.server.request_id import RequestIdLogFilter

FORMAT = "%(asctime)s %(levelname)s request_id=%(request_id)s %(name)s %(message)s"


def configure_server_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RequestIdLogFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
