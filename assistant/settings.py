"""Settings: one place, read from the environment (prefix ASSISTANT_) by `load_settings()`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError
from assistant.prompts import DEFAULT_PROMPTS_DIR


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
        default=16,
        ge=1,
        le=512,
        description="Passages per embedding batch (16 measured fastest with the fast embedder's "
        "streams on 2 cores).",
    )
    embed_threads: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Embedder threads (onnxruntime or OpenVINO); 0 uses every core.",
    )
    embed_backend: Literal["auto", "int8", "fast", "fp32"] = Field(
        default="auto",
        description="Embedder runtime, same model and vectors either way: int8 (light ONNX, "
        "runs anywhere), fast (OpenVINO, bf16 where the CPU has AMX or AVX-512 BF16; built by "
        "`make fast-embedder`), fp32 (the unquantized reference, slow; for benchmarks). auto: "
        "the one measured fastest on this CPU by `make embedder-choice` (part of `make run` and "
        "`make test`; cached per CPU in the models folder); never measured here: fast with AMX, "
        "else int8. `assistant status` says which and why.",
    )
    models_dir: Path = Field(
        default=Path("var/models"),
        description="Models prepared at setup (the fast embedder's, `make fast-embedder`; the "
        "local LLM, `make local-llm`), shared by every data folder. Made absolute when the "
        "settings are read, so a later change of directory keeps it. Git-ignored.",
    )
    max_document_bytes: int = Field(
        default=20_000_000,
        ge=1,
        description="Files larger than this are skipped with a reason instead of ingested.",
    )
    retrieval_mode: Literal["vector", "bm25", "hybrid"] = Field(
        default="hybrid",
        description="How chunks are found: embeddings (vector), words (bm25), or both fused.",
    )
    retrieval_fusion: Literal["rrf", "weighted"] = Field(
        default="weighted",
        description="Hybrid fusion: reciprocal rank (rrf) or min-max scaled scores (weighted).",
    )
    retrieval_vector_weight: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Hybrid: share of the fused score from the vector ranking; BM25 gets the rest.",
    )
    retrieval_rrf_k: float = Field(
        default=60.0, gt=0.0, description="Hybrid rrf: the k in 1/(k + rank); larger is flatter."
    )
    recency_weight: float = Field(
        default=0.3,
        ge=0.0,
        le=5.0,
        description="How much an article published on the days a question points at (the as-of "
        "day, or 'last week', 'in March' …) gains over an old one: its score is multiplied by "
        "up to 1 + this. 0 turns recency off.",
    )
    recency_half_life_days: float = Field(
        default=14.0,
        gt=0.0,
        description="Days from those days after which an article's recency gain halves.",
    )
    retrieval_candidates: int = Field(
        default=200,
        ge=1,
        le=1000,
        description="Hybrid: chunks each retriever proposes before fusion.",
    )
    bm25_title_weight: int = Field(
        default=1,
        ge=0,
        le=5,
        description="Times a document's title is counted in each of its chunks for BM25.",
    )
    top_k: int = Field(
        default=8,
        ge=1,
        le=50,
        description="Chunks retrieved per question, whose sentences the answerer reads (8: the "
        "right news page among them for 80% of RealTime QA questions, against 72% at 5).",
    )
    max_answer_sentences: int = Field(
        default=3, ge=1, le=10, description="Most sentences an extractive answer quotes."
    )
    min_confidence: float = Field(
        default=0.43,
        ge=0.0,
        le=1.0,
        description=(
            "Below this evidence score an extractive answer abstains (in llm mode the model "
            "reads first and decides). Calibrated on answerable and unanswerable seed questions "
            "(tests/assistant/ask/answer/test_calibration.py)."
        ),
    )
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longer questions are refused with a clear error."
    )
    history_turns: int = Field(
        default=3, ge=0, le=20, description="Earlier user turns folded into a follow-up's query."
    )
    answer_mode: Literal["extractive", "llm"] = Field(
        default="extractive",
        description="extractive: verbatim sentences, no model. llm: a language model writes the "
        "answer from numbered sources and every sentence's citation is verified.",
    )
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ASSISTANT_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp), e.g. "
        "http://127.0.0.1:11434/v1. Unset with no API key: the local model, started on demand.",
    )
    llm_model: str = Field(
        default="",
        description="Model name the endpoint knows (e.g. gpt-4o-mini, qwen2.5:1.5b). Needed "
        "for a base URL or API key; ignored by the local model.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("ASSISTANT_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key for the endpoint. Set without a base URL: OpenAI's own API.",
    )
    llm_timeout_s: float = Field(
        default=120.0, gt=0, description="Seconds one model request may take before it fails."
    )
    llm_max_tokens: int = Field(
        default=200, ge=16, le=4096, description="Most tokens the model may write per answer."
    )
    llm_sources: Literal["passages", "sentences", "chunks"] = Field(
        default="sentences",
        description="What the prompt's numbered sources are: sentences (the scorer's best "
        "sentences, those that follow one another in an article joined into one source: the "
        "smallest prompts, and the most right answers measured on the seed and RealTime QA "
        "sets), passages (a few sentences of the article around each of the best ones) or "
        "chunks (whole retrieved chunks, the naive prompt, for comparison). In every mode the "
        'model reads first and abstains by its own "cannot find" plus verification.',
    )
    llm_max_sources: int = Field(
        default=5,
        ge=1,
        le=20,
        description="Most numbered sources (passages, sentences or chunks) in one prompt.",
    )
    llm_source_ratio: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="A sentence becomes a source only if it scores at least this share of the "
        "best sentence's evidence score.",
    )
    llm_threads: int = Field(
        default=0, ge=0, le=256, description="CPU threads of the local model server; 0: all."
    )
    llm_runtime: Literal["auto", "llamacpp", "openvino"] = Field(
        default="auto",
        description="What runs the local model (the same GGUF): llama.cpp's server or OpenVINO "
        "GenAI's; auto: the one measured faster on this CPU (`make llm-runtime-choice`), "
        "llama.cpp where none was measured.",
    )
    llm_context_tokens: int = Field(
        default=4096, ge=512, le=32768, description="Context window of the local model server."
    )
    prompts_dir: Path = Field(
        default=DEFAULT_PROMPTS_DIR,
        description="Folder of the prompt templates (system.txt, answer.txt, condense.txt).",
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
    answer_log_days: int = Field(
        default=90,
        ge=0,
        le=3650,
        description="Days every answer is kept in the answer log (in the store, beside the "
        "index), so feedback can name it by answer_id; 0 keeps no log and gives no answer_id.",
    )
    feedback_secret: SecretStr | None = Field(
        default=None,
        description="Key of the HMAC that stands in for a Slack user id on feedback; without "
        "it no user id is stored at all.",
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
    rate_limit_per_minute: int = Field(
        default=120,
        ge=0,
        description="API requests per minute per client (token or address); 0 turns it off.",
    )
    rate_limit_burst: int = Field(
        default=30, ge=1, description="Requests a client may make at once before the rate applies."
    )
    max_concurrent_answers: int = Field(
        default=4, ge=1, le=256, description="Answers generated at once per worker; more wait."
    )
    answer_queue_seconds: float = Field(
        default=10.0,
        ge=0.0,
        description="How long a request waits for an answer slot before 503 + Retry-After.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Browser origins allowed to call the API cross-site (JSON list; empty: none).",
    )

    chroma_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^/\s]+/?$",
        description="A Chroma server (`chroma run`), e.g. http://10.0.0.5:8000. Unset: the "
        "embedded store under the data folder. Set it for several API workers or hosts.",
    )
    chroma_auth_token: SecretStr | None = Field(
        default=None, description="Token the Chroma server requires, sent with every call."
    )
    chroma_auth_header: Literal["Authorization", "X-Chroma-Token"] = Field(
        default="Authorization",
        description="Header carrying the Chroma token (Authorization sends `Bearer <token>`).",
    )
    chroma_tenant: str = Field(
        default="default_tenant", description="Chroma server tenant holding the database."
    )
    chroma_database: str = Field(
        default="default_database", description="Chroma server database holding the collections."
    )

    @field_validator("models_dir")
    @classmethod
    def _absolute_models_dir(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_path(self) -> Path:
        """The BM25 index derived from the collection (rebuilt from Chroma when missing)."""
        return self.data_dir / "lexical" / self.collection

    @property
    def uploads_dir(self) -> Path:
        """Files uploaded over HTTP are kept here, so a re-ingest finds them again."""
        return self.data_dir / "uploads"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and `.env`; keyword overrides win.

    Raises:
        ConfigError: a value is out of range or of the wrong kind, named by its variable.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(_first_problem(exc)) from None


def _first_problem(exc: ValidationError) -> str:
    """ "ASSISTANT_TOP_K=0: Input should be greater than or equal to 1" (and how many more)."""
    errors = exc.errors()
    first = errors[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    variable = name if name.isupper() else f"ASSISTANT_{name.upper()}"  # an alias is its variable
    value = first.get("input")
    shown = f"={value}" if isinstance(value, str | int | float) and len(str(value)) <= 60 else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"invalid setting {variable}{shown}: {first['msg']}{more}"
