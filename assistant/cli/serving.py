"""`assistant serve` and `assistant slack`: the long-running surfaces, started from the shell."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from assistant.cli.render import err
from assistant.cli.session import cli_settings, open_container, overrides


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes; each loads its own models.")
    ] = 1,
) -> None:
    """Serve the HTTP API, the OpenAI-compatible endpoint and the chat UI."""
    from assistant.server.allocator import cap_malloc_arenas
    from assistant.server.app import create_app
    from assistant.server.log_format import configure_server_logging

    settings = cli_settings()
    bind_host = host or settings.host
    bind_port = port or settings.port
    configure_server_logging()
    err.print(f"article-assistant on http://{bind_host}:{bind_port}/  (Ctrl-C stops)")
    if workers > 1:  # each worker process builds its own container from the environment
        for name, value in overrides().items():
            os.environ[f"ASSISTANT_{name.upper()}"] = str(value)
        _run_uvicorn("assistant.server.app:app_factory", bind_host, bind_port, workers)
        return
    cap_malloc_arenas()  # before the container's threads make their arenas (allocator.py)
    with open_container(settings) as container:
        _run_uvicorn(create_app(container), bind_host, bind_port, workers)


def _run_uvicorn(app_or_factory: Any, host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        app_or_factory,
        factory=workers > 1,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=None,
    )


def slack(
    socket: Annotated[
        bool, typer.Option("--socket", help="Socket Mode: no public URL needed (SLACK_APP_TOKEN).")
    ] = False,
) -> None:
    """Run the Slack bot. Without --socket it is served by `assistant serve` at /slack/events."""
    from assistant.slack.mode import slack_mode

    settings = cli_settings()
    if not socket:
        mode = slack_mode(settings)
        hint = "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" if mode == "off" else "configured"
        err.print(
            f"Slack over HTTP is served by `assistant serve` at /slack/events ({hint}); "
            "use --socket for Socket Mode."
        )
        raise typer.Exit(1 if mode == "off" else 0)
    slack_mode(settings, socket=True)
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from assistant.slack.bot import build_slack_app

    assert settings.slack_app_token is not None
    with open_container(settings) as container:
        err.print("Slack bot connected in Socket Mode (Ctrl-C stops)")
        handler = SocketModeHandler(
            build_slack_app(container), settings.slack_app_token.get_secret_value()
        )
        handler.start()  # type: ignore[no-untyped-call]
