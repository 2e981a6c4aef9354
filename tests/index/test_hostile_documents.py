"""Hostile files are refused or handled with a clear reason, in bounded memory; the rest ingests."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import EncodedStreamObject, NameObject

from tests.conftest import ROOT, SEED_DOC_ID, SEED_TEXT

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

# Over an ingest of as much ordinary text as the hostile corpus indexes, in the same setup: what
# the hostile files themselves cost, not what embedding a few hundred chunks costs.
MAX_EXTRA_RSS_MB = 150


def flate_bomb_pdf(expanded_bytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to `expanded_bytes` (about 1,000:1)."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 12 Tf (")]
    block = b" " * 1_000_000
    parts += [packer.compress(block) for _ in range(expanded_bytes // len(block))]
    parts += [packer.compress(b") Tj ET"), packer.flush()]
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = EncodedStreamObject()
    stream._data = b"".join(parts)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", b"\0" * 200_000_000)
    return out.getvalue()


def ingest_measured(data_dir: Path, corpus: Path) -> tuple[dict[str, object], int]:
    """Run a real ingest in its own process; return its JSON report and its peak RSS in MB."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from assistant.container import build_container\n"
        "from evals.bench.measure import peak_rss_mb\n"
        "from tests.conftest import make_settings\n"
        "c = build_container(make_settings(Path(sys.argv[1])))\n"
        "r = c.ingestor.ingest([Path(sys.argv[2])])\n"
        "print(json.dumps({'added': sorted(r.added), 'skipped': {Path(s.path).name: s.reason for s in r.skipped}}))\n"
        "print(int(peak_rss_mb()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir), str(corpus)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    report_line, rss_line = result.stdout.strip().splitlines()[-2:]
    return json.loads(report_line), int(rss_line)


def test_hostile_corpus_is_refused_or_handled_in_bounded_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED_DOC_ID).write_text(SEED_TEXT, encoding="utf-8")
    huge = b"The quarry report runs on and on. " * (50_000_000 // 34)  # 50 MB of real text
    (corpus / "huge.txt").write_bytes(huge)
    one_line = "Rail freight grew again this year. " * 5_000
    (corpus / "one-line.txt").write_text(one_line)
    (corpus / "no-spaces.txt").write_text("Intro. " + "z" * 300_000)
    nested = (
        "<html><body>"
        + "<div>" * 50_000
        + "<p>Buried text.</p>"
        + "</div>" * 50_000
        + "</body></html>"
    )
    (corpus / "nested.html").write_text(nested)
    (corpus / "bomb.pdf").write_bytes(flate_bomb_pdf(1_000_000_000))
    bomb = zip_bomb()
    for name in ("bomb.txt", "bomb.md", "bomb.html", "zipped.pdf"):
        (corpus / name).write_bytes(bomb)

    plain = tmp_path / "plain"  # the same ordinary text, as ordinary files
    plain.mkdir()
    (plain / SEED_DOC_ID).write_text(SEED_TEXT, encoding="utf-8")
    (plain / "lines.txt").write_text(one_line.replace(". ", ".\n"))
    (plain / "prose.txt").write_text("Intro. " + "Cranes load ore at the quay. " * 10_345)
    _, baseline_mb = ingest_measured(tmp_path / "baseline", plain)
    report, peak_mb = ingest_measured(tmp_path / "var", corpus)

    assert peak_mb - baseline_mb < MAX_EXTRA_RSS_MB, f"peak RSS {peak_mb} MB vs {baseline_mb} MB"
    assert report["added"] == sorted([SEED_DOC_ID, "one-line.txt", "no-spaces.txt"])
    skipped = report["skipped"]
    assert isinstance(skipped, dict)
    assert skipped["huge.txt"] == f"file is {len(huge):,} bytes; the limit is 20,000,000"
    assert skipped["nested.html"] == "no article body found in the HTML page"
    assert skipped["bomb.pdf"] in {
        "PDF has no text layer (scanned image?); nothing to index",
        "PDF content expands past the decompression limit",
    }
    for name in ("bomb.txt", "bomb.md", "bomb.html"):
        assert skipped[name] == "binary content (NUL bytes), not text"
    assert skipped["zipped.pdf"] == "malformed PDF (no %PDF header)"
    assert all("\n" not in reason for reason in skipped.values())
