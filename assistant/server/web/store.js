// Conversations kept in this browser's localStorage: an index of {id, title, named, created,
// updated} under INDEX_KEY, each conversation's messages under MESSAGES_PREFIX + id (so an
// answer rewrites one conversation, not all of them) and the open one's id under ACTIVE_KEY.

const INDEX_KEY = "article-assistant.conversations";
const ACTIVE_KEY = "article-assistant.active-conversation";
const MESSAGES_PREFIX = "article-assistant.conversation.";
const LEGACY_KEY = "article-assistant.conversation";  // the one conversation of earlier versions

export const UNTITLED = "New conversation";

function read(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

// false when the browser refused (storage full or disabled); the conversation stays in memory.
function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function newId() {
  // randomUUID needs a secure context; a server reached over plain http on the LAN is not one.
  if (crypto.randomUUID && window.isSecureContext) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function createConversation(messages = []) {
  const now = Date.now();
  return { id: newId(), title: UNTITLED, named: false, created: now, updated: now, messages };
}

const removed = new Set();  // deleted in this tab: never written back from another tab's index

// Saves the titles and order alone (a rename); false if the browser refused. Conversations
// another tab added since this one loaded stay in the index: a tab never drops what it did
// not delete.
export function saveIndex(conversations) {
  const mine = new Set(conversations.map((c) => c.id));
  const others = read(INDEX_KEY, []).filter(
    (entry) => entry && typeof entry.id === "string" && !mine.has(entry.id) && !removed.has(entry.id),
  );
  const index = [...conversations.map(({ messages, ...entry }) => entry), ...others];
  return write(INDEX_KEY, index);
}

// The index as another tab left it: every listed conversation with its messages, for the
// list to follow. Null when the index is unreadable.
export function storedConversations() {
  const index = read(INDEX_KEY, null);
  if (!Array.isArray(index)) return null;
  return index
    .filter((entry) => entry && typeof entry.id === "string")
    .map((entry) => ({ ...entry, messages: read(MESSAGES_PREFIX + entry.id, []) }));
}

export const STORAGE_INDEX_KEY = INDEX_KEY;

// Every conversation, most recently updated first, and the id of the open one.
export function loadConversations() {
  const index = read(INDEX_KEY, null);
  if (!Array.isArray(index)) return migrate();
  const conversations = index
    .filter((entry) => entry && typeof entry.id === "string")
    .map((entry) => {
      const messages = read(MESSAGES_PREFIX + entry.id, []);
      return { ...entry, messages: Array.isArray(messages) ? messages : [] };
    });
  return { conversations, activeId: localStorage.getItem(ACTIVE_KEY) };
}

// The single saved conversation of earlier versions becomes the first of the list.
function migrate() {
  const legacy = read(LEGACY_KEY, []);
  if (!Array.isArray(legacy) || !legacy.length) return { conversations: [], activeId: null };
  const conversation = createConversation(legacy);
  const first = legacy.find((m) => m.role === "user");
  if (first) conversation.title = titleFrom(first.content);
  if (saveConversation(conversation, [conversation])) localStorage.removeItem(LEGACY_KEY);
  return { conversations: [conversation], activeId: conversation.id };
}

export function titleFrom(question) {
  const line = question.trim().split("\n")[0];
  return line.length > 120 ? `${line.slice(0, 119)}…` : line || UNTITLED;
}

// Saves one conversation's messages and the index of all; false if the browser refused.
export function saveConversation(conversation, conversations) {
  const saved = write(MESSAGES_PREFIX + conversation.id, conversation.messages);
  return saveIndex(conversations) && saved;
}

export function saveActive(id) {
  try { localStorage.setItem(ACTIVE_KEY, id); } catch { /* kept in memory only */ }
}

export function removeConversation(id, conversations) {
  removed.add(id);
  localStorage.removeItem(MESSAGES_PREFIX + id);
  return saveIndex(conversations);
}
