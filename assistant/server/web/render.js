// Everything that draws: messages with citation chips, the sources panel, the document view
// and the screen-reader announcement of finished answers. Document and answer text is only
// ever inserted as text nodes (never as HTML), so an article cannot inject markup or script.

import { api, errorMessage } from "./api.js";

const byId = (id) => document.getElementById(id);

export function node(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") element.className = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value);
  }
  for (const child of children) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
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
      title: `${citation.title}: “${citation.quote}”`,
      "aria-label": `Source ${citation.n}: ${citation.title}`,
      "data-n": String(citation.n),
      onclick: () => openCitation(citation),
    }, String(citation.n)));
  });
}

export function renderMessage(message) {
  const item = node("li", { class: `message ${message.role}` });
  if (message.role === "user") {
    item.append(document.createTextNode(message.content));
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
    item.append(tools);
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
  const sources = citations.map((c) => `[${c.n}] ${c.title} — “${c.quote}”`).join("\n");
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

// --- sources panel and document view ------------------------------------------------------

export function showSources(citations) {
  byId("sources-empty").hidden = citations.length > 0;
  byId("source-list").replaceChildren(...citations.map((c) => node("li", {},
    node("button", { type: "button", class: "chip", onclick: () => openCitation(c) }, String(c.n)),
    " ",
    node("strong", {}, c.title),
    node("blockquote", {}, c.quote),
  )));
}

export function closeDocument() {
  byId("doc-view").hidden = true;
}

// Opens the cited article with the quoted passage highlighted and scrolled into view.
async function openCitation(citation) {
  const view = byId("doc-view");
  const textEl = byId("doc-text");
  const query = `highlight=${citation.start}-${citation.end}`;
  const response = await api(`/api/documents/${encodeURIComponent(citation.doc_id)}?${query}`);
  if (!response.ok) {
    byId("doc-title").textContent = citation.title;
    byId("doc-meta").textContent = await errorMessage(response);
    textEl.replaceChildren();
    view.hidden = false;
    return;
  }
  const doc = await response.json();
  byId("doc-title").textContent = doc.title;
  byId("doc-meta").textContent = [doc.source, doc.published, doc.author].filter(Boolean).join(" · ");
  const spans = [...doc.highlights].sort((a, b) => a.start - b.start);
  const pieces = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    pieces.push(document.createTextNode(doc.text.slice(cursor, span.start)));
    pieces.push(node("mark", { "data-n": String(citation.n) }, doc.text.slice(span.start, span.end)));
    cursor = span.end;
  }
  pieces.push(document.createTextNode(doc.text.slice(cursor)));
  textEl.replaceChildren(...pieces);
  view.hidden = false;
  const mark = textEl.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}
