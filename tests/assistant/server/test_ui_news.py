"""The news-aware chat UI in real Chromium on the shared seeded server: several conversations
kept in the browser, the corpus library, source and date filters, citation dates and the
Markdown export. Tests that upload delete what they uploaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.assistant.server.browser_ui import BROWSER_MARKS, SAVED_QUESTIONS, ask, last_answer
from tests.assistant.server.live_server import LiveServer

pytestmark = BROWSER_MARKS

TASKS = "How many key tasks and action points does the campaign include?"
INDUSTRIES = "Which industries does the campaign focus on?"
TOLL = "How much is the Harbor bridge toll?"

# Two reports of the same figure from two sources, two days apart.
RIVER = (
    "river-toll.md",
    "---\ntitle: Harbor bridge toll report\nsource: River Times\npublished: 2025-02-03\n---\n"
    "The Harbor bridge toll rose to 7 dollars this year, the city council said.\n",
)
VALLEY = (
    "valley-toll.md",
    "---\ntitle: Bridge toll rises\nsource: Valley Post\npublished: 2025-02-05\n---\n"
    "The Harbor bridge toll rose to 9 dollars this year, the transport office said.\n",
)


def upload(server: LiveServer, uploaded: list[str], *docs: tuple[str, str]) -> None:
    """Upload through the API; `uploaded` deletes them when the test ends."""
    files = [("files", (name, text.encode())) for name, text in docs]
    response = httpx.post(f"{server.url}/api/documents", files=files, timeout=60)
    response.raise_for_status()
    uploaded.extend(name for name, _ in docs)
    assert sorted(response.json()["added"]) == sorted(name for name, _ in docs)


@pytest.fixture
def toll_reports(page: Page, server: LiveServer, uploaded: list[str]) -> Page:
    """The two toll reports in the corpus; the page reloaded so its filters list their sources."""
    upload(server, uploaded, RIVER, VALLEY)
    page.reload()
    return page


def chat_body(page: Page, question: str) -> dict[str, Any]:
    """Ask `question` and return the JSON body the page sent to /api/chat."""
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as request:
        ask(page, question)
    body: dict[str, Any] = request.value.post_data_json
    return body


def conversation(page: Page, title: str) -> Any:
    return page.locator("#conversation-list .conversation-open", has_text=title)


def test_two_conversations_stay_apart_across_a_reload(page: Page) -> None:
    ask(page, TASKS)
    page.click("#new-chat")
    expect(page.locator(".message")).to_have_count(0)
    ask(page, INDUSTRIES)
    expect(page.locator("#conversation-list li")).to_have_count(2)

    page.reload()
    expect(page.locator("#conversation-list li")).to_have_count(2)
    expect(page.locator("#chat-title")).to_have_text(INDUSTRIES)
    expect(page.locator(".message.user")).to_have_text([INDUSTRIES])
    expect(page.locator(".message.assistant")).to_contain_text("steel")

    conversation(page, "How many key tasks").focus()  # switched from the keyboard
    page.keyboard.press("Enter")
    expect(page.locator("#chat-title")).to_have_text(TASKS)
    expect(page.locator(".message.user")).to_have_text([TASKS])
    expect(page.locator(".message.assistant")).to_contain_text("58 specific action points")
    expect(page.locator("[aria-current=true]")).to_have_text(TASKS)

    # A follow-up carries this conversation's turns as history, none of the other's.
    body = chat_body(page, "How many action points does it have?")
    assert [turn["content"] for turn in body["history"] if turn["role"] == "user"] == [TASKS]
    assert "58" in last_answer(page)
    assert page.evaluate(SAVED_QUESTIONS) == [
        [TASKS, "How many action points does it have?"],
        [INDUSTRIES],
    ]


def test_two_tabs_keep_each_others_conversations(page: Page) -> None:
    """A conversation started in one tab shows in the other's list at once, and neither tab's
    save drops the other's (the last writer used to win)."""
    ask(page, TASKS)
    other = page.context.new_page()
    other.goto(page.url)  # opens on the conversation this tab left open
    other.click("#new-chat")
    ask(other, INDUSTRIES)  # a conversation of its own, saved after this tab's
    expect(page.locator("#conversation-list li")).to_have_count(2)  # without a reload
    expect(conversation(page, INDUSTRIES)).to_be_visible()
    page.click("#new-chat")
    ask(page, "Who chairs the leadership team?")  # this tab saves its list again
    for tab in (page, other):
        tab.reload()
        expect(tab.locator("#conversation-list li")).to_have_count(3)
    conversation(page, INDUSTRIES).click()
    expect(page.locator(".message.assistant")).to_contain_text("steel")
    other.close()


def test_conversations_are_renamed_and_deleted_from_the_list(page: Page) -> None:
    ask(page, TASKS)
    page.click("#new-chat")
    ask(page, INDUSTRIES)

    page.get_by_role("button", name=f"Rename conversation: {TASKS}").click()
    name = page.get_by_label("Conversation name")
    expect(name).to_be_focused()
    name.fill("Baogang campaign figures")
    name.press("Enter")
    expect(conversation(page, "Baogang campaign figures")).to_be_focused()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"Delete conversation: {INDUSTRIES}").click()
    expect(page.locator("#conversation-list li")).to_have_count(1)
    expect(conversation(page, "Baogang campaign figures")).to_be_focused()
    # The open conversation was deleted: the one left is opened.
    expect(page.locator("#chat-title")).to_have_text("Baogang campaign figures")
    expect(page.locator(".message.user")).to_have_text([TASKS])

    page.reload()
    expect(page.locator("#conversation-list .conversation-open")).to_have_text(
        ["Baogang campaign figures"]
    )
    assert page.evaluate(SAVED_QUESTIONS) == [[TASKS]]


def test_the_single_conversation_of_earlier_versions_is_kept(page: Page) -> None:
    page.evaluate(
        """localStorage.clear();
        localStorage.setItem("article-assistant.conversation", JSON.stringify([
          {role: "user", content: "What campaign did Baogang launch?"},
          {role: "assistant", content: "A reform campaign."}]))"""
    )
    page.reload()
    expect(page.locator("#conversation-list .conversation-open")).to_have_text(
        ["What campaign did Baogang launch?"]
    )
    expect(page.locator(".message.assistant")).to_have_text(["A reform campaign."])
    assert page.evaluate("localStorage.getItem('article-assistant.conversation')") is None


def test_library_lists_searches_opens_and_deletes_an_uploaded_document(
    page: Page, server: LiveServer, tmp_path: Path, uploaded: list[str]
) -> None:
    page.focus("#library-link")
    page.keyboard.press("Enter")
    expect(page.locator("#library-heading")).to_be_focused()
    expect(page.locator("#chat-view")).to_be_hidden()
    seed = page.locator("#library-rows tr", has_text="Baogang Group")
    expect(seed).to_contain_text("Rare Earth Exchanges")

    # Uploaded with the "Upload articles" button while the library is open: the list follows.
    article = tmp_path / "ferry-timetable.md"
    article.write_text(
        "---\ntitle: Ferry timetable changes\nsource: Harbour Gazette\npublished: 2025-03-01\n"
        "---\nThe island ferry will sail 14 times a day from April.\n"
    )
    page.set_input_files("#upload-input", str(article))
    uploaded.append(article.name)
    expect(page.locator("#upload-text")).to_contain_text("added 1", timeout=60_000)
    row = page.locator("#library-rows tr", has_text="Ferry timetable changes")
    expect(row.locator("td")).to_have_text(
        ["Ferry timetable changes", "Harbour Gazette", "2025-03-01", "1", "Delete"]
    )

    # The source filters list the new source too.
    gazette = page.locator("#filter-sources input[value='Harbour Gazette']")
    expect(gazette).to_have_count(1)

    page.fill("#library-q", "FERRY")
    page.press("#library-q", "Enter")
    expect(page.locator("#library-rows tr")).to_have_count(1)
    expect(page.locator("#library-status")).to_contain_text("1 document whose title contains")

    row.get_by_role("button", name="Ferry timetable changes", exact=True).click()
    expect(page.locator("#library-doc-title")).to_have_text("Ferry timetable changes")
    expect(page.locator("#library-doc-meta")).to_have_text("Harbour Gazette · 2025-03-01")
    expect(page.locator("#library-doc-text")).to_contain_text("sail 14 times a day")

    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Delete Ferry timetable changes").click()
    expect(page.locator("#library-status")).to_contain_text("Deleted “Ferry timetable changes”")
    expect(row).to_have_count(0)
    expect(page.locator("#library-doc-view")).to_be_hidden()
    expect(gazette).to_have_count(0)
    assert httpx.get(f"{server.url}/api/documents/{article.name}").status_code == 404

    page.fill("#library-q", "")
    page.press("#library-q", "Enter")
    expect(seed).to_be_visible()
    page.get_by_role("link", name="Back to chat").click()
    expect(page.locator("#question")).to_be_focused()


def test_a_source_filter_changes_the_cited_document(toll_reports: Page) -> None:
    page = toll_reports
    page.click("#filters summary")
    page.get_by_role("checkbox", name="Valley Post").check()
    expect(page.locator("#filters-count")).to_have_text("(1 active)")
    body = chat_body(page, TOLL)
    assert body["filters"] == {
        "sources": ["Valley Post"],
        "published_from": None,
        "published_to": None,
    }
    assert body["as_of"] is None
    answer = page.locator(".message.assistant").last
    expect(answer).to_contain_text("9 dollars")
    expect(answer).not_to_contain_text("7 dollars")
    expect(page.locator(".message.user").last).to_contain_text("Filters: Valley Post")
    # The citation carries its published date: on the chip and on the source line.
    expect(answer.locator(".chip")).to_have_attribute(
        "aria-label", "Source 1: Bridge toll rises, Valley Post, 2025-02-05"
    )
    expect(page.locator("#source-list li")).to_have_count(1)
    expect(page.locator("#source-list time")).to_have_attribute("datetime", "2025-02-05")

    page.get_by_role("checkbox", name="Valley Post").uncheck()
    page.get_by_role("checkbox", name="River Times").check()
    ask(page, TOLL)
    answer = page.locator(".message.assistant").last
    expect(answer).to_contain_text("7 dollars")
    expect(answer).not_to_contain_text("9 dollars")
    expect(answer.locator(".chip")).to_have_attribute(
        "aria-label", "Source 1: Harbor bridge toll report, River Times, 2025-02-03"
    )

    # The choice is kept across a reload.
    page.reload()
    expect(page.locator("#filters-count")).to_have_text("(1 active)")
    page.click("#filters summary")
    expect(page.get_by_role("checkbox", name="River Times")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Valley Post")).not_to_be_checked()


def test_as_of_and_published_from_pick_the_report_of_that_time(toll_reports: Page) -> None:
    page = toll_reports
    page.click("#filters summary")
    page.fill("#filter-as-of", "2025-02-04")
    body = chat_body(page, TOLL)
    assert body["as_of"] == "2025-02-04"
    expect(page.locator(".message.assistant").last).to_contain_text("7 dollars")
    expect(page.locator(".message.assistant").last).not_to_contain_text("9 dollars")

    page.click("#filters-clear")
    expect(page.locator("#filter-as-of")).to_have_value("")
    page.fill("#filter-from", "2025-02-04")
    body = chat_body(page, TOLL)
    assert body["as_of"] is None
    assert body["filters"]["published_from"] == "2025-02-04"
    expect(page.locator(".message.assistant").last).to_contain_text("9 dollars")
    expect(page.locator(".message.assistant").last).not_to_contain_text("7 dollars")


def test_a_filter_on_a_source_gone_from_the_corpus_shows_the_server_error(
    toll_reports: Page, server: LiveServer
) -> None:
    page = toll_reports
    page.click("#filters summary")
    page.get_by_role("checkbox", name="Valley Post").check()
    httpx.delete(f"{server.url}/api/documents/{VALLEY[0]}", timeout=60).raise_for_status()
    ask(page, TOLL)
    error = page.locator(".message.assistant .error")
    expect(error).to_contain_text("no source matches Valley Post")
    expect(page.locator("#answer-announcer")).to_contain_text("no source matches Valley Post")


def test_markdown_export_holds_every_question_answer_and_citation(
    page: Page, server: LiveServer, uploaded: list[str]
) -> None:
    upload(server, uploaded, RIVER)
    page.reload()
    ask(page, TASKS)
    page.click("#filters summary")
    page.get_by_role("checkbox", name="River Times").check()
    ask(page, TOLL)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export as Markdown").click()
    assert download.value.suggested_filename.endswith(".md")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")

    assert markdown.startswith(f"# {TASKS}\n")  # the conversation is named after it
    assert f"## 1. {TASKS}" in markdown
    assert "17 key tasks and 58 specific action points" in markdown
    assert "Baogang Group's Party-led" in markdown
    assert "Rare Earth Exchanges" in markdown
    assert f"## 2. {TOLL}" in markdown
    assert "_Filters: River Times_" in markdown
    assert "The Harbor bridge toll rose to 7 dollars this year" in markdown
    assert "1. **Harbor bridge toll report** — River Times, 2025-02-03" in markdown
    assert "   > The Harbor bridge toll rose to 7 dollars this year, the city council said." in (
        markdown
    )
