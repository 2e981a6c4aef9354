// The corpus library, shown at #library in place of the chat: documents a page at a time
// (title, source, published date, chunk count), search by title, open one to read it, delete
// one. Uploading stays the "Upload articles" button (upload.js); the list follows it through
// the `corpus-changed` event, which a deletion here sends too.

import { api, errorMessage } from "./api.js";
import { closeDocument, openDocument } from "./docview.js";
import { byId, node } from "./dom.js";

const PAGE_SIZE = 20;
let offset = 0;
let query = "";
let latest = 0;  // the newest list request; answers to older ones are dropped
let total = 0;
let openId = null;

const showing = () => location.hash === "#library";

function status(text) {
  byId("library-status").textContent = text;
}

function countText(count) {
  if (!total) return query ? `No document title contains “${query}”.` : "The corpus is empty.";
  const which = query ? ` whose title contains “${query}”` : "";
  const range = total > count ? `${offset + 1}–${offset + count} of ` : "";
  return `${range}${total} document${total === 1 ? "" : "s"}${which}.`;
}

async function load() {
  const request = ++latest;
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (query) params.set("q", query);
  byId("library-table").setAttribute("aria-busy", "true");
  let response;
  try {
    response = await api(`/api/documents?${params}`);
  } catch {
    if (request === latest) status("Could not load the documents: network error");
    return;
  } finally {
    if (request === latest) byId("library-table").removeAttribute("aria-busy");
  }
  if (request !== latest) return;
  if (!response.ok) {
    status(`Could not load the documents: ${await errorMessage(response)}`);
    return;
  }
  const body = await response.json();
  if (request !== latest) return;
  total = body.total;
  if (!body.documents.length && offset > 0) {  // the last page emptied (a deletion): step back
    offset = Math.max(0, offset - PAGE_SIZE);
    return load();
  }
  byId("library-rows").replaceChildren(...body.documents.map(row));
  byId("library-table").hidden = body.documents.length === 0;
  byId("library-prev").disabled = offset === 0;
  byId("library-next").disabled = offset + body.documents.length >= total;
  status(countText(body.documents.length));
}

function row(doc) {
  const published = doc.published ? node("time", { datetime: doc.published }, doc.published) : "—";
  return node("tr", { "data-id": doc.id },
    node("td", { "data-label": "Title" }, node("button", {
      type: "button", class: "link doc-open", onclick: () => show(doc),
    }, doc.title)),
    node("td", { "data-label": "Source" }, doc.source),
    node("td", { "data-label": "Published" }, published),
    node("td", { class: "num", "data-label": "Chunks" }, String(doc.chunks)),
    node("td", {}, node("button", {
      type: "button", class: "link danger", "aria-label": `Delete ${doc.title}`,
      onclick: () => remove(doc),
    }, "Delete")),
  );
}

async function show(doc) {
  openId = doc.id;
  await openDocument("library-doc", doc.id, { fallbackTitle: doc.title });
  byId("library-doc-text").focus();
}

async function remove(doc) {
  if (!window.confirm(`Delete “${doc.title}” from the corpus? Its answers cite it no more.`)) return;
  let response;
  try {
    response = await api(`/api/documents/${encodeURIComponent(doc.id)}`, { method: "DELETE" });
  } catch {
    status(`Could not delete “${doc.title}”: network error`);
    return;
  }
  if (!response.ok) {
    status(`Could not delete “${doc.title}”: ${await errorMessage(response)}`);
    return;
  }
  if (openId === doc.id) closeDocument("library-doc");
  byId("library-heading").focus();  // the row with the focused button is gone
  document.dispatchEvent(new CustomEvent("corpus-changed", { detail: { from: "library" } }));
  await load();
  status(`Deleted “${doc.title}”. ${byId("library-status").textContent}`);
}

function search(text) {
  query = text.trim();
  offset = 0;
  load();
}

function route() {
  const library = showing();
  const wasLibrary = !byId("library-view").hidden;
  byId("library-view").hidden = !library;
  byId("chat-view").hidden = library;
  const link = byId("library-link");
  if (library) link.setAttribute("aria-current", "page");
  else link.removeAttribute("aria-current");
  if (library && !wasLibrary) {
    load();
    byId("library-heading").focus();
  } else if (!library && wasLibrary) {
    byId("question").focus();
  }
}

export function setupLibrary() {
  let typing = null;
  const box = byId("library-q");
  byId("library-search").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    search(box.value);
  });
  box.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => search(box.value), 250);
  });
  byId("library-prev").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    load();
  });
  byId("library-next").addEventListener("click", () => {
    offset += PAGE_SIZE;
    load();
  });
  byId("library-doc-close").addEventListener("click", () => closeDocument("library-doc"));
  document.addEventListener("corpus-changed", (event) => {
    if (showing() && event.detail?.from !== "library") load();
  });
  window.addEventListener("hashchange", route);
  route();
}
