"""The generated parts of the docs match the code and the real commands (tools/docs.py)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import Field

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def docs() -> ModuleType:
    """tools/docs.py is a script, not a package: loaded from its path."""
    spec = importlib.util.spec_from_file_location("docs_tool", ROOT / "tools" / "docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


class RedescribedSettings(Settings):
    top_k: int = Field(default=8, ge=1, le=50, description="A description the page does not hold.")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the configuration page, to go stale and be rewritten without touching docs/."""
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "configuration.md", tmp_path / "docs" / "configuration.md")
    return tmp_path


@pytest.mark.slow
def test_generated_docs_are_current(docs: ModuleType) -> None:
    stale = docs.stale(docs.ROOT, docs.blocks())
    assert not stale, f"stale: {', '.join(map(str, stale))}; regenerate: python tools/docs.py"


def test_a_changed_setting_description_makes_the_configuration_page_stale(
    docs: ModuleType, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = [docs.configuration_block(RedescribedSettings)]
    assert docs.stale(site, [docs.configuration_block()]) == []
    assert docs.check(site, changed) == 1
    assert "stale: docs/configuration.md" in capsys.readouterr().err


def test_regenerating_a_stale_page_makes_it_current_and_keeps_the_hand_written_text(
    docs: ModuleType, site: Path
) -> None:
    page = site / "docs" / "configuration.md"
    before = page.read_text(encoding="utf-8")
    intro = before.split(docs.begin_marker("settings"))[0]
    outro = before.split(docs.end_marker("settings"))[1]
    changed = [docs.configuration_block(RedescribedSettings)]
    assert docs.write(site, changed) == [Path("docs/configuration.md")]
    assert docs.stale(site, changed) == []
    text = page.read_text(encoding="utf-8")
    assert (
        "| `ASSISTANT_TOP_K` | `8` | integer 1–50 | A description the page does not hold. |" in text
    )
    assert text.startswith(intro)
    assert text.endswith(outro)


def test_every_setting_has_a_row_under_its_environment_variable(docs: ModuleType) -> None:
    page = docs.configuration(Settings)
    assert "`SLACK_BOT_TOKEN` or `ASSISTANT_SLACK_BOT_TOKEN`" in page
    assert "`ASSISTANT_LLM_API_KEY` or `OPENAI_API_KEY`" in page
    assert page.count("\n| `") == len(Settings.model_fields)


def test_every_setting_falls_under_a_named_heading(docs: ModuleType) -> None:
    assert "## Other settings" not in docs.configuration(Settings), (
        "add it to GROUPS in tools/docs.py"
    )


def test_a_page_without_its_markers_is_an_error_naming_it(docs: ModuleType, site: Path) -> None:
    (site / "docs" / "configuration.md").write_text("# Configuration\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"docs/configuration\.md.*settings"):
        docs.stale(site, [docs.configuration_block()])
