"""Uploads go through the corpus writer: one ingest per request, and a refused file loses nothing."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence

import pytest

from assistant.container import Container
from assistant.server.corpus_writer import UPLOAD_NICENESS, CorpusWriter, Upload
from index.chunker import Chunker
from index.embedding import load_tokenizer
from index.pipeline import Ingestor
from index.store import ChunkHit

ARTICLE = "The harbour authority approved a container terminal with {n} berths on Tuesday.\n"


def _writer(container: Container) -> CorpusWriter:
    return CorpusWriter(container.settings.uploads_dir, container.ingestor, container.store)


def test_the_files_of_one_upload_reach_the_lexical_index_in_one_commit(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    uploads = [Upload(f"port-{n}.txt", ARTICLE.format(n=n).encode()) for n in range(6)]
    with caplog.at_level(logging.DEBUG, logger="index.lexical"):
        report = _writer(container).ingest(uploads)
    assert sorted(report.added) == [f"port-{n}.txt" for n in range(6)]
    commits = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("lexical index:")
    ]
    assert len(commits) == 1
    assert commits[0].startswith("lexical index: 6 documents, 6 chunks")
    assert {h.doc_id for h in container.lexical.search("harbour berths", 10)} == {
        f"port-{n}.txt" for n in range(6)
    }


def test_a_refused_file_among_good_ones_is_put_back_and_the_rest_indexed(
    container: Container,
) -> None:
    writer = _writer(container)
    writer.ingest([Upload("port.txt", ARTICLE.format(n=40).encode())])
    report = writer.ingest(
        [
            Upload("fresh.txt", ARTICLE.format(n=12).encode()),
            Upload("port.txt", b""),  # refused: the indexed version and its file stay
            Upload("bad.pdf", b"not a pdf"),  # refused: no file is left behind
        ]
    )
    assert report.added == ["fresh.txt"]
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("port.txt", "empty file"),
        ("bad.pdf", "malformed PDF (no %PDF header)"),
    ]
    folder = container.settings.uploads_dir
    assert (folder / "port.txt").read_text() == ARTICLE.format(n=40)
    assert not (folder / "bad.pdf").exists()
    assert sorted(container.store.document_hashes()) == ["fresh.txt", "port.txt"]


def test_a_name_given_twice_in_one_upload_keeps_the_later_file(container: Container) -> None:
    report = _writer(container).ingest(
        [
            Upload("port.txt", ARTICLE.format(n=40).encode()),
            Upload("port.txt", ARTICLE.format(n=41).encode()),
        ]
    )
    assert (report.added, report.updated) == (["port.txt"], ["port.txt"])
    stored = container.store.get_documents(["port.txt"])["port.txt"]
    assert "41 berths" in stored.text


class PriorityProbe:
    """A derived index that notes the CPU priority of the thread that hands it new chunks."""

    def __init__(self) -> None:
        self.priorities: list[int] = []

    def write(
        self, doc_ids: Sequence[str], change: Callable[[], Sequence[ChunkHit]]
    ) -> Sequence[ChunkHit]:
        self.priorities.append(os.getpriority(os.PRIO_PROCESS, 0))
        return change()

    def refresh(self) -> None:
        pass


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread priority is Linux's")
def test_uploads_are_ingested_below_the_priority_of_the_threads_answering_questions(
    container: Container,
) -> None:
    probe = PriorityProbe()
    settings = container.settings
    chunker = Chunker(
        load_tokenizer(for_model=False),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
    )
    ingestor = Ingestor(
        container.store,
        container.embedder,
        chunker,
        max_bytes=settings.max_document_bytes,
        derived=[probe],
    )
    writer = CorpusWriter(container.settings.uploads_dir, ingestor, container.store)
    writer.ingest([Upload("port.txt", ARTICLE.format(n=40).encode())])
    here = os.getpriority(os.PRIO_PROCESS, 0)
    assert probe.priorities == [min(19, here + UPLOAD_NICENESS)]
