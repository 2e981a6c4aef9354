"""Settings: one place, read from the environment (prefix ASSISTANT_) by `load_settings()`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob the assistant has. Built by `load_settings()`, never at import."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    data_dir: Path = Field(
        default=Path("var"),
        description="Folder for runtime data: the Chroma store and caches. Git-ignored.",
    )
    seeds_dir: Path = Field(
        default=Path("seeds"),
        description="Corpus folder that `assistant ingest` reads when no path is given.",
    )
    collection: str = Field(
        default="articles",
        description="Name of the Chroma collection holding the chunks.",
        pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,60}[a-zA-Z0-9]$",
    )
    chunk_tokens: int = Field(
        default=200,
        ge=32,
        le=250,
        description="Chunk size in the embedder's own tokens (MiniLM reads at most 256).",
    )
    chunk_overlap_tokens: int = Field(
        default=32, ge=0, le=128, description="Tokens shared by consecutive chunks."
    )
    embed_batch_size: int = Field(
        default=32, ge=1, le=512, description="Passages per embedding batch."
    )
    embed_threads: int = Field(
        default=0,
        ge=0,
        le=64,
        description="onnxruntime intra-op threads for the embedder; 0 uses every core.",
    )
    max_document_bytes: int = Field(
        default=20_000_000,
        ge=1,
        description="Files larger than this are skipped with a reason instead of ingested.",
    )
    retrieval_mode: Literal["vector"] = Field(
        default="vector", description="How chunks are found for a question."
    )
    top_k: int = Field(default=5, ge=1, le=50, description="Chunks retrieved per question.")
    max_answer_sentences: int = Field(
        default=3, ge=1, le=10, description="Most sentences an extractive answer quotes."
    )
    min_confidence: float = Field(
        default=0.43,
        ge=0.0,
        le=1.0,
        description=(
            "Below this evidence score the assistant abstains. Calibrated on answerable and "
            "unanswerable seed questions (tests/assistant/answer/test_calibration.py)."
        ),
    )
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longer questions are refused with a clear error."
    )
    history_turns: int = Field(
        default=3, ge=0, le=20, description="Earlier user turns folded into a follow-up's query."
    )
    host: str = Field(
        default="127.0.0.1", description="Address `assistant serve` binds to (loopback by default)."
    )
    port: int = Field(
        default=8000, ge=1, le=65535, description="Port `assistant serve` listens on."
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="When set, every HTTP endpoint but /healthz and /readyz needs "
        "`Authorization: Bearer <token>`.",
    )
    max_request_bytes: int = Field(
        default=25_000_000,
        ge=1024,
        description="Largest HTTP request body accepted (uploads included); larger gets 413.",
    )
    max_history_turns: int = Field(
        default=50, ge=0, description="Most conversation turns an HTTP request may carry."
    )
    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "ASSISTANT_SLACK_BOT_TOKEN"),
        description="Slack bot token (xoxb-…). Setting it turns the Slack bot on.",
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "ASSISTANT_SLACK_SIGNING_SECRET"),
        description="Slack signing secret; verifies every request to /slack/events.",
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "ASSISTANT_SLACK_APP_TOKEN"),
        description="Slack app-level token (xapp-…) for `assistant slack --socket`.",
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        description="Base URL of Slack's Web API (a test stand-in or a proxy may replace it).",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Browser origins allowed to call the API cross-site (JSON list; empty: none).",
    )

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        """Files uploaded over HTTP are kept here, so a re-ingest finds them again."""
        return self.data_dir / "uploads"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and `.env`; keyword overrides win."""
    return Settings(**overrides)  # type: ignore[arg-type]
