"""Which language model to talk to: the one the settings configure, for answers and judging."""

from __future__ import annotations

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.llm.client import ChatClient
from assistant.llm.local_model import model_dir, model_path
from assistant.llm.local_server import LocalServer


def is_remote(settings: Settings) -> bool:
    """An endpoint is configured (a base URL, or an API key meaning OpenAI)."""
    return bool(settings.llm_base_url or settings.llm_api_key)


def chat_client(settings: Settings) -> tuple[ChatClient, LocalServer | None]:
    """A base URL wins; else an API key means OpenAI; else the local model, started on demand.

    The local server (returned so its owner can stop it) starts on the first request.
    """
    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if is_remote(settings):
        if not settings.llm_model:
            raise ConfigError("set ASSISTANT_LLM_MODEL to the model the LLM endpoint should use")
        client = ChatClient(
            base_url=settings.llm_base_url,
            api_key=api_key,
            model=settings.llm_model,
            timeout_s=settings.llm_timeout_s,
        )
        return client, None
    server = LocalServer(
        model_path(settings.data_dir),
        threads=settings.llm_threads,
        context_tokens=settings.llm_context_tokens,
        log_path=model_dir(settings.data_dir) / "server.log",
    )
    return local_client(server, settings), server


def local_client(server: LocalServer, settings: Settings) -> ChatClient:
    """A client of a local model server (already running, or started by its first request)."""
    return ChatClient(
        base_url=server.base_url, api_key=None, model=server.alias, timeout_s=settings.llm_timeout_s
    )
