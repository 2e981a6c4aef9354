"""👍 / 👎 on answers in the chat UI, in real Chromium, on a seeded server of this module's own
(the CLI reads its data folder): what the browser sends is what the feedback store holds, and a
👎 with a correction becomes an eval case that fails until the corpus supports the correction."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from assistant.container import Container, build_container
from assistant.server.app import create_app
from tests.assistant.cli.process import run_cli
from tests.assistant.server.browser_ui import BROWSER_MARKS, ask, start_held_answer
from tests.assistant.server.live_server import LiveServer
from tests.conftest import SEEDS, make_settings

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]  # subprocesses: `make test`, not `make unit`

SAVED = "Thanks — feedback saved"
ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")
TASKS = "How many key tasks does the campaign have?"
CORRECTION = "The campaign has 20 key tasks."
# A later report that states the corrected figure in one quotable sentence.
UPDATE = (
    "baogang-update.md",
    "---\ntitle: Baogang expands campaign to 20 key tasks\nsource: Steel Wire\n"
    "published: 2025-06-01\n---\n"
    "Baogang expanded its reform campaign on Monday.\n\n"
    "The campaign now has 20 key tasks, up from 17, the company said.\n",
)

# Each message of the open conversation as saved in localStorage.
SAVED_MESSAGES = """() => JSON.parse(localStorage.getItem(
  "article-assistant.conversation." + localStorage.getItem("article-assistant.active-conversation")))"""


@dataclass(frozen=True)
class Served:
    live: LiveServer
    container: Container
    data_dir: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The seed corpus served from a data folder the test knows, for `assistant` to read."""
    data_dir = tmp_path_factory.mktemp("feedback") / "var"
    container = build_container(make_settings(data_dir, rate_limit_per_minute=0))
    container.ingestor.ingest([SEEDS])
    with LiveServer(create_app(container)) as live:
        yield Served(live, container, data_dir)
    container.close()


@pytest.fixture(scope="module")
def server(served: Served) -> LiveServer:
    """Puts conftest's `page` and `uploaded` on this module's server."""
    return served.live


def rate_up(answer: Locator) -> Locator:
    return answer.get_by_role("button", name="Good answer")


def rate_down(answer: Locator) -> Locator:
    return answer.get_by_role("button", name="Bad answer")


def feedback_form(answer: Locator) -> Locator:
    return answer.get_by_role("form", name="What was wrong with this answer")


def sent_feedback(page: Page, send: Locator) -> dict[str, Any]:
    """Click `send`; the receipt of the POST /api/feedback it made (which must be a 201)."""
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as response:
        send.click()
    got: Response = response.value
    assert got.status == 201, got.text()
    sent = got.request.post_data_json
    assert sent is not None
    assert sent["client"] == "ui"
    receipt: dict[str, Any] = got.json()
    return receipt


def expect_rated(answer: Locator, rating: str) -> None:
    expect(answer.locator(".feedback-status")).to_have_text(SAVED)
    expect(rate_up(answer)).to_be_disabled()
    expect(rate_down(answer)).to_be_disabled()
    expect(rate_up(answer)).to_have_attribute("aria-pressed", str(rating == "up").lower())
    expect(rate_down(answer)).to_have_attribute("aria-pressed", str(rating == "down").lower())
    expect(feedback_form(answer)).to_be_hidden()


def cli(served: Served, *args: str) -> str:
    result = run_cli(served.data_dir, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_thumbs_up_is_stored_and_still_shown_after_a_reload(page: Page, served: Served) -> None:
    ask(page, "What campaign did Baogang launch?")
    answer = page.locator(".message.assistant").last
    expect(rate_up(answer)).to_have_attribute("aria-pressed", "false")
    saved = page.evaluate(SAVED_MESSAGES)[-1]
    assert ANSWER_ID.match(saved["answer_id"])

    receipt = sent_feedback(page, rate_up(answer))
    assert receipt["answer_id"] == saved["answer_id"]
    expect_rated(answer, "up")
    expect(page.locator(".feedback-form:visible")).to_have_count(0)  # 👍 asks nothing

    stored = json.loads(cli(served, "feedback", "show", receipt["feedback_id"]))
    assert stored["rating"] == "up"
    assert stored["surface"] == "ui"
    assert stored["reason"] is None
    assert stored["answer"]["answer_id"] == saved["answer_id"]
    assert stored["answer"]["question"] == "What campaign did Baogang launch?"
    assert stored["answer"]["answer"] == saved["content"]  # as the page showed it
    assert receipt["feedback_id"][:12] in cli(served, "feedback", "list")

    page.reload()
    expect_rated(page.locator(".message.assistant").last, "up")
    assert page.evaluate(SAVED_MESSAGES)[-1]["feedback"] == {"rating": "up"}


def test_thumbs_down_form_by_keyboard_cancel_then_send(page: Page, served: Served) -> None:
    ask(page, "Which industries does the campaign focus on?")
    answer = page.locator(".message.assistant").last
    down = rate_down(answer)
    form = feedback_form(answer)
    expect(down).to_have_attribute("aria-expanded", "false")

    down.focus()
    page.keyboard.press("Enter")
    expect(form).to_be_visible()
    expect(down).to_have_attribute("aria-expanded", "true")
    expect(form.get_by_role("radio", name="Wrong answer")).to_be_focused()
    expect(form.get_by_role("radio", name="Wrong answer")).to_be_checked()
    page.keyboard.press("Escape")  # cancels: nothing sent, focus back on 👎
    expect(form).to_be_hidden()
    expect(down).to_be_focused()
    page.keyboard.press(" ")
    expect(form).to_be_visible()
    form.get_by_role("button", name="Cancel").click()
    expect(form).to_be_hidden()
    answer_id = page.evaluate(SAVED_MESSAGES)[-1]["answer_id"]
    assert [r for r in served.container.feedback.all() if r.answer.answer_id == answer_id] == []

    down.click()
    page.keyboard.press("ArrowDown")  # the next reason
    expect(form.get_by_role("radio", name="Wrong source")).to_be_checked()
    form.get_by_label("Comment (optional)").fill("It cites the highlights, not the article.")
    form.get_by_label("Correct answer (optional)").fill("Steel and rare earth minerals.")
    receipt = sent_feedback(page, form.get_by_role("button", name="Send"))
    expect_rated(answer, "down")
    expect(answer.locator(".feedback-status")).to_be_focused()

    stored = served.container.feedback.get(receipt["feedback_id"])
    assert stored.rating == "down"
    assert stored.reason == "wrong_source"
    assert stored.comment == "It cites the highlights, not the article."
    assert stored.correct_answer == "Steel and rare earth minerals."
    assert stored.surface == "ui"
    assert stored.answer.answer_id == answer_id
    assert stored.answer.question == "Which industries does the campaign focus on?"
    assert page.evaluate(SAVED_MESSAGES)[-1]["feedback"] == {
        "rating": "down",
        "reason": "wrong_source",
    }
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "_Rated 👎 (wrong source)_" in markdown


def test_a_server_error_is_shown_and_the_answer_stays_unrated(page: Page) -> None:
    ask(page, "What campaign did Baogang launch?")
    # As if the answer log had expired the answer: the server knows no such answer_id.
    page.evaluate(
        """() => {
          const key = "article-assistant.conversation."
            + localStorage.getItem("article-assistant.active-conversation");
          const messages = JSON.parse(localStorage.getItem(key));
          const reply = messages[messages.length - 1];
          reply.answer_id = reply.answer.answer_id = "0".repeat(32);
          localStorage.setItem(key, JSON.stringify(messages));
        }"""
    )
    page.reload()
    answer = page.locator(".message.assistant").last
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as response:
        rate_up(answer).click()
    assert response.value.status == 404
    error = answer.locator(".feedback-error")
    expect(error).to_contain_text("Feedback not saved: no answer with id")
    expect(answer.locator(".feedback-status")).to_have_text("")
    expect(rate_up(answer)).to_be_enabled()
    expect(rate_up(answer)).to_have_attribute("aria-pressed", "false")
    assert "feedback" not in page.evaluate(SAVED_MESSAGES)[-1]

    rate_down(answer).click()  # opening the form clears the old error
    expect(error).to_have_text("")


def test_no_rating_while_streaming_nor_on_a_failed_answer(page: Page) -> None:
    start_held_answer(page, "What campaign did Baogang launch?")
    streaming = page.locator(".message.assistant.streaming")
    expect(streaming.locator(".rate")).to_have_count(0)
    page.evaluate("releaseChat()")
    expect(page.locator(".message.assistant .tools")).to_have_count(1, timeout=60_000)
    expect(page.locator(".message.assistant .rate")).to_have_count(2)

    ask(page, "x" * 2100)  # longer than the server takes
    failed = page.locator(".message.assistant").last
    expect(failed.locator(".error")).not_to_be_empty()
    expect(failed.locator(".rate")).to_have_count(0)


def test_a_correction_fails_its_eval_until_the_corpus_supports_it(
    page: Page, served: Served, tmp_path: Path, uploaded: list[str]
) -> None:
    ask(page, TASKS)
    answer = page.locator(".message.assistant").last
    expect(answer).to_contain_text("17 key tasks")
    rate_down(answer).click()
    form = feedback_form(answer)
    form.get_by_label("Correct answer (optional)").fill(CORRECTION)
    receipt = sent_feedback(page, form.get_by_role("button", name="Send"))
    expect_rated(answer, "down")

    exported = tmp_path / "exported.jsonl"
    cli(served, "feedback", "export", "--to", str(exported))
    cases = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    # Other tests here rated other answers; this one's case alone is asked.
    ours = [c for c in cases if receipt["feedback_id"] in c["provenance"]["feedback_ids"]]
    assert len(ours) == 1
    case = ours[0]
    assert case["question"] == TASKS
    assert case["expect"] == [["20"]]
    assert "thumbs-down" in case["tags"]
    assert case["provenance"]["answer_id"] == receipt["answer_id"]
    dataset = tmp_path / "correction.jsonl"
    dataset.write_text(json.dumps(case) + "\n", encoding="utf-8")

    def evaluate(report: Path) -> tuple[int, dict[str, Any]]:
        run = run_cli(
            served.data_dir, "eval", str(dataset), "--min-pass", "1", "--json", str(report)
        )
        assert run.returncode in (0, 1), run.stdout + run.stderr
        [result] = json.loads(report.read_text(encoding="utf-8"))["results"]
        return run.returncode, result

    code, before = evaluate(tmp_path / "before.json")
    assert code == 1
    assert before["score"]["passed"] is False
    assert before["score"]["missing"] == ["20"]
    assert "17 key tasks" in before["answer"]["answer"]

    name, text = UPDATE
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    page.set_input_files("#upload-input", str(article))
    uploaded.append(name)
    expect(page.locator("#upload-text")).to_contain_text("added 1", timeout=60_000)

    code, after = evaluate(tmp_path / "after.json")
    assert code == 0, after["score"]
    assert after["score"]["passed"] is True
    assert after["score"]["facts_supported"] == 1
    cited = after["answer"]["citations"]
    assert any(c["doc_id"] == name and "20 key tasks" in c["quote"] for c in cited)

    page.click("#new-chat")
    ask(page, TASKS)
    expect(page.locator(".message.assistant").last).to_contain_text("20 key tasks")
