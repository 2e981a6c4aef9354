"""`create_app(container)`: the FastAPI app, built from a container, no globals at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from assistant.container import Container, build_container
from assistant.server.allocator import cap_malloc_arenas
from assistant.server.answer_gate import AnswerGate
from assistant.server.auth import require_token
from assistant.server.body_limit import BodyLimitMiddleware
from assistant.server.corpus_writer import CorpusWriter
from assistant.server.errors import UnexpectedErrorMiddleware, install_error_handlers
from assistant.server.rate_limit import RateLimitMiddleware, TokenBuckets
from assistant.server.request_id import RequestIdMiddleware
from assistant.server.routes import ask, documents, feedback, health, openai, sources
from assistant.settings import load_settings
from assistant.slack.mode import slack_mode

WEB_DIR = Path(__file__).with_name("web")


def create_app(container: Container, *, close_on_shutdown: bool = True) -> FastAPI:
    """The app owns `container` from here on and closes it when it shuts down; a caller that
    starts it more than once (a test client per request) keeps it with `close_on_shutdown`."""
    settings = container.settings
    corpus_writer = CorpusWriter(settings.uploads_dir, container.ingestor, container.store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        owned = container if close_on_shutdown else None
        await run_in_threadpool(close_all, corpus_writer, owned)

    app = FastAPI(
        title="article-assistant",
        summary="Answers about an article corpus, every citation verified.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.container = container
    app.state.answer_gate = AnswerGate(
        slots=settings.max_concurrent_answers, wait_seconds=settings.answer_queue_seconds
    )
    app.state.corpus_writer = corpus_writer
    install_error_handlers(app)

    protected = [Depends(require_token)]
    app.include_router(health.router)
    app.include_router(ask.router, dependencies=protected)
    app.include_router(documents.router, dependencies=protected)
    app.include_router(sources.router, dependencies=protected)
    app.include_router(feedback.router, dependencies=protected)
    app.include_router(openai.router, dependencies=protected)

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    if slack_mode(settings) == "http":
        mount_slack(app, container)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    if settings.rate_limit_per_minute:
        buckets = TokenBuckets(
            per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst
        )
        app.add_middleware(RateLimitMiddleware, buckets=buckets)
    app.add_middleware(UnexpectedErrorMiddleware)  # inside the request id, outside the rest
    app.add_middleware(RequestIdMiddleware)
    return app


def close_all(corpus_writer: CorpusWriter, container: Container | None) -> None:
    """The writer first: an upload under way still needs the container's ingestor."""
    try:
        corpus_writer.close()
    finally:
        if container is not None:
            container.close()


def mount_slack(app: FastAPI, container: Container) -> None:
    """POST /slack/events through Bolt's adapter; Bolt checks the signature and timestamp."""
    from slack_bolt.adapter.fastapi import SlackRequestHandler

    from assistant.slack.bot import build_slack_app

    handler = SlackRequestHandler(build_slack_app(container))

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)


def app_factory() -> FastAPI:
    """For `uvicorn --factory` and multi-worker serving: each worker builds its own container.

    The malloc arena cap comes first: glibc fixes its arena limit once the ninth arena exists,
    and building a container (model compile, Chroma) already makes ten.
    """
    cap_malloc_arenas()
    return create_app(build_container(load_settings()))
