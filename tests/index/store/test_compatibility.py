"""A store written in another index format is refused in one line naming the rebuild, which works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.container import build_container
from assistant.errors import StoreError
from assistant.settings import Settings
from index.store import INDEX_FORMAT, collection_names, open_client, open_server_client
from tests.conftest import ROOT, STORE_MODES, make_settings, server_settings
from tests.index.store.format_2_store import write_format_2_store

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`


@pytest.fixture
def settings(store_mode: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if store_mode == "server":
        return server_settings(request.getfixturevalue("chroma_server"), tmp_path / "var")
    return make_settings(tmp_path / "var")


def raw_client(settings: Settings) -> Any:
    if settings.chroma_url:
        return open_server_client(settings.chroma_url)
    return open_client(settings.chroma_path)


def write_format_2_store_as_an_older_version(settings: Settings) -> None:
    """A server's store is written from here; an embedded one by a process that has ended, as
    an older version's would have (Chroma keeps one embedded client per folder per process)."""
    if settings.chroma_url:
        write_format_2_store(raw_client(settings), settings.collection)
        return
    subprocess.run(
        [sys.executable, "-m", "tests.index.store.format_2_store", str(settings.chroma_path), settings.collection],
        check=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def rebuild_as_told(settings: Settings, corpus: Path) -> subprocess.CompletedProcess[str]:
    """The command the refusal names, run as a user would, against the test's store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env |= {
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_COLLECTION": settings.collection,
    }
    if settings.chroma_url:
        env["ASSISTANT_CHROMA_URL"] = settings.chroma_url
    return subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", "--rebuild", str(corpus)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)
def test_a_format_2_store_is_refused_in_one_line_naming_the_rebuild(settings: Settings) -> None:
    write_format_2_store_as_an_older_version(settings)
    with pytest.raises(StoreError) as raised:
        build_container(settings)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(
        f"this index was built by an older version (index format 2, this version reads "
        f"{INDEX_FORMAT}): rebuild it from the articles with `assistant ingest --rebuild [PATHS]`"
    )
    if settings.chroma_url:
        names = ", ".join(collection_names(settings.collection))
        assert f"(it deletes the collections {names} on the Chroma server at 127.0.0.1:" in message
    else:
        assert f"(it deletes the index in {settings.chroma_path.resolve()} first)" in message


@pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)
def test_the_rebuild_the_refusal_names_gives_a_store_that_answers(
    settings: Settings, corpus: Path
) -> None:
    write_format_2_store_as_an_older_version(settings)
    rebuilt = rebuild_as_told(settings, corpus)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "deleted the index (3 collections)" in rebuilt.stderr
    assert "added 2" in rebuilt.stdout
    container = build_container(settings)
    answer = container.engine.ask("How many homes can the Dogger Bank turbines power?")
    assert answer.citations[0].doc_id == "wind-farm.md"
    assert build_container(settings).store.document_count() == 2


def test_a_store_of_a_newer_format_asks_for_an_upgrade(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "var")
    build_container(settings).ingestor.ingest([corpus])
    docs = raw_client(settings).get_collection(collection_names(settings.collection)[1])
    docs.modify(metadata={"generation": "0f", "index_format": INDEX_FORMAT + 1})
    with pytest.raises(StoreError) as raised:
        build_container(settings)
    assert str(raised.value).startswith(
        f"this index was built by a newer version (index format {INDEX_FORMAT + 1}, this version "
        f"reads {INDEX_FORMAT}): upgrade the assistant, or rebuild it from the articles with "
    )


def test_an_empty_store_left_by_an_older_version_opens_as_new(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "var")
    client = raw_client(settings)
    chunks_name, docs_name, texts_name = collection_names(settings.collection)
    # What opening a store left before the format was kept on the collection, if nothing was written.
    client.create_collection(
        chunks_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    client.create_collection(docs_name, embedding_function=None)
    client.create_collection(texts_name, embedding_function=None)
    assert build_container(settings).ingestor.ingest([corpus]).ok
    reopened = build_container(settings).store
    assert reopened.document_count() == 2
    assert reopened.client.get_collection(docs_name).metadata["index_format"] == INDEX_FORMAT
