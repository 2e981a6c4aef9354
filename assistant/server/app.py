"""`create_app(container)`: the FastAPI app, built from a container, no globals at import."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from assistant.config import load_settings
from assistant.container import Container, build_container
from assistant.server.auth import require_token
from assistant.server.body_limit import BodyLimitMiddleware
from assistant.server.corpus_writer import CorpusWriter
from assistant.server.errors import install_error_handlers
from assistant.server.request_id import RequestIdMiddleware
from assistant.server.routes import ask, documents, health, openai

WEB_DIR = Path(__file__).with_name("web")


def create_app(container: Container) -> FastAPI:
    settings = container.settings
    app = FastAPI(
        title="article-assistant",
        summary="Answers about an article corpus, every citation verified.",
        version="0.1.0",
    )
    app.state.container = container
    app.state.corpus_writer = CorpusWriter(
        settings.uploads_dir, container.ingestor, container.store
    )
    install_error_handlers(app)

    protected = [Depends(require_token)]
    app.include_router(health.router)
    app.include_router(ask.router, dependencies=protected)
    app.include_router(documents.router, dependencies=protected)
    app.include_router(openai.router, dependencies=protected)

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(RequestIdMiddleware)
    return app


def app_factory() -> FastAPI:
    """For `uvicorn --factory` and multi-worker serving: each worker builds its own container."""
    return create_app(build_container(load_settings()))
