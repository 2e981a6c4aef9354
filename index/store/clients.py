"""Chroma clients (embedded or a server) and the one place Chroma's exceptions become ours."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from assistant.errors import AssistantError, StoreError

P = ParamSpec("P")
R = TypeVar("R")


def open_client(path: Path) -> Any:
    """An embedded Chroma client under `path`, telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
    except Exception as exc:
        raise StoreError(f"cannot open the Chroma store at {path}: {exc}") from None


def open_server_client(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    tenant: str = "default_tenant",
    database: str = "default_database",
) -> Any:
    """A client of a Chroma server (`chroma run`) that every API worker and host can share."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlsplit(url)
    secure = parts.scheme == "https"
    try:
        return chromadb.HttpClient(
            host=parts.hostname or "localhost",
            port=parts.port or (443 if secure else 80),
            ssl=secure,
            headers=headers or None,
            tenant=tenant,
            database=database,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise StoreError(f"cannot reach the Chroma server at {url}: {exc}") from None


def persist_directory(client: Any) -> Path | None:
    """The folder of an embedded client; None for a server's (messages name what to delete)."""
    settings = client.get_settings()
    folder = settings.persist_directory if settings.is_persistent else None
    return Path(folder).resolve() if folder else None


def server_address(client: Any) -> str:
    settings = client.get_settings()
    return f"{settings.chroma_server_host}:{settings.chroma_server_http_port}"


def store_errors(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Chroma's own exceptions (SQLite, HNSW, HTTP to a server) become one-line StoreErrors."""

    def wrap(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except AssistantError:
                raise
            except Exception as exc:
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise StoreError(f"cannot {action} in Chroma: {reason}") from exc

        return guarded

    return wrap
