// The conversation list: new, switch, rename (inline) and delete, drawn in the sidebar, with
// the open conversation's title above the messages. main.js is told before the open
// conversation changes (to stop an answer in flight) and after (to draw the new one).

import { byId, node } from "./dom.js";
import {
  createConversation, loadConversations, removeConversation, saveActive, saveConversation,
  saveIndex, STORAGE_INDEX_KEY, storedConversations, titleFrom, UNTITLED,
} from "./store.js";

let conversations = [];
let active = null;
let hooks = { beforeSwitch() {}, afterSwitch() {} };

export function activeConversation() {
  return active;
}

function storageStatus(ok) {
  byId("conversation-status").textContent = ok
    ? "" : "This browser refused to save the conversation (storage full?).";
}

// Focus on a conversation's button once the list was redrawn under it.
function focusEntry(conversation) {
  byId("conversation-list").querySelector(`[data-id="${conversation.id}"] .conversation-open`)?.focus();
}

function ordered() {
  conversations.sort((a, b) => b.updated - a.updated);
  return conversations;
}

function open(conversation) {
  hooks.beforeSwitch();
  const previous = active;
  active = conversation;
  saveActive(conversation.id);
  // An untouched conversation left behind is dropped rather than listed.
  if (previous && previous !== conversation && !previous.messages.length && !previous.named) {
    conversations = conversations.filter((c) => c !== previous);
    storageStatus(removeConversation(previous.id, conversations));
  }
  draw();
  hooks.afterSwitch(conversation);
}

// "New chat": a fresh conversation, unless the open one has nothing in it yet.
export function startConversation() {
  if (active && !active.messages.length) {
    hooks.beforeSwitch();
    hooks.afterSwitch(active);
    return;
  }
  const conversation = createConversation();
  conversations.push(conversation);
  storageStatus(saveConversation(conversation, ordered()));
  open(conversation);
}

// After a question was answered (or failed): name the conversation after its first question
// unless the user named it, and save it.
export function recordTurn(conversation) {
  conversation.updated = Date.now();
  if (!conversation.named) {
    const first = conversation.messages.find((m) => m.role === "user");
    conversation.title = first ? titleFrom(first.content) : UNTITLED;
  }
  storageStatus(saveConversation(conversation, ordered()));
  draw();
}

// Saves the conversation holding `message` (rated after it was answered) as it is: its place
// in the list stays. Nothing when that conversation was deleted meanwhile.
export function saveConversationOf(message) {
  const conversation = conversations.find((c) => c.messages.includes(message));
  if (conversation) storageStatus(saveConversation(conversation, conversations));
}

function remove(conversation) {
  if (!window.confirm(`Delete the conversation “${conversation.title}”?`)) return;
  conversations = conversations.filter((c) => c !== conversation);
  storageStatus(removeConversation(conversation.id, conversations));
  if (conversation !== active) {
    draw();
    focusEntry(active);
    return;
  }
  const next = ordered()[0] || createConversation();
  if (!conversations.includes(next)) conversations.push(next);
  active = null;  // the deleted one is not "left behind"
  open(next);
  focusEntry(next);
}

// Swaps the title for a text box: Enter or leaving it saves, Escape cancels.
function rename(conversation) {
  // Looked up now: a rename left open a moment ago redraws the list when it loses focus.
  const current = byId("conversation-list").querySelector(`[data-id="${conversation.id}"] .conversation-open`);
  if (!current) return;
  const box = node("input", {
    type: "text", class: "conversation-name", value: conversation.title,
    "aria-label": "Conversation name", maxlength: "120",
  });
  let done = false;
  const finish = (save) => {
    if (done) return;
    done = true;
    const title = box.value.trim();
    if (save && title && title !== conversation.title) {
      conversation.title = title;
      conversation.named = true;
      storageStatus(saveIndex(conversations));
    }
    draw();
    focusEntry(conversation);
  };
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); finish(true); }
    else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); finish(false); }
  });
  box.addEventListener("blur", () => finish(true));
  current.replaceWith(box);
  box.focus();
  box.select();
}

function entry(conversation) {
  const current = conversation === active;
  const item = node("li", { class: `conversation${current ? " active" : ""}`, "data-id": conversation.id });
  const openButton = node("button", {
    type: "button", class: "conversation-open", title: conversation.title,
    onclick: () => {
      if (conversation !== active) open(conversation);
      focusEntry(conversation);
    },
  }, conversation.title);
  if (current) openButton.setAttribute("aria-current", "true");
  item.append(
    openButton,
    node("button", {
      type: "button", class: "icon", title: "Rename",
      "aria-label": `Rename conversation: ${conversation.title}`,
      onclick: () => rename(conversation),
    }, "✎"),
    node("button", {
      type: "button", class: "icon", title: "Delete",
      "aria-label": `Delete conversation: ${conversation.title}`,
      onclick: () => remove(conversation),
    }, "×"),
  );
  return item;
}

function draw() {
  byId("conversation-list").replaceChildren(...ordered().map(entry));
  byId("chat-title").textContent = active ? active.title : UNTITLED;
}

// Another tab of this browser added, renamed, answered in or deleted conversations: the list
// follows. The open conversation is left as this tab has it (an answer may be streaming into
// it); this tab's next save lists it again if the other tab deleted it.
function followOtherTabs(event) {
  if (event.key !== STORAGE_INDEX_KEY) return;
  const stored = storedConversations();
  if (!stored) return;
  conversations = stored.map((c) => (c.id === active?.id ? active : c));
  if (active && !conversations.includes(active)) conversations.push(active);
  draw();
}

export function setupConversations(callbacks) {
  hooks = { ...hooks, ...callbacks };
  window.addEventListener("storage", followOtherTabs);
  const loaded = loadConversations();
  conversations = loaded.conversations;
  let first = conversations.find((c) => c.id === loaded.activeId) || ordered()[0];
  if (!first) {
    first = createConversation();
    conversations.push(first);
    storageStatus(saveConversation(first, conversations));
  }
  open(first);
}
