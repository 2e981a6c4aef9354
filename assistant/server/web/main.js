// article-assistant chat UI: no build step, no dependencies. This module holds the state
// (the conversation, the answer in flight) and wires the page; the others do the work.

import {
  announce, clearAnnouncement, closeDocument, renderConversation, renderMessage, scrollToEnd,
  showSources,
} from "./render.js";
import { streamAnswer } from "./stream.js";
import { setupUpload } from "./upload.js";

const STORE_KEY = "article-assistant.conversation";

const byId = (id) => document.getElementById(id);
const list = byId("messages");
const form = byId("ask-form");
const input = byId("question");
const sendButton = byId("send");

let conversation = loadConversation();
// The AbortController of the answer being streamed, or null: one question at a time.
let inFlight = null;

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

// The turns sent as context; failed answers are left out.
function history() {
  return conversation
    .filter((m) => !m.error)
    .map((m) => ({ role: m.role, content: m.content }));
}

function setInFlight(controller) {
  inFlight = controller;
  sendButton.disabled = controller !== null;
}

async function ask(question) {
  const controller = new AbortController();
  setInFlight(controller);
  clearAnnouncement();
  const previous = history();
  const user = { role: "user", content: question };
  const reply = { role: "assistant", content: "" };
  conversation.push(user, reply);
  // Tokens go into this element, held by reference; the list is not redrawn while it streams.
  const item = renderMessage(reply);
  item.classList.add("streaming");
  item.setAttribute("aria-busy", "true");
  list.append(renderMessage(user), item);
  scrollToEnd(list);
  const body = item.querySelector(".answer-text");
  try {
    const answer = await streamAnswer(
      { question, history: previous, signal: controller.signal },
      (text) => {
        reply.content += text;
        body.append(document.createTextNode(text));
        scrollToEnd(list);
      },
    );
    reply.answer = answer;
    reply.content = answer.answer;
  } catch (error) {
    reply.error = error.message;
  } finally {
    if (inFlight === controller) setInFlight(null);
  }
  if (controller.signal.aborted) return;  // "New chat" dropped this answer and its message
  saveConversation();
  item.replaceWith(renderMessage(reply));
  scrollToEnd(list);
  if (reply.answer) showSources(reply.answer.citations);
  announce(reply);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // requestSubmit() ignores the disabled Ask button, so the one-at-a-time guard lives here.
  if (inFlight) return;
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  ask(question);
});

input.addEventListener("keydown", (event) => {
  // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition is neither.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

byId("new-chat").addEventListener("click", () => {
  // Stop a streaming answer instead of leaving it to write into a message that is gone.
  inFlight?.abort();
  setInFlight(null);
  conversation = [];
  saveConversation();
  closeDocument();
  clearAnnouncement();
  renderConversation(list, conversation);
  input.focus();
});

byId("doc-close").addEventListener("click", closeDocument);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeDocument();
});

setupUpload();
renderConversation(list, conversation);
input.focus();
