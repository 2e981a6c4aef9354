// Everything that draws the conversation: messages with citation chips, the sources panel and
// the screen-reader announcement of finished answers. Answer text is only ever inserted as
// text nodes (never as HTML), so an article cannot inject markup or script.

import { openCitation } from "./docview.js";
import { byId, node } from "./dom.js";
import { feedbackControls } from "./feedback.js";
import { describeScope } from "./filters.js";

// ", River Times, 2025-02-03" after a title, or nothing when neither is known.
function dated(citation) {
  const meta = [citation.source, citation.published].filter(Boolean).join(", ");
  return meta ? `, ${meta}` : "";
}

// Answer text with each known [n] marker replaced by a clickable chip.
function renderAnswerText(container, text, citations) {
  container.replaceChildren();
  const known = new Map(citations.map((c) => [c.n, c]));
  const parts = text.split(/\[(\d+)\]/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) container.append(document.createTextNode(part));
      return;
    }
    const citation = known.get(Number(part));
    if (!citation) {
      container.append(document.createTextNode(`[${part}]`));
      return;
    }
    container.append(node("button", {
      type: "button",
      class: "chip",
      title: `${citation.title}${dated(citation)}: “${citation.quote}”`,
      "aria-label": `Source ${citation.n}: ${citation.title}${dated(citation)}`,
      "data-n": String(citation.n),
      onclick: () => openCitation(citation),
    }, String(citation.n)));
  });
}

export function renderMessage(message) {
  const item = node("li", { class: `message ${message.role}` });
  if (message.role === "user") {
    item.append(document.createTextNode(message.content));
    const scope = describeScope(message.scope);
    if (scope) item.append(node("span", { class: "scope muted" }, `Filters: ${scope}`));
    return item;
  }
  const answer = message.answer;
  if (answer?.abstained) {
    item.classList.add("abstained");
    item.append(node("span", { class: "badge" }, "Not found in the corpus"), node("br"));
  }
  const body = node("div", { class: "answer-text" });
  renderAnswerText(body, message.content, answer?.citations || []);
  item.append(body);
  if (message.error) item.append(node("p", { class: "error" }, message.error));
  if (answer) {
    const copy = node("button", { type: "button", class: "link", onclick: () => copyAnswer(message, copy) }, "Copy answer");
    const tools = node("div", { class: "tools" }, copy);
    if (answer.citations.length) {
      tools.append(node("button", {
        type: "button", class: "link", onclick: () => showSources(answer.citations),
      }, `${answer.citations.length} source${answer.citations.length > 1 ? "s" : ""}`));
    }
    if (answer.timings_ms) tools.append(node("span", { class: "muted" }, `${Math.round(answer.timings_ms.total)} ms`));
    // 👍 / 👎 only on a finished answer: a streaming one has no `answer` yet, a failed one none.
    const feedback = feedbackControls(message);
    if (feedback) tools.append(feedback.buttons);
    item.append(tools);
    if (feedback) item.append(feedback.form);
  }
  return item;
}

export function scrollToEnd(list) {
  list.scrollTop = list.scrollHeight;
}

// Redraws the whole list; only called when no answer is streaming into it.
export function renderConversation(list, conversation) {
  list.replaceChildren(...conversation.map(renderMessage));
  scrollToEnd(list);
  const last = [...conversation].reverse().find((m) => m.answer);
  showSources(last ? last.answer.citations : []);
}

async function copyAnswer(message, button) {
  const citations = message.answer?.citations || [];
  const sources = citations.map((c) => `[${c.n}] ${c.title}${dated(c)} — “${c.quote}”`).join("\n");
  const text = sources ? `${message.content}\n\nSources:\n${sources}` : message.content;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  setTimeout(() => { button.textContent = "Copy answer"; }, 1500);
}

// The polite live region hears each answer once, when it is complete: the message list
// itself is not live, so screen readers do not read every streamed token.
export function announce(message) {
  let text = message.content.replace(/\s*\[\d+\]/g, "");
  if (message.answer?.abstained) text = `Not found in the corpus. ${text}`;
  if (message.error) text = `${text} ${message.error}`.trim();
  byId("answer-announcer").textContent = text;
}

export function clearAnnouncement() {
  byId("answer-announcer").textContent = "";
}

// --- sources panel ---------------------------------------------------------------------------

export function showSources(citations) {
  byId("sources-empty").hidden = citations.length > 0;
  byId("source-list").replaceChildren(...citations.map((c) => node("li", {},
    node("button", {
      type: "button", class: "chip", "aria-label": `Open source ${c.n}: ${c.title}`,
      onclick: () => openCitation(c),
    }, String(c.n)),
    " ",
    node("strong", {}, c.title),
    node("span", { class: "muted source-meta" },
      c.source ? ` · ${c.source}` : "",
      c.published ? " · " : "",
      c.published ? node("time", { datetime: c.published }, c.published) : ""),
    node("blockquote", {}, c.quote),
  )));
}
