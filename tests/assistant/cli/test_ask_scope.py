"""`assistant ask --as-of/--source/--since/--until`: the same question cites different
documents with each, and a bad value is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli
from tests.conftest import BRIDGE_QUESTION, DATED_NEWS

pytestmark = pytest.mark.slow  # subprocesses: `make test`, not `make unit`


@pytest.fixture(scope="module")
def dated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-dated") / "var"
    done = run_cli(folder, "ingest", str(DATED_NEWS))
    assert done.returncode == 0, done.stderr
    return folder


def first_cited(data_dir: Path, *options: str) -> dict[str, object]:
    result = run_cli(data_dir, "ask", "--json", BRIDGE_QUESTION, *options)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert not answer["abstained"]
    return dict(answer["citations"][0]) | {"answer": answer["answer"]}


@pytest.mark.parametrize(
    ("options", "cited"),
    [
        ((), "harbor-bridge-feb20.md"),
        (("--as-of", "2025-02-10"), "harbor-bridge-feb03.md"),
        (("--as-of", "2025/03/01"), "harbor-bridge-feb20.md"),
        (("--source", "valley"), "harbor-bridge-valley.md"),
        (("--until", "2025-01-31"), "harbor-bridge-valley.md"),
        (("--since", "2025-02-01", "--until", "2025-02-10"), "harbor-bridge-feb03.md"),
    ],
)
def test_each_option_changes_the_cited_document(
    dated_dir: Path, options: tuple[str, ...], cited: str
) -> None:
    assert first_cited(dated_dir, *options)["doc_id"] == cited


def test_the_earlier_version_is_stated_with_its_date(dated_dir: Path) -> None:
    result = run_cli(dated_dir, "ask", BRIDGE_QUESTION, "--as-of", "2025-02-10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("As of the Feb. 3, 2025 report (River Times):")
    assert "$12 million" in result.stdout
    assert "(River Times, 2025-02-03, chars" in result.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--as-of", "soon"), "error: --as-of: 'soon' is not a date (YYYY-MM-DD)"),
        (("--source", "nowhere"), "error: no source matches nowhere; sources: River Times, Valley Post"),
    ],
)  # fmt: skip
def test_a_bad_scope_is_one_line_and_exit_2(
    dated_dir: Path, options: tuple[str, ...], message: str
) -> None:
    result = run_cli(dated_dir, "ask", BRIDGE_QUESTION, *options)
    assert result.returncode == 2
    assert result.stderr.strip() == message
