// article-assistant chat UI: no build step, no dependencies. Document and answer text is only
// ever inserted as text nodes (never as HTML), so an article cannot inject markup or script.
"use strict";

const STORE_KEY = "article-assistant.conversation";
const TOKEN_KEY = "article-assistant.token";

const el = (id) => document.getElementById(id);
const messagesEl = el("messages");
const form = el("ask-form");
const input = el("question");
const sendButton = el("send");

let conversation = loadConversation();

function loadConversation() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}

function saveConversation() {
  localStorage.setItem(STORE_KEY, JSON.stringify(conversation));
}

function node(tag, attrs = {}, ...children) {
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

// --- HTTP -----------------------------------------------------------------------------------

function authHeaders() {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function askForToken() {
  return new Promise((resolve) => {
    const dialog = el("token-dialog");
    dialog.addEventListener("close", () => {
      const value = el("token-input").value.trim();
      if (value) localStorage.setItem(TOKEN_KEY, value);
      resolve(Boolean(value));
    }, { once: true });
    dialog.showModal();
  });
}

async function api(path, options = {}, retry = true) {
  const response = await fetch(path, {
    ...options,
    headers: { ...(options.headers || {}), ...authHeaders() },
  });
  if (response.status === 401 && retry && (await askForToken())) {
    return api(path, options, false);
  }
  return response;
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error?.message || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// --- rendering ------------------------------------------------------------------------------

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

function renderMessage(message) {
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

function renderConversation() {
  messagesEl.replaceChildren(...conversation.map(renderMessage));
  messagesEl.scrollTop = messagesEl.scrollHeight;
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

// --- sources panel --------------------------------------------------------------------------

function showSources(citations) {
  const list = el("source-list");
  el("sources-empty").hidden = citations.length > 0;
  list.replaceChildren(...citations.map((c) => node("li", {},
    node("button", { type: "button", class: "chip", onclick: () => openCitation(c) }, String(c.n)),
    " ",
    node("strong", {}, c.title),
    node("blockquote", {}, c.quote),
  )));
}

async function openCitation(citation) {
  const view = el("doc-view");
  const textEl = el("doc-text");
  const query = `highlight=${citation.start}-${citation.end}`;
  const response = await api(`/api/documents/${encodeURIComponent(citation.doc_id)}?${query}`);
  if (!response.ok) {
    el("doc-title").textContent = citation.title;
    el("doc-meta").textContent = await errorMessage(response);
    textEl.replaceChildren();
    view.hidden = false;
    return;
  }
  const doc = await response.json();
  el("doc-title").textContent = doc.title;
  el("doc-meta").textContent = [doc.source, doc.published, doc.author].filter(Boolean).join(" · ");
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

el("doc-close").addEventListener("click", () => { el("doc-view").hidden = true; });
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") el("doc-view").hidden = true;
});

// --- asking ---------------------------------------------------------------------------------

function history() {
  return conversation
    .filter((m) => !m.error)
    .map((m) => ({ role: m.role, content: m.content }));
}

async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = "message";
      const data = [];
      for (const line of frame.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
  }
}

async function ask(question) {
  const previous = history();
  conversation.push({ role: "user", content: question });
  const reply = { role: "assistant", content: "" };
  conversation.push(reply);
  messagesEl.append(renderMessage(conversation[conversation.length - 2]));
  const item = renderMessage(reply);
  item.classList.add("streaming");
  messagesEl.append(item);
  const body = item.querySelector(".answer-text");
  sendButton.disabled = true;
  try {
    const response = await api("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, history: previous }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    await readEvents(response, (event, data) => {
      if (event === "token") {
        reply.content += data.text;
        body.append(document.createTextNode(data.text));
        messagesEl.scrollTop = messagesEl.scrollHeight;
      } else if (event === "final") {
        reply.answer = data;
        reply.content = data.answer;
      } else if (event === "error") {
        throw new Error(data.message);
      }
    });
  } catch (error) {
    reply.error = error.message;
  } finally {
    sendButton.disabled = false;
  }
  saveConversation();
  renderConversation();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  ask(question);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

el("new-chat").addEventListener("click", () => {
  conversation = [];
  saveConversation();
  el("doc-view").hidden = true;
  renderConversation();
  input.focus();
});

// --- uploads --------------------------------------------------------------------------------

const uploadInput = el("upload-input");
el("upload-label").addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    uploadInput.click();
  }
});

uploadInput.addEventListener("change", () => {
  const files = [...uploadInput.files];
  if (files.length) upload(files);
  uploadInput.value = "";
});

function upload(files, retry = true) {
  const data = new FormData();
  files.forEach((file) => data.append("files", file, file.name));
  const status = el("upload-status");
  const progress = el("upload-progress");
  const text = el("upload-text");
  status.hidden = false;
  progress.value = 0;
  text.textContent = `Uploading ${files.length} file${files.length > 1 ? "s" : ""}…`;
  const request = new XMLHttpRequest();
  request.open("POST", "/api/documents");
  for (const [key, value] of Object.entries(authHeaders())) request.setRequestHeader(key, value);
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
  });
  request.upload.addEventListener("load", () => { text.textContent = "Indexing…"; });
  request.addEventListener("load", async () => {
    progress.value = 100;
    if (request.status === 401 && retry && (await askForToken())) return upload(files, false);
    let body = {};
    try { body = JSON.parse(request.responseText); } catch { /* not JSON */ }
    if (request.status !== 200) {
      text.textContent = `Upload failed: ${body.error?.message || `HTTP ${request.status}`}`;
      return;
    }
    const parts = [
      `added ${body.added.length}`, `updated ${body.updated.length}`,
      `unchanged ${body.unchanged.length}`, `skipped ${body.skipped.length}`,
    ];
    const reasons = body.skipped.map((s) => `${s.file}: ${s.reason}`).join("; ");
    text.textContent = `Indexed — ${parts.join(" · ")}${reasons ? ` (${reasons})` : ""}`;
  });
  request.addEventListener("error", () => { text.textContent = "Upload failed: network error"; });
  request.send(data);
}

renderConversation();
input.focus();
