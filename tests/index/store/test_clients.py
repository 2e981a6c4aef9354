"""Chroma's own failures reach callers as one-line StoreErrors naming what could not be done."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.container import Container
from assistant.errors import StoreError
from tests.conftest import STORE_MODES

pytestmark = pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)


def test_a_collection_deleted_underneath_gives_a_one_line_store_error(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    container.store.client.delete_collection(container.store.name)
    with pytest.raises(StoreError, match="cannot count chunks in Chroma") as raised:
        container.store.chunk_count()
    assert "\n" not in str(raised.value)
    (corpus / "late.txt").write_text("A late article about a new tram line.\n", encoding="utf-8")
    with pytest.raises(StoreError, match="in Chroma"):
        container.ingestor.ingest([corpus])
