"""Which language model to talk to: the one the settings configure, for answers and judging."""

from __future__ import annotations

from pathlib import Path

from assistant.ask.llm.client import ChatClient
from assistant.ask.llm.local_model import check_model, locate
from assistant.ask.llm.local_server import LocalServer, Runtime
from assistant.errors import ConfigError
from assistant.settings import Settings


def is_remote(settings: Settings) -> bool:
    """An endpoint is configured (a base URL, or an API key meaning OpenAI)."""
    return bool(settings.llm_base_url or settings.llm_api_key)


def no_model_reason(purpose: str) -> str:
    """The one line said when `purpose` needs a model and none is configured or prepared."""
    return (
        f"{purpose} needs a language model: set ASSISTANT_LLM_BASE_URL and ASSISTANT_LLM_MODEL "
        "(or an API key), or prepare the local model with `make local-llm`"
    )


def local_model_path(settings: Settings) -> Path:
    """The local model under the models folder, shared by every data folder.

    A copy an older version left under the data folder is moved there first.
    """
    return locate(settings.models_dir, settings.data_dir)


def require_model(settings: Settings, purpose: str) -> None:
    """Refuse at once, before any question is asked, when no model can answer.

    Raises:
        ConfigError: no endpoint and no prepared local model, an endpoint without its model
            name, or an endpoint that cannot be reached.
        LLMError: the local model file is there but is not the expected one.
    """
    if is_remote(settings):
        client, _ = chat_client(settings)
        client.probe()
        return
    path = local_model_path(settings)
    if not path.is_file():
        raise ConfigError(f"{no_model_reason(purpose)} (no model at {path})")
    check_model(path)


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
        local_model_path(settings),
        threads=settings.llm_threads,
        context_tokens=settings.llm_context_tokens,
        log_path=settings.data_dir / "logs" / "llm-server.log",
        runtime=local_runtime(settings),
    )
    return local_client(server, settings), server


def local_runtime(settings: Settings) -> Runtime:
    """The runtime the setting names; for `auto`, the one measured faster on this CPU."""
    if settings.llm_runtime != "auto":
        return settings.llm_runtime
    from assistant.ask.llm.runtime_choice import runtime_for

    return runtime_for(settings.models_dir)[0]


def local_client(server: LocalServer, settings: Settings) -> ChatClient:
    """A client of a local model server (already running, or started by its first request)."""
    return ChatClient(
        base_url=server.base_url, api_key=None, model=server.alias, timeout_s=settings.llm_timeout_s
    )
