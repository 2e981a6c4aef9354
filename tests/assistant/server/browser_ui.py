"""What the browser tests share: where Chromium is, its flags, and driving the chat."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium not installed: run `make test-prereqs`"
    ),
]


def ask(page: Page, question: str) -> None:
    """Type, press Enter, and wait until the new answer has finished streaming."""
    done = page.locator(".message.assistant .tools, .message.assistant .error")
    before = done.count()
    page.fill("#question", question)
    page.keyboard.press("Enter")
    expect(done).to_have_count(before + 1, timeout=60_000)


def last_answer(page: Page) -> str:
    return page.locator(".message.assistant .answer-text").last.inner_text()


# Every saved conversation's questions, in the order of the list (newest first).
SAVED_QUESTIONS = """() => JSON.parse(localStorage.getItem("article-assistant.conversations"))
  .map((c) => JSON.parse(localStorage.getItem("article-assistant.conversation." + c.id) || "[]")
    .filter((m) => m.role === "user").map((m) => m.content))"""
