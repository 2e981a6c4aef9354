"""Any bytes at all: every loader returns text or refuses in one line; nothing else escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import DocumentRejected
from index.loaders import LOADERS, loader_for

PREFIXES = [b"", b"%PDF-1.4\n", b"---\ntitle: x\n---\n", b"<html><body><p>", b"\xef\xbb\xbf"]


@pytest.mark.parametrize("suffix", sorted(LOADERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode),
)
def test_loaders_never_raise_anything_but_a_rejection(
    suffix: str, prefix: bytes, body: bytes
) -> None:
    path = Path("fuzz" + suffix)
    try:
        loaded = loader_for(path)(prefix + body, path)
    except DocumentRejected as exc:
        reason = str(exc)
    else:
        reason = ""
        assert loaded.text.strip()
    assert "\n" not in reason
