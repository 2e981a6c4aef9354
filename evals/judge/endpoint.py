"""Which language model judges: the one the settings configure for LLM answers.

The same choice as the answerer's (`ASSISTANT_LLM_*`): a base URL wins, else an API key means
OpenAI, else the local model when `make local-llm` has prepared it. With none of these there is
no judge, and `--judge` is refused before any question is asked. A local model server that the
answerer already runs is shared rather than started twice (it holds a 1 GB model).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.ask.llm.client import ChatClient
from assistant.ask.llm.endpoint import chat_client, is_remote, local_client, require_model
from assistant.ask.llm.local_server import LocalServer
from assistant.settings import Settings


@dataclass(frozen=True)
class JudgeModel:
    chat: ChatClient
    endpoint: str  # where it runs, for the report (never a secret)
    started: LocalServer | None = None  # a local server the judge owns: `close()` stops it

    def close(self) -> None:
        if self.started is not None:
            self.started.stop()


def judge_model(settings: Settings, running: LocalServer | None = None) -> JudgeModel:
    """The configured LLM as a judge; `running` is the answerer's local server, if any.

    Raises:
        ConfigError: no LLM is configured, or an endpoint lacks its model name.
        LLMError: the local model file is there but is not the expected one.
    """
    if is_remote(settings):
        chat, _ = chat_client(settings)
        return JudgeModel(chat, settings.llm_base_url or "OpenAI")
    if running is not None:
        return JudgeModel(local_client(running, settings), "local model")
    require_model(settings, "--judge")  # a missing or wrong file is refused now, not per case
    chat, server = chat_client(settings)
    return JudgeModel(chat, "local model", started=server)
