// article-assistant chat UI: no build step, no dependencies. This module holds the answer in
// flight and wires the page; the others do the work (conversations.js the list of
// conversations, filters.js the scope of a question, library.js the corpus view).

import {
  activeConversation, recordTurn, setupConversations, startConversation,
} from "./conversations.js";
import { closeDocument } from "./docview.js";
import { byId } from "./dom.js";
import { downloadMarkdown } from "./export.js";
import { currentScope, setupFilters } from "./filters.js";
import { setupLibrary } from "./library.js";
import {
  announce, clearAnnouncement, renderConversation, renderMessage, scrollToEnd, showSources,
} from "./render.js";
import { streamAnswer } from "./stream.js";
import { setupUpload } from "./upload.js";

const list = byId("messages");
const form = byId("ask-form");
const input = byId("question");
const sendButton = byId("send");

// The answer being streamed ({ controller, conversation, user }), or null: one at a time.
let inFlight = null;

// The turns sent as context; failed answers are left out.
function history(messages) {
  return messages
    .filter((m) => !m.error)
    .map((m) => ({ role: m.role, content: m.content }));
}

function setInFlight(answer) {
  inFlight = answer;
  sendButton.disabled = answer !== null;
}

// Drops the answer in flight, and its question, when its conversation is closed ("New chat",
// another conversation) instead of letting it write into messages no longer on screen.
function stopAnswer() {
  if (!inFlight) return;
  const { controller, conversation, user } = inFlight;
  controller.abort();
  const at = conversation.messages.indexOf(user);
  if (at >= 0) conversation.messages.splice(at, 2);
  setInFlight(null);
}

function hasFilters(scope) {
  const { sources, published_from: from, published_to: to } = scope.filters;
  return Boolean(scope.as_of || from || to || sources.length);
}

async function ask(question) {
  const controller = new AbortController();
  const conversation = activeConversation();
  const previous = history(conversation.messages);
  const scope = currentScope();
  const user = { role: "user", content: question };
  if (hasFilters(scope)) user.scope = scope;
  const reply = { role: "assistant", content: "" };
  conversation.messages.push(user, reply);
  setInFlight({ controller, conversation, user });
  clearAnnouncement();
  // Tokens go into this element, held by reference; the list is not redrawn while it streams.
  const item = renderMessage(reply);
  item.classList.add("streaming");
  item.setAttribute("aria-busy", "true");
  list.append(renderMessage(user), item);
  scrollToEnd(list);
  const body = item.querySelector(".answer-text");
  try {
    const answer = await streamAnswer(
      { question, history: previous, scope, signal: controller.signal },
      (text) => {
        reply.content += text;
        body.append(document.createTextNode(text));
        scrollToEnd(list);
      },
    );
    reply.answer = answer;
    reply.content = answer.answer;
    if (answer.answer_id) reply.answer_id = answer.answer_id;  // what feedback on it names
  } catch (error) {
    reply.error = error.message;
  } finally {
    if (inFlight?.controller === controller) setInFlight(null);
  }
  if (controller.signal.aborted) return;  // stopAnswer() dropped it
  recordTurn(conversation);
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
  if (location.hash === "#library") location.hash = "#chat";
  startConversation();
  input.focus();
});

byId("export-md").addEventListener("click", () => downloadMarkdown(activeConversation()));

byId("doc-close").addEventListener("click", () => closeDocument("doc"));
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  closeDocument("doc");
  closeDocument("library-doc");
});

setupUpload();
setupFilters();
setupConversations({
  beforeSwitch: stopAnswer,
  afterSwitch(conversation) {
    closeDocument("doc");
    clearAnnouncement();
    renderConversation(list, conversation.messages);
  },
});
input.focus();
setupLibrary();
