"""Prompt templates: text files in `prompts/`, loaded by name and filled with `$placeholders`.

Kept out of the code so they can be read, reviewed and tuned as prose; `string.Template` is used
(not `str.format`) so braces in a template need no escaping.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from assistant.errors import ConfigError

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class Prompts:
    """The templates of one folder; a missing template or placeholder is a ConfigError."""

    def __init__(self, folder: Path = DEFAULT_PROMPTS_DIR) -> None:
        self.folder = folder
        self._cache: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        if not _NAME.match(name):
            raise ConfigError(f"not a prompt name: {name!r}")
        if name not in self._cache:
            path = self.folder / f"{name}.txt"
            try:
                self._cache[name] = Template(path.read_text(encoding="utf-8").strip())
            except OSError as exc:
                raise ConfigError(f"cannot read prompt {name!r} from {path}: {exc}") from exc
        return self._cache[name]

    def render(self, name: str, **values: str) -> str:
        try:
            return self.template(name).substitute(values)
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"prompt {name!r} needs a value for {exc}") from exc
