"""What the browser tests share: where Chromium is, its flags, driving the chat, and holding an
answer mid-stream."""

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


# Wraps fetch so that the body of each /api/chat response stops after its first `token` frame
# until the test calls `releaseChat()`: the test can then act while an answer is mid-stream.
# Aborting the request errors the held body, as the browser does for a real one.
HOLD_CHAT_STREAM = """
(() => {
  const realFetch = window.fetch.bind(window);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  window.releaseChat = () => release();
  window.chatRequests = 0;
  window.fetch = async (resource, options = {}) => {
    if (!String(resource).endsWith("/api/chat")) return realFetch(resource, options);
    window.chatRequests += 1;
    const response = await realFetch(resource, options);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const frames = [];
    let buffer = "";
    let sentToken = false;
    const body = new ReadableStream({
      start(controller) {
        options.signal?.addEventListener("abort", () => {
          controller.error(new DOMException("The user aborted a request.", "AbortError"));
        });
      },
      async pull(controller) {
        while (!frames.length) {
          const { value, done } = await reader.read();
          if (done) return controller.close();
          buffer += decoder.decode(value, { stream: true });
          const parts = buffer.split("\\n\\n");
          buffer = parts.pop();
          frames.push(...parts.map((part) => part + "\\n\\n"));
        }
        if (sentToken) await released;
        const frame = frames.shift();
        controller.enqueue(encoder.encode(frame));
        if (frame.startsWith("event: token")) sentToken = true;
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
})();
"""


def start_held_answer(page: Page, question: str) -> None:
    """Ask with /api/chat held after its first token; return once that token is on screen."""
    page.add_init_script(HOLD_CHAT_STREAM)
    page.reload()
    page.fill("#question", question)
    page.keyboard.press("Enter")
    expect(page.locator(".message.assistant.streaming .answer-text")).not_to_be_empty()
