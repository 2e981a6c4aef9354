"""A process killed in the middle of a lexical commit leaves an index the next start heals:
Chroma already holds what the killed commit was writing, and the index catches up by ids."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.container import build_container
from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.slow  # subprocesses: `make test`, not `make unit`

TOWNS = ["Arnsberg", "Brixen", "Cordoba", "Dunedin", "Esbjerg", "Faro", "Galway", "Hilo"]


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, town in enumerate(TOWNS):
        lines = [
            f"The {town} council approved {n + 3} new tram lines on Tuesday.",
            *(
                f"Paragraph {p} covers the {town} tram depot and its {p + n} drivers."
                for p in range(8)
            ),
        ]
        (folder / f"{town.lower()}.txt").write_text("\n".join(lines), encoding="utf-8")


def killed_in_commit(data: Path, corpus: Path, nth: int, delay_ms: int) -> bool:
    """Runs the driver; whether its kill landed inside the commit."""
    for marker in ("commit-began", "commit-ended"):
        (data / marker).unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "tests.index.lexical.commit_kill_driver", str(data), str(corpus), str(nth), str(delay_ms)],
        capture_output=True, check=False, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]
    assert (data / "commit-began").exists()
    return not (data / "commit-ended").exists()


@pytest.mark.parametrize("delay_ms", [0, 1, 4])
def test_a_kill_during_a_lexical_commit_heals_to_chromas_chunks_on_restart(
    tmp_path: Path, delay_ms: int
) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    write_corpus(corpus)
    inside = killed_in_commit(data, corpus, nth=2, delay_ms=delay_ms)
    if delay_ms == 0:
        assert inside  # killed after the Chroma write, before the index's commit

    restarted = build_container(make_settings(data))
    chroma_ids = frozenset(h.chunk_id for h in restarted.store.all_chunks())
    assert chroma_ids, "the killed ingest had stored chunks"
    assert restarted.lexical.chunk_ids() == chroma_ids
    for doc_id in {h.metadata["doc_id"] for h in restarted.store.all_chunks()}:
        town = doc_id.removesuffix(".txt")
        assert restarted.lexical.search(f"{town} tram lines", 1)[0].doc_id == doc_id

    # and the next ingest completes the corpus on the healed index
    restarted.ingestor.ingest([corpus])
    everything = frozenset(h.chunk_id for h in restarted.store.all_chunks())
    assert restarted.lexical.chunk_ids() == everything
    assert len({cid.split("#")[0] for cid in everything}) == len(TOWNS)
