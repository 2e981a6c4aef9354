"""The chat UI in real headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.assistant.server.live_server import LiveServer
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium not installed: run `make test-prereqs`"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    opened = context.new_page()
    opened.goto(server.url + "/")
    opened.evaluate("localStorage.clear()")
    opened.reload()
    yield opened
    context.close()


def ask(page: Page, question: str) -> None:
    """Type, press Enter, and wait until the new answer has finished streaming."""
    done = page.locator(".message.assistant .tools")
    before = done.count()
    page.fill("#question", question)
    page.keyboard.press("Enter")
    expect(done).to_have_count(before + 1, timeout=60_000)


def last_answer(page: Page) -> str:
    return page.locator(".message.assistant .answer-text").last.inner_text()


def test_ask_click_a_citation_follow_up_and_reload(page: Page) -> None:
    ask(page, "How many key tasks and action points does the campaign include?")
    answer = page.locator(".message.assistant").last
    expect(answer).to_contain_text("17 key tasks")
    expect(answer).to_contain_text("58 specific action points")

    answer.locator(".chip").last.click()
    mark = page.locator("#doc-text mark")
    expect(mark).to_contain_text("17 key tasks and 58 specific action points")
    expect(mark).to_be_in_viewport()

    ask(page, "What campaign did Baogang launch?")
    ask(page, "How many action points does it have?")
    assert "58" in last_answer(page)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-answered.png"), full_page=True)

    page.reload()
    expect(page.locator(".message.user")).to_have_count(3)
    expect(page.locator(".message.assistant").first).to_contain_text("58 specific action points")

    page.click("#new-chat")
    expect(page.locator(".message")).to_have_count(0)


def test_unanswerable_question_is_styled_as_an_abstention(page: Page) -> None:
    ask(page, "What is the name of Baogang's Party Secretary?")
    answer = page.locator(".message.assistant").last
    expect(answer).to_have_class("message assistant abstained")
    expect(answer).to_contain_text("Not found in the corpus")


def test_upload_an_article_then_ask_about_it(page: Page, tmp_path: Path) -> None:
    article = tmp_path / "lighthouse.md"
    article.write_text(
        "---\ntitle: Lighthouse restored\n---\n"
        "The Skerry lighthouse was restored by 12 volunteers over three summers.\n"
    )
    page.set_input_files("#upload-input", str(article))
    expect(page.locator("#upload-text")).to_contain_text("added 1", timeout=60_000)
    ask(page, "How many volunteers restored the Skerry lighthouse?")
    assert "12 volunteers" in last_answer(page)


def test_article_markup_is_shown_as_text_and_never_runs(page: Page, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Quarry report: the Brindle quarry closed after 31 years of operation. "
        "<script>window.__pwned = 1; alert(1)</script> "
        '<img src=x onerror="window.__pwned = 2; alert(2)">\n'
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_input_files("#upload-input", str(hostile))
    expect(page.locator("#upload-text")).to_contain_text("added 1", timeout=60_000)
    ask(page, "How many years did the Brindle quarry operate?")
    page.locator(".message.assistant").last.locator(".chip").first.click()
    doc_text = page.locator("#doc-text")
    expect(doc_text).to_contain_text("<script>window.__pwned = 1; alert(1)</script>")
    expect(doc_text).to_contain_text('<img src=x onerror="window.__pwned = 2; alert(2)">')
    assert page.locator("#doc-text script, #doc-text img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_phone_width_keeps_everything_reachable(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    ask(page, "Which industries does the campaign focus on?")
    expect(page.locator(".message.assistant").last).to_contain_text("steel")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
