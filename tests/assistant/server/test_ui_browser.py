"""The chat UI in real headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.assistant.server.browser_ui import (
    ARTIFACTS,
    BROWSER_MARKS,
    SAVED_QUESTIONS,
    ask,
    last_answer,
    start_held_answer,
)
from tests.assistant.server.live_server import LiveServer

pytestmark = BROWSER_MARKS


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


def test_upload_an_article_then_ask_about_it(
    page: Page, tmp_path: Path, uploaded: list[str]
) -> None:
    article = tmp_path / "lighthouse.md"
    article.write_text(
        "---\ntitle: Lighthouse restored\n---\n"
        "The Skerry lighthouse was restored by 12 volunteers over three summers.\n"
    )
    page.set_input_files("#upload-input", str(article))
    uploaded.append(article.name)
    expect(page.locator("#upload-text")).to_contain_text("added 1", timeout=60_000)
    ask(page, "How many volunteers restored the Skerry lighthouse?")
    assert "12 volunteers" in last_answer(page)


def test_article_markup_is_shown_as_text_and_never_runs(
    page: Page, tmp_path: Path, uploaded: list[str]
) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Quarry report: the Brindle quarry closed after 31 years of operation. "
        "<script>window.__pwned = 1; alert(1)</script> "
        '<img src=x onerror="window.__pwned = 2; alert(2)">\n'
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_input_files("#upload-input", str(hostile))
    uploaded.append(hostile.name)
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
    page.click("#filters summary")
    expect(page.locator("#filter-as-of")).to_be_visible()
    expect(page.locator("#conversation-list li")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click("#library-link")
    expect(page.locator("#library-rows tr").first).to_be_visible()
    page.locator("#library-rows .doc-open").first.click()
    expect(page.locator("#library-doc-text")).to_contain_text("Baogang")
    delete = page.locator("#library-rows button", has_text="Delete").first
    delete.scroll_into_view_if_needed()
    expect(delete).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_page_loads_one_module_script_and_no_globals(page: Page, server: LiveServer) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.reload()
    scripts = page.locator("script")
    expect(scripts).to_have_count(1)
    expect(scripts).to_have_attribute("type", "module")
    expect(scripts).to_have_attribute("src", "/static/main.js")
    leaked = page.evaluate(
        "['api', 'ask', 'conversation', 'renderMessage', 'upload'].filter((n) => n in window)"
    )
    assert leaked == []
    assert page.request.get(server.url + "/static/app.js").status == 404
    ask(page, "What campaign did Baogang launch?")
    assert errors == []


def test_enter_and_submit_while_an_answer_streams_send_nothing_more(page: Page) -> None:
    start_held_answer(page, "How many key tasks and action points does the campaign include?")
    expect(page.locator("#send")).to_be_disabled()

    page.fill("#question", "What campaign did Baogang launch?")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.evaluate("document.getElementById('ask-form').requestSubmit()")
    expect(page.locator(".message.user")).to_have_count(1)
    assert page.evaluate("window.chatRequests") == 1
    expect(page.locator("#question")).to_have_value("What campaign did Baogang launch?")

    page.evaluate("releaseChat()")
    answer = page.locator(".message.assistant")
    expect(answer.locator(".tools")).to_have_count(1, timeout=60_000)
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("17 key tasks")
    expect(answer).to_contain_text("58 specific action points")
    expect(answer.locator(".answer-text .chip").first).to_be_visible()
    expect(page.locator("#source-list li").first).to_be_visible()
    assert page.evaluate("window.chatRequests") == 1

    # The question typed during the stream is kept and goes out once the answer is done.
    page.keyboard.press("Enter")
    expect(answer.locator(".tools")).to_have_count(2, timeout=60_000)
    expect(page.locator(".message.user")).to_have_count(2)


def test_live_region_announces_only_the_finished_answer(page: Page) -> None:
    assert page.get_attribute("#messages", "aria-live") is None
    announcer = page.locator("#answer-announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_attribute("role", "status")

    start_held_answer(page, "How many key tasks and action points does the campaign include?")
    page.evaluate(
        """() => {
          const region = document.getElementById("answer-announcer");
          window.announced = [];
          new MutationObserver(() => {
            if (region.textContent) window.announced.push(region.textContent);
          }).observe(region, { childList: true, characterData: true, subtree: true });
        }"""
    )
    expect(announcer).to_have_text("")

    page.evaluate("releaseChat()")
    expect(page.locator(".message.assistant .tools")).to_have_count(1, timeout=60_000)
    expect(announcer).to_contain_text("17 key tasks and 58 specific action points")
    finished = announcer.text_content() or ""
    assert "[1]" not in finished
    assert page.evaluate("window.announced") == [finished]


def test_new_chat_during_a_stream_aborts_it_cleanly(page: Page) -> None:
    start_held_answer(page, "How many key tasks and action points does the campaign include?")
    page.click("#new-chat")
    expect(page.locator(".message")).to_have_count(0)
    expect(page.locator("#send")).to_be_enabled()

    page.evaluate("releaseChat()")
    ask(page, "What campaign did Baogang launch?")
    expect(page.locator(".message")).to_have_count(2)
    expect(page.locator(".message .error")).to_have_count(0)
    # The dropped question is saved nowhere, and no empty conversation is left in the list.
    assert page.evaluate(SAVED_QUESTIONS) == [["What campaign did Baogang launch?"]]
    expect(page.locator("#conversation-list li")).to_have_count(1)


def test_switching_conversation_during_a_stream_drops_that_answer(page: Page) -> None:
    ask(page, "What campaign did Baogang launch?")
    page.click("#new-chat")
    start_held_answer(page, "How many key tasks and action points does the campaign include?")
    first = page.locator("#conversation-list .conversation-open", has_text="What campaign")
    first.click()
    expect(page.locator(".message.user")).to_have_text(["What campaign did Baogang launch?"])
    expect(page.locator("#send")).to_be_enabled()

    page.evaluate("releaseChat()")
    expect(page.locator(".message")).to_have_count(2)
    expect(page.locator("#conversation-list li")).to_have_count(1)
    assert page.evaluate(SAVED_QUESTIONS) == [["What campaign did Baogang launch?"]]
