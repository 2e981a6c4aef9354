"""The benchmark store cache: one folder per corpus or share, held alone, only changes ingested."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError, StoreError
from assistant.settings import Settings, load_settings
from evals.beir_dataset import load_beir
from evals.store_cache import (
    cached_settings,
    exclusive,
    ingest_changed,
    open_store,
    server_env,
    store_folder,
)
from tests.conftest import make_settings
from tests.evals.beir_files import write_beir


def test_a_whole_corpus_keeps_the_evals_folder_and_a_share_gets_its_own(tmp_path: Path) -> None:
    base = Settings(data_dir=tmp_path / "var")
    # The folder the answer and retrieval evals have always used, so their stores are reused.
    assert cached_settings(base, "tiny").data_dir == tmp_path / "var" / "bench" / "tiny"
    share = cached_settings(base, "tiny", fraction=0.1)
    assert share.data_dir == tmp_path / "var" / "bench" / "tiny-10pct"
    assert store_folder(tmp_path, "tiny", 0.3) == tmp_path / "tiny-30pct"
    with pytest.raises(ConfigError, match="share"):
        store_folder(tmp_path, "tiny", 1.5)


def test_each_chunking_and_sample_gets_its_own_collection(tmp_path: Path) -> None:
    base = Settings(data_dir=tmp_path / "var")
    assert cached_settings(base, "tiny").collection == "beir-c200-o32"
    assert cached_settings(base, "tiny", sample=500).collection == "beir-c200-o32-n500"
    small = Settings(data_dir=tmp_path / "var", chunk_tokens=120)
    assert cached_settings(small, "tiny").collection == "beir-c120-o32"


def test_a_server_started_with_its_environment_opens_the_same_store_unthrottled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = cached_settings(Settings(data_dir=tmp_path / "var"), "tiny", fraction=0.5)
    assert settings.rate_limit_per_minute == 0  # every client of a benchmark shares one address
    for name, value in server_env(settings).items():
        monkeypatch.setenv(name, value)
    served = load_settings()
    fields = ("data_dir", "collection", "models_dir", "rate_limit_per_minute", "chroma_url")
    assert [getattr(served, f) for f in fields] == [getattr(settings, f) for f in fields]


def test_one_benchmark_at_a_time_per_folder(tmp_path: Path) -> None:
    with exclusive(tmp_path / "bench"):
        with (
            pytest.raises(StoreError, match="another benchmark is using"),
            exclusive(tmp_path / "bench"),
        ):
            pass
        with exclusive(tmp_path / "other"):
            pass  # another dataset's folder is free
    with exclusive(tmp_path / "bench"):
        pass  # released


def test_only_what_changed_is_embedded_and_a_share_holds_only_its_documents(
    tmp_path: Path,
) -> None:
    data = load_beir(write_beir(tmp_path / "tiny"))
    base = make_settings(tmp_path / "var")
    with open_store(cached_settings(base, data.name, fraction=0.5)) as share:
        first = ingest_changed(share, data, fraction=0.5)
        assert first.added == ["d1", "d2"]
        again = ingest_changed(share, data, fraction=0.5)
        assert (again.added, again.unchanged, again.chunks_embedded) == ([], ["d1", "d2"], 0)
        with pytest.raises(StoreError, match="another benchmark"), open_store(share.settings):
            pass
    with open_store(cached_settings(base, data.name)) as whole:
        assert sorted(ingest_changed(whole, data).added) == ["d1", "d2", "d3", "d4"]
        assert whole.store.document_count() == 4
