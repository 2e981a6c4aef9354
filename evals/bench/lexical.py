"""Lexical engine benchmark: the old bm25s index (rebuilt whole after every write) against the
tantivy index (changed in place), side by side at growing corpus sizes.

    .venv/bin/python -m evals.bench.lexical --chunks 43000 --chunks 250000 --chunks 1000000

Why: the old engine (`index/lexical` at 5bc79b7: `bm25.py`, `rows.py`, `snapshot.py`, `disk.py`)
rebuilt its whole BM25 matrix and saved it after every write, and every other worker reloaded the
saved copy; its cost grew with the corpus, not with the change. This measures both engines on the
same rows: RealTime QA pages (`../shared/data/realtimeqa`, read in place) cut into 110-word pieces,
tiled with distinct chunk and document ids (`t{tile}-{doc}#{hash}#{n}`) to N rows.

For each N and engine, in a process of its own (so peaks are the engine's, VmHWM):
- bulk build: every row into an empty index (old: what `LexicalIndex._rebuild` did in a new
  process: every chunk read, tokenized, the matrix built and saved; new: one `Writing`, one
  commit). The time includes generating the rows, shown apart in brackets.
- query p50 / p95: RealTime QA questions, top_k = the hybrid's candidate depth
  (`ASSISTANT_RETRIEVAL_CANDIDATES`' default), after one warm-up pass; median over `--runs`.
- one upload's update: one document deleted and 14 new chunks of it added, visible to others
  (old: `learn` + the whole rebuild and save that followed every write; new: writer opened,
  delete, add, commit); median over `--runs`. Chroma's own side of the write is not counted.
- what another worker pays for its next search after that upload: a separate process, started
  with the index open (and searched once) before the upload, then timing its next search (old:
  loading the saved copy from disk + the search; new: `reload()` + the search), with its RSS.
- disk: the saved index after the build.

The old engine runs from a git worktree of 5bc79b7 (`var/bench/lexical/baseline-src`, made on
first use; `--baseline-src` points elsewhere) with bm25s installed beside it
(`var/bench/lexical/baseline-lib`, pip `--no-deps --target`): the project no longer installs it.
Chroma is not involved: a stand-in store hands the old `LexicalIndex` the generated rows.
Writes `var/bench/results/lexical.json` and `lexical.md`. Scratch indexes live under
`var/bench/lexical/` and are removed after each N unless `--keep`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import importlib
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from evals.bench.measure import median, p50_p95, peak_rss_mb, rss_mb

if TYPE_CHECKING:
    from index.lexical.engine import ChunkIndex
    from index.store import ChunkHit

# Only the standard library and `evals.bench.measure` above: a worker for the old engine imports
# this module with the old `index` package first on its path, and must not pull in new code.

ROOT = Path(__file__).resolve().parents[2]
WORK_DIR = ROOT / "var" / "bench" / "lexical"
BASELINE_COMMIT = "5bc79b7"
BASELINE_SRC = WORK_DIR / "baseline-src"
BASELINE_LIB = WORK_DIR / "baseline-lib"
BM25S_REQUIREMENT = "bm25s>=0.3.16,<0.4"  # the base commit's pin
OLD_K1, OLD_B = 1.5, 0.75  # the base commit's BM25 defaults (ASSISTANT_BM25_K1 / _B)
CHUNK_WORDS = 110
UPLOAD_CHUNKS = 14
ENGINES = {"old": "bm25s (old)", "new": "tantivy (new)"}
FOLDERS = {"old": "old-bm25s", "new": "new-tantivy"}  # not importable names: workers run there


# -- rows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    doc_id: str
    digest: str  # of its text: a chunk id names one version of one text
    title: str
    source: str
    published: str  # YYYY-MM-DD or ""


@dataclass(frozen=True)
class Piece:
    article: Article
    number: int
    text: str


def read_pieces(corpus: Path, limit: int) -> list[Piece]:
    """The corpus's 110-word pieces in file order, up to `limit` (all of them if fewer)."""
    pieces: list[Piece] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if len(pieces) >= limit:
                break
            if not line.strip():
                continue
            row = json.loads(line)
            meta = row.get("metadata") or {}
            title = str(row.get("title") or "")
            text = str(row.get("text") or "")
            words = (text if text.strip() else title).split()
            host = urlsplit(str(meta.get("url") or "")).hostname or ""
            article = Article(
                doc_id=str(row["_id"]),
                digest=hashlib.sha1(text.encode()).hexdigest()[:16],
                title=title or str(row["_id"]),
                source=host.removeprefix("www.") or "realtimeqa",
                published=str(meta.get("publish_date") or "").replace("/", "-")[:10],
            )
            for number, begin in enumerate(range(0, len(words), CHUNK_WORDS)):
                pieces.append(Piece(article, number, " ".join(words[begin : begin + CHUNK_WORDS])))
    return pieces[:limit]


class Rows:
    """N chunk rows: the pieces, tiled with distinct chunk and document ids until N."""

    def __init__(self, corpus: Path, count: int) -> None:
        self.count = count
        self.pieces = read_pieces(corpus, count)
        if not self.pieces:
            raise SystemExit(f"no text in {corpus}")

    def __iter__(self) -> Iterator[ChunkHit]:
        from index.store import ChunkHit

        for tile, piece in self._tiled():
            doc_id = f"t{tile}-{piece.article.doc_id}"
            yield ChunkHit(
                chunk_id=f"{doc_id}#{piece.article.digest}#{piece.number}",
                # A fresh string per row, as a read from Chroma gives: a list of rows holds
                # every text, as the old engine's `all_chunks()` did.
                text=piece.text.encode().decode(),
                score=0.0,
                metadata={
                    "doc_id": doc_id,
                    "title": piece.article.title,
                    "source": piece.article.source,
                    "published": piece.article.published,
                },
            )

    def chunk_ids(self) -> list[str]:
        return [
            f"t{tile}-{p.article.doc_id}#{p.article.digest}#{p.number}" for tile, p in self._tiled()
        ]

    def upload(self, run: int) -> tuple[str, list[ChunkHit]]:
        """A re-uploaded article: the first document, as 14 new chunks (new ids)."""
        from index.store import ChunkHit

        first = self.pieces[0].article
        own = [p for p in self.pieces if p.article == first]
        doc_id = f"t0-{first.doc_id}"
        digest = hashlib.sha1(f"{doc_id} upload {run}".encode()).hexdigest()[:16]
        chunks = [
            ChunkHit(
                chunk_id=f"{doc_id}#{digest}#{n}",
                text=f"{own[n % len(own)].text} (update {run})",
                score=0.0,
                metadata={
                    "doc_id": doc_id,
                    "title": first.title,
                    "source": first.source,
                    "published": first.published,
                },
            )
            for n in range(UPLOAD_CHUNKS)
        ]
        return doc_id, chunks

    def _tiled(self) -> Iterator[tuple[int, Piece]]:
        tiles = ((tile, piece) for tile in itertools.count() for piece in self.pieces)
        return itertools.islice(tiles, self.count)


def questions(path: Path, count: int) -> list[str]:
    found: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = str(json.loads(line).get("text") or "") if line.strip() else ""
            if text:
                found.append(text)
            if len(found) == count:
                break
    return found


# -- the engines -------------------------------------------------------------------------------


class BenchStore:
    """What the old `LexicalIndex` read of Chroma, served from the generated rows."""

    def __init__(self, rows: Rows | None, fingerprint: str) -> None:
        self._rows = rows
        self.fingerprint = fingerprint
        self._ids: list[str] | None = None
        self._added: dict[str, ChunkHit] = {}

    def chunk_fingerprint(self) -> str:
        return self.fingerprint

    def all_chunks(self) -> list[ChunkHit]:
        if self._rows is None or self._ids is not None:
            raise RuntimeError("the old engine read every chunk where it should not have")
        return list(self._rows)

    def chunk_ids(self) -> list[str]:
        if self._rows is None:
            raise RuntimeError("the old engine rebuilt where it should have loaded its copy")
        return self._rows.chunk_ids() if self._ids is None else self._ids

    def get_chunks(self, chunk_ids: Sequence[str], keep: bool = True) -> dict[str, ChunkHit]:
        del keep
        missing = [cid for cid in chunk_ids if cid not in self._added]
        if missing:
            raise RuntimeError(f"the old engine read {len(missing)} chunks back from the store")
        return {cid: self._added[cid] for cid in chunk_ids}

    def replace(self, doc_id: str, chunks: list[ChunkHit], fingerprint: str) -> None:
        """The store after an upload of `doc_id` (Chroma's part, not timed)."""
        prefix = f"{doc_id}#"
        kept = [cid for cid in self.chunk_ids() if not cid.startswith(prefix)]
        self._ids = kept + [c.chunk_id for c in chunks]
        self._added = {c.chunk_id: c for c in chunks}
        self.fingerprint = fingerprint


class OldEngine:
    """`LexicalIndex` as it was at the base commit, on a stand-in store."""

    def __init__(
        self, folder: Path, title_weight: int, rows: Rows | None, fingerprint: str
    ) -> None:
        lexical = importlib.import_module("index.lexical.lexical_index")
        self.store = BenchStore(rows, fingerprint)
        self.index = lexical.LexicalIndex(
            self.store, folder, k1=OLD_K1, b=OLD_B, title_weight=title_weight
        )

    def build(self, rows: Rows) -> None:
        del rows  # read through the store, as the old engine did
        self.index.refresh()

    def search(self, text: str, top_k: int) -> int:
        return len(self.index.search(text, top_k))

    def upload(self, doc_id: str, chunks: list[ChunkHit], fingerprint: str) -> float:
        self.store.replace(doc_id, chunks, fingerprint)
        began = time.perf_counter()
        self.index.learn(chunks)  # the ingest's writer thread
        self.index.refresh()  # the rebuild and save every write ended with
        return time.perf_counter() - began

    def next_search(self, fingerprint: str, text: str, top_k: int) -> int:
        self.store.fingerprint = fingerprint  # the shared store moved: load the saved copy
        return self.search(text, top_k)


class NewEngine:
    """`ChunkIndex`, the tantivy index in the working tree."""

    def __init__(self, folder: Path, title_weight: int) -> None:
        from index.lexical.engine import ChunkIndex

        self.index: ChunkIndex = ChunkIndex(folder / "tantivy", title_weight=title_weight)

    def build(self, rows: Rows) -> None:
        writing = self.index.writing()
        writing.add(rows)
        writing.commit(fingerprint(0))
        self.index.reload()  # this process's reader too (its reload policy is manual)

    def search(self, text: str, top_k: int) -> int:
        return len(self.index.search(text, top_k))

    def upload(self, doc_id: str, chunks: list[ChunkHit], fingerprint: str) -> float:
        began = time.perf_counter()
        writing = self.index.writing()
        writing.delete_documents([doc_id])
        writing.add(chunks)
        writing.commit(fingerprint)
        took = time.perf_counter() - began
        self.index.reload()  # what this process's next search does first (a millisecond)
        return took

    def next_search(self, fingerprint: str, text: str, top_k: int) -> int:
        if self.index.reload() != fingerprint:
            raise RuntimeError("the reader did not see the writer's commit")
        return self.search(text, top_k)


def fingerprint(run: int) -> str:
    return f"bench:{run}"


def open_engine(spec: dict[str, Any], rows: Rows | None, run: int) -> OldEngine | NewEngine:
    folder = Path(spec["folder"])
    if spec["engine"] == "new":
        return NewEngine(folder, spec["title_weight"])
    engine = OldEngine(folder, spec["title_weight"], rows, fingerprint(run))
    source = Path(str(importlib.import_module("index.lexical.lexical_index").__file__))
    if not source.resolve().is_relative_to(Path(spec["baseline_src"]).resolve()):
        raise RuntimeError(f"the old engine was imported from {source}, not the baseline")
    return engine


# -- workers (each in a process of its own) ----------------------------------------------------


def folder_mb(folder: Path) -> float:
    files = (Path(top) / name for top, _, names in os.walk(folder) for name in names)
    return round(sum(f.stat().st_size for f in files) / 2**20, 1)


def progress(spec: dict[str, Any], message: str) -> None:
    sys.stderr.write(f"  [{spec['chunks']:,} · {ENGINES[spec['engine']]}] {message}\n")
    sys.stderr.flush()


def load_code(spec: dict[str, Any]) -> None:
    """Import the engine's code before anything is timed (the store package imports Chroma)."""
    importlib.import_module("index.store")
    engine = "index.lexical.engine" if spec["engine"] == "new" else "index.lexical.lexical_index"
    importlib.import_module(engine)


def builder(spec: dict[str, Any]) -> dict[str, Any]:
    """Build, query, then upload `runs` times with a fresh reading worker each time."""
    load_code(spec)
    rows = Rows(Path(spec["corpus"]), spec["chunks"])
    began = time.perf_counter()  # generating the rows alone: part of either build's time
    generated = sum(1 for _ in rows)
    rows_s = time.perf_counter() - began
    progress(spec, f"{generated:,} rows generated in {rows_s:.2f} s; building")
    began = time.perf_counter()
    engine = open_engine(spec, rows, 0)
    engine.build(rows)
    build_s = time.perf_counter() - began
    gc.collect()
    build_peak, after_build = peak_rss_mb(), rss_mb()
    disk = folder_mb(Path(spec["folder"]))
    progress(spec, f"built in {build_s:.2f} s, peak {build_peak:,.0f} MB; querying")

    asked = questions(Path(spec["queries"]), spec["questions"])
    hits = [engine.search(q, spec["top_k"]) for q in asked]  # warm-up pass
    p50s, p95s = [], []
    for _ in range(spec["runs"]):
        latencies = []
        for q in asked:
            start = time.perf_counter()
            engine.search(q, spec["top_k"])
            latencies.append((time.perf_counter() - start) * 1000)
        p50, p95 = p50_p95(latencies)
        p50s.append(p50)
        p95s.append(p95)
    progress(spec, f"query p50 {median(p50s):.2f} ms; uploading")

    uploads, readers = [], []
    for run in range(spec["runs"]):
        with reading_worker(spec, run) as reader:
            doc_id, chunks = rows.upload(run)
            uploads.append(engine.upload(doc_id, chunks, fingerprint(run + 1)))
            readers.append(reader.next_search(fingerprint(run + 1), asked[(run + 1) % len(asked)]))
        progress(
            spec,
            f"upload {run + 1}/{spec['runs']}: {uploads[-1] * 1000:,.1f} ms; the other worker's "
            f"next search {readers[-1]['ms']:,.1f} ms at {readers[-1]['rss_mb']:,.0f} MB",
        )
    return {
        "engine": spec["engine"],
        "chunks": generated,
        "rows_s": round(rows_s, 3),
        "build_s": round(build_s, 3),
        "build_peak_rss_mb": build_peak,
        "rss_after_build_mb": after_build,
        "disk_mb": disk,
        "questions": len(asked),
        "mean_hits": round(sum(hits) / len(hits), 1) if hits else 0.0,
        "query_p50_ms": round(median(p50s), 3),
        "query_p95_ms": round(median(p95s), 3),
        "upload_ms": round(median(uploads) * 1000, 2),
        "uploads_ms": [round(s * 1000, 2) for s in uploads],
        "reader_ms": round(median([r["ms"] for r in readers]), 2),
        "reader_rss_mb": median([r["rss_mb"] for r in readers]),
        "reader_peak_rss_mb": median([r["peak_rss_mb"] for r in readers]),
        "readers": readers,
        "builder_peak_rss_mb": peak_rss_mb(),
    }


class Reader:
    """The reading worker seen from the builder: started, opened, then told to search."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        self._reply()  # ready: the index is open and has answered once

    def next_search(self, fingerprint: str, text: str) -> dict[str, Any]:
        stdin = self._pipe(self._process.stdin)
        stdin.write(json.dumps({"fingerprint": fingerprint, "text": text}) + "\n")
        stdin.flush()
        return self._reply()

    def _reply(self) -> dict[str, Any]:
        line = self._pipe(self._process.stdout).readline()
        if not line:
            raise RuntimeError(f"the reading worker exited ({self._process.wait()})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    @staticmethod
    def _pipe(pipe: IO[str] | None) -> IO[str]:
        if pipe is None:
            raise RuntimeError("no pipe to the reading worker")
        return pipe


@contextlib.contextmanager
def reading_worker(spec: dict[str, Any], run: int) -> Iterator[Reader]:
    """Another worker on the same index folder, in a process of its own (stopped on leaving)."""
    command = worker_command("reader", {**spec, "run": run})
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        yield Reader(process)
    finally:
        process.kill()
        process.wait()


def reader(spec: dict[str, Any]) -> None:
    """Open the index (and search once), say so, then time the next search when told."""
    engine = open_engine(spec, None, spec["run"])
    asked = questions(Path(spec["queries"]), 1)
    engine.search(asked[0], spec["top_k"])
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    told = json.loads(sys.stdin.readline())
    began = time.perf_counter()
    hits = engine.next_search(told["fingerprint"], told["text"], spec["top_k"])
    ms = (time.perf_counter() - began) * 1000
    reply = {"ms": round(ms, 2), "hits": hits, "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def worker_command(role: str, spec: dict[str, Any]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "evals.bench.lexical",
        "--worker",
        role,
        "--spec",
        json.dumps(spec),
    ]


# -- the old engine's code ---------------------------------------------------------------------


class BaselineUnavailable(RuntimeError):
    """The old engine's code or bm25s could not be made ready."""


def prepare_baseline(src: Path, lib: Path = BASELINE_LIB) -> None:
    """A worktree of the base commit at `src` (made if it is the default and missing) and
    bm25s installed into `lib`."""
    if not (src / "index" / "lexical" / "bm25.py").is_file():
        if src.resolve() != BASELINE_SRC.resolve() or src.exists():
            raise BaselineUnavailable(
                f"{src} is not a checkout of the old engine ({BASELINE_COMMIT})"
            )
        src.parent.mkdir(parents=True, exist_ok=True)
        _run(["git", "-C", str(ROOT), "worktree", "prune"])  # one left by a removed var/
        _run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(src), BASELINE_COMMIT])
    if not (lib / "bm25s" / "__init__.py").is_file():
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--retries", "1"]
        pip += ["--timeout", "15", "--target"]  # no package index: fail in seconds, not minutes
        _run([*pip, str(lib), BM25S_REQUIREMENT])


def _run(command: list[str]) -> None:
    sys.stderr.write(f"preparing the old engine: {' '.join(command)}\n")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BaselineUnavailable(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")


def old_path(src: Path, folder: Path) -> str:
    """PYTHONPATH for old-engine workers: bm25s, then the base commit's `index` and `assistant`
    (linked into `folder`, so that `evals` still comes from here), then this repository."""
    folder.mkdir(parents=True, exist_ok=True)
    for package in ("index", "assistant"):
        link = folder / package
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to((src / package).resolve(), target_is_directory=True)
    return os.pathsep.join([str(BASELINE_LIB), str(folder), str(ROOT)])


# -- the benchmark -----------------------------------------------------------------------------


def run_builder(spec: dict[str, Any], env: dict[str, str], cwd: Path) -> dict[str, Any]:
    command = worker_command("builder", spec)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, cwd=cwd, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{ENGINES[spec['engine']]} at {spec['chunks']:,} chunks failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def machine() -> dict[str, Any]:
    from index.embedding.cpu_features import cpu_model  # the main process: new code

    model = cpu_model()
    memory = 0.0
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 2**20
    return {
        "cpu": model or platform.processor(),
        "cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(memory, 1),
        "load_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }


def versions(*, old: bool) -> dict[str, str]:
    from importlib.metadata import PathDistribution, version

    found = {"tantivy": version("tantivy")}
    for info in BASELINE_LIB.glob("bm25s-*.dist-info") if old else []:
        found["bm25s"] = str(PathDistribution(info).version)
    return found


def ratio(old: float, new: float) -> str:
    return f"{old / new:,.1f}×" if new > 0 else "–"


def table(results: dict[int, dict[str, dict[str, Any]]], top_k: int, runs: int) -> str:
    from evals.bench import report

    headers = [
        "chunks", "engine", "build s (rows s)", "upload update ms", "other worker: next search ms",
        "other worker RSS MB (peak)", "builder peak RSS MB", "builder RSS after MB",
        f"query p50 ms (top {top_k})", "query p95 ms", "disk MB",
    ]  # fmt: skip
    lines: list[list[object]] = []
    for chunks, engines in results.items():
        for name, r in engines.items():
            lines.append([
                f"{chunks:,}", ENGINES[name], f"{r['build_s']:,.2f} ({r['rows_s']:.2f})",
                f"{r['upload_ms']:,.1f}", f"{r['reader_ms']:,.1f}",
                f"{r['reader_rss_mb']:,.0f} ({r['reader_peak_rss_mb']:,.0f})",
                f"{r['build_peak_rss_mb']:,.0f}", f"{r['rss_after_build_mb']:,.0f}",
                f"{r['query_p50_ms']:,.2f}", f"{r['query_p95_ms']:,.2f}", f"{r['disk_mb']:,.1f}",
            ])  # fmt: skip
        if {"old", "new"} <= engines.keys():
            old, new = engines["old"], engines["new"]
            lines.append([
                f"{chunks:,}", "old ÷ new", ratio(old["build_s"], new["build_s"]),
                ratio(old["upload_ms"], new["upload_ms"]),
                ratio(old["reader_ms"], new["reader_ms"]),
                "", "", "", ratio(old["query_p50_ms"], new["query_p50_ms"]), "", "",
            ])  # fmt: skip
    title = f"**Lexical engines: bm25s (base {BASELINE_COMMIT}) vs tantivy, median of {runs}**"
    return f"{title}\n\n" + report.markdown_table(headers, lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.bench.lexical",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--chunks", type=int, action="append", metavar="N",
        help="rows to index; repeat for several sizes (default: 43000)",
    )  # fmt: skip
    parser.add_argument(
        "--runs", type=int, default=3,
        help="uploads (each with its own reading worker) and timed query passes, of which the "
        "median is reported; the bulk build runs once (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--questions", type=int, default=200, metavar="Q",
        help="RealTime QA questions per query pass (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--top-k", type=int, default=None, metavar="K",
        help="hits per query (default: ASSISTANT_RETRIEVAL_CANDIDATES' default, the depth the "
        "hybrid asks BM25 for)",
    )  # fmt: skip
    parser.add_argument(
        "--dataset", default="realtimeqa", help="folder under ../shared/data (default: %(default)s)"
    )
    parser.add_argument(
        "--baseline-src", type=Path, default=BASELINE_SRC, metavar="DIR",
        help=f"a checkout of the old engine (commit {BASELINE_COMMIT}); the default is a git "
        "worktree made there on first use (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--skip-old", action="store_true", help="measure the new engine only")
    parser.add_argument(
        "--dir", type=Path, default=WORK_DIR,
        help="scratch folder for the indexes (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--keep", action="store_true", help="keep each size's indexes (removed by default)"
    )
    parser.add_argument(
        "--results", type=Path, default=None, metavar="DIR",
        help="where lexical.json and lexical.md go (default: var/bench/results)",
    )  # fmt: skip
    parser.add_argument("--worker", choices=["builder", "reader"], help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        spec = json.loads(args.spec)
        if args.worker == "builder":
            sys.stdout.write(json.dumps(builder(spec)) + "\n")
        else:
            reader(spec)
        return 0
    return benchmark(args)


def benchmark(args: argparse.Namespace) -> int:
    from assistant.offline import OFFLINE_ENV
    from assistant.settings import Settings
    from evals.bench import report
    from evals.bench.corpus import dataset_folder

    data = dataset_folder(args.dataset)
    args.dir, args.baseline_src = args.dir.resolve(), args.baseline_src.resolve()  # workers cd
    defaults = Settings.model_fields
    top_k = args.top_k or int(defaults["retrieval_candidates"].default)
    engines = ["new"] if args.skip_old else ["old", "new"]
    env = {**os.environ, **OFFLINE_ENV, "PYTHONPATH": str(ROOT)}
    envs = {"new": env}
    if not args.skip_old:
        try:
            prepare_baseline(args.baseline_src)
        except BaselineUnavailable as exc:
            sys.stderr.write(f"{exc}\n(--skip-old measures the new engine alone)\n")
            return 2
        path = old_path(args.baseline_src, args.dir / "baseline-path")
        envs["old"] = {**env, "PYTHONPATH": path}
    host = {**machine(), **versions(old=not args.skip_old)}
    header = (
        f"{host['cpu']}, {host['cores']} cores, {host['memory_gb']} GB; load {host['load_1min']} "
        f"at start; Python {host['python']}, tantivy {host['tantivy']}, "
        f"bm25s {host.get('bm25s', '–')}\n"
    )
    sys.stdout.write(header)
    sys.stdout.flush()
    results: dict[int, dict[str, dict[str, Any]]] = {}
    for chunks in args.chunks or [43_000]:
        scratch = args.dir / f"n{chunks}"
        shutil.rmtree(scratch, ignore_errors=True)
        sys.stderr.write(f"{chunks:,} chunks:\n")
        results[chunks] = {}
        try:
            for engine in engines:
                spec = {
                    "engine": engine,
                    "chunks": chunks,
                    "folder": str(scratch / FOLDERS[engine]),
                    "corpus": str(data / "corpus.jsonl"),
                    "queries": str(data / "queries.jsonl"),
                    "questions": args.questions,
                    "top_k": top_k,
                    "runs": args.runs,
                    "title_weight": int(defaults["bm25_title_weight"].default),
                    "baseline_src": str(args.baseline_src),
                }
                (scratch / FOLDERS[engine]).mkdir(parents=True)
                results[chunks][engine] = run_builder(spec, envs[engine], scratch)
        finally:
            if not args.keep:
                shutil.rmtree(scratch, ignore_errors=True)
    body = table(results, top_k, args.runs)
    first = next(iter(next(iter(results.values())).values()))
    body += (
        f"\nRows: {args.dataset} pages in {CHUNK_WORDS}-word pieces, tiled to N; "
        f"{first['questions']} questions per pass. Build s includes generating the rows "
        "(bracketed); old: a new process's first rebuild (every chunk read and tokenized, the "
        "matrix built, saved). Upload: one document deleted and "
        f"{UPLOAD_CHUNKS} chunks added, made visible (old: learn + the whole rebuild from the "
        "rows it holds + save). Other worker: a separate "
        "process's next search after it (old: load the saved copy + search; new: reload + "
        "search). RSS in MB (MiB).\n"
    )
    payload = {"machine": host, "top_k": top_k, "runs": args.runs, "results": results}
    written = report.write("lexical", payload, header + "\n" + body, args.results)
    sys.stdout.write("\n" + body + f"\nwrote {written} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
