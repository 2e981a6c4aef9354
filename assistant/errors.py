"""One error hierarchy, raised deep and turned into messages only at the edges (CLI, HTTP, Slack).

AssistantError
├── ConfigError            settings that cannot work
├── InputError             a question or request the assistant refuses
│   └── NotFound           it names an answer (or other record) that does not exist
├── IngestError            one document that cannot be indexed (the rest goes on)
│   ├── UnsupportedFormat
│   └── DocumentRejected   empty, binary, too large, undecodable, malformed, no article body
├── StoreError             the Chroma store is unreachable or inconsistent
├── EmbedderError          the local embedding model cannot be loaded or run
├── LLMError               the language model server fails, or the local model cannot be prepared
└── DatasetError           an evaluation dataset that cannot be read (names the file and line)
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose; `str()` is a one-line reason."""


class ConfigError(AssistantError):
    pass


class InputError(AssistantError):
    pass


class NotFound(InputError):
    pass


class IngestError(AssistantError):
    pass


class UnsupportedFormat(IngestError):
    pass


class DocumentRejected(IngestError):
    pass


class StoreError(AssistantError):
    pass


class EmbedderError(AssistantError):
    pass


class DatasetError(AssistantError):
    pass


class LLMError(AssistantError):
    pass
