"""`auto` runs the local model on the runtime measured faster on this CPU, else llama.cpp."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.ask.llm.endpoint import local_runtime
from assistant.ask.llm.runtime_choice import CHOICE_FILE, Speed, runtime_for, save
from index.embedding.cpu_features import cpu_key
from tests.conftest import make_settings


def test_the_runtime_answering_a_typical_question_sooner_is_kept_per_cpu(tmp_path: Path) -> None:
    reads_fast = Speed("openvino", prompt_tps=120.0, generate_tps=15.0)  # 10 + 2.7 s
    writes_fast = Speed("llamacpp", prompt_tps=70.0, generate_tps=25.0)  # 17.1 + 1.6 s
    (tmp_path / CHOICE_FILE).write_text(json.dumps({"another host": {"runtime": "x"}}))
    assert save(tmp_path, [writes_fast, reads_fast]) == "openvino"
    runtime, why = runtime_for(tmp_path)
    assert runtime == "openvino"
    assert why.startswith("measured faster on this CPU")
    entries = json.loads((tmp_path / CHOICE_FILE).read_text())
    assert set(entries) == {"another host", cpu_key()}  # other hosts' entries stay


def test_an_unmeasured_cpu_runs_llamacpp_and_a_named_runtime_is_kept(tmp_path: Path) -> None:
    assert runtime_for(tmp_path) == ("llamacpp", "not measured on this CPU")
    settings = make_settings(tmp_path / "var", models_dir=tmp_path, llm_runtime="auto")
    assert local_runtime(settings) == "llamacpp"
    named = make_settings(tmp_path / "var", models_dir=tmp_path, llm_runtime="openvino")
    assert local_runtime(named) == "openvino"
