"""What a command runs with: settings from the global options, and the container to close.

The container is imported here, lazily, so that `--help` and `eval` start without loading models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.container import Container

_overrides: dict[str, Any] = {}  # process-wide: one command per process


def override(name: str, value: Any) -> None:
    """A global option (`--data-dir`) wins over the environment for this process."""
    _overrides[name] = value


def overrides() -> dict[str, Any]:
    return dict(_overrides)


def cli_settings() -> Settings:
    return load_settings(**_overrides)


def open_container(settings: Settings | None = None) -> Container:
    """The components for `settings` (default: the global options'); use it as `with
    open_container() as container:` so that its threads and local model stop when done."""
    from assistant.container import build_container

    return build_container(settings or cli_settings())
