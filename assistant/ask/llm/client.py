"""Chat completions over the OpenAI wire format: OpenAI, Ollama, vLLM and llama.cpp's server alike.

This uses the `openai` package directly, not llama-index's OpenAI/OpenAILike LLM, on purpose:
the answerer needs only chat completions, plain and streamed, as raw text deltas it can verify
sentence by sentence; `llama-index-llms-openai` pins `openai<3` and wraps messages and prompts
in abstractions this code would bypass anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import openai

from assistant.errors import ConfigError, LLMError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass
class Usage:
    """Tokens one request used, as the server reports them (0 when it does not)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0


class ChatClient:
    """One model behind one OpenAI-compatible endpoint; temperature 0, so answers are repeatable.

    `base_url` may be a function, called once before the first request, so a local server is
    started only when an answer is actually asked for (never for `ingest` or `status`).
    """

    def __init__(
        self,
        *,
        base_url: str | Callable[[], str] | None,
        api_key: str | None,
        model: str,
        timeout_s: float,
        extra_body: dict[str, Any] | None = None,
    ) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self.model = model
        self._timeout_s = timeout_s
        self._extra_body = extra_body or {}
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()  # the HTTP API may ask from several threads at once

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, usage: Usage | None = None
    ) -> str:
        """The whole reply at once (short calls such as rewriting a follow-up question)."""
        try:
            response = self._openai().chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                temperature=0,
                max_tokens=max_tokens,
                extra_body=self._extra_body or None,
            )
        except openai.OpenAIError as exc:
            raise self._failed(exc) from exc
        if usage is not None and response.usage is not None:
            usage.prompt_tokens += response.usage.prompt_tokens
            usage.completion_tokens += response.usage.completion_tokens
        if not response.choices:
            raise LLMError(f"the language model at {self._describe_endpoint()} returned no choices")
        return response.choices[0].message.content or ""

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, usage: Usage | None = None
    ) -> Generator[str, None, None]:
        """Text deltas as the model writes them; `usage` is filled in when the stream ends."""
        try:
            chunks = self._openai().chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                temperature=0,
                max_tokens=max_tokens,
                stream=True,
                stream_options={"include_usage": True},
                extra_body=self._extra_body or None,
            )
            with chunks:
                for chunk in chunks:
                    if usage is not None and chunk.usage is not None:
                        usage.prompt_tokens += chunk.usage.prompt_tokens
                        usage.completion_tokens += chunk.usage.completion_tokens
                    for choice in chunk.choices:
                        if choice.delta.content:
                            yield choice.delta.content
        except openai.OpenAIError as exc:
            raise self._failed(exc) from exc

    def probe(self, timeout_s: float = 10.0) -> None:
        """Raise ConfigError now when the endpoint cannot be reached or refuses the key.

        Lists the endpoint's models; an endpoint that has no such route still answered, so any
        other HTTP status counts as reachable.
        """
        try:
            self._openai().with_options(timeout=timeout_s, max_retries=0).models.list()
        except (openai.APIConnectionError, openai.AuthenticationError) as exc:
            raise ConfigError(self._reason(exc)) from exc
        except openai.APIStatusError:
            return

    def _openai(self) -> openai.OpenAI:
        with self._lock:
            return self._client or self._connect()

    def _connect(self) -> openai.OpenAI:
        base = self._base_url() if callable(self._base_url) else self._base_url
        # The openai package reads OPENAI_BASE_URL itself when base_url is None; settings
        # already honour it, so None here means OpenAI's own API.
        self._client = openai.OpenAI(
            base_url=base, api_key=self._api_key or "not-needed", timeout=self._timeout_s,
            max_retries=1,
        )  # fmt: skip
        log.info("language model %s at %s", self.model, self._client.base_url)
        return self._client

    def _failed(self, exc: openai.OpenAIError) -> LLMError:
        error = LLMError(self._reason(exc))
        if isinstance(exc, openai.APIConnectionError) and callable(self._base_url):
            self._client = None  # ask for the URL again next time (a local server restarts)
        return error

    def _reason(self, exc: openai.OpenAIError) -> str:
        where = self._describe_endpoint()
        if isinstance(exc, openai.APITimeoutError):
            return f"the language model at {where} did not answer within {self._timeout_s:g} s"
        if isinstance(exc, openai.APIConnectionError):
            return f"cannot reach the language model at {where}"
        if isinstance(exc, openai.APIStatusError):
            return f"the language model at {where} answered HTTP {exc.status_code}: {_brief(exc)}"
        return f"the language model at {where} failed: {_brief(exc)}"

    def _describe_endpoint(self) -> str:
        return str(self._client.base_url) if self._client is not None else "(not started)"


def _wire(messages: Sequence[Message]) -> Any:
    return [{"role": m.role, "content": m.content} for m in messages]


def _brief(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")
