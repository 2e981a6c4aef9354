// A document shown as text with spans highlighted: the cited article in the sources panel,
// or a document opened from the library. Each view is four elements named by one prefix:
// PREFIX-view, PREFIX-title, PREFIX-meta and PREFIX-text.

import { api, errorMessage } from "./api.js";
import { byId, citationMeta, node } from "./dom.js";

function parts(prefix) {
  return {
    view: byId(`${prefix}-view`), title: byId(`${prefix}-title`),
    meta: byId(`${prefix}-meta`), text: byId(`${prefix}-text`),
  };
}

// Fetches document `id` (with `highlight` spans) into the view; `n` labels the marks.
export async function openDocument(prefix, id, { highlight = [], n = null, fallbackTitle = "" } = {}) {
  const el = parts(prefix);
  const query = highlight.map((s) => `highlight=${s.start}-${s.end}`).join("&");
  const response = await api(`/api/documents/${encodeURIComponent(id)}${query ? `?${query}` : ""}`);
  if (!response.ok) {
    el.title.textContent = fallbackTitle || id;
    el.meta.textContent = await errorMessage(response);
    el.text.replaceChildren();
    el.view.hidden = false;
    return;
  }
  const doc = await response.json();
  el.title.textContent = doc.title;
  el.meta.textContent = [citationMeta(doc), doc.author].filter(Boolean).join(" · ");
  const spans = [...doc.highlights].sort((a, b) => a.start - b.start);
  const pieces = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    pieces.push(document.createTextNode(doc.text.slice(cursor, span.start)));
    const attrs = n === null ? {} : { "data-n": String(n) };
    pieces.push(node("mark", attrs, doc.text.slice(span.start, span.end)));
    cursor = span.end;
  }
  pieces.push(document.createTextNode(doc.text.slice(cursor)));
  el.text.replaceChildren(...pieces);
  el.view.hidden = false;
  const mark = el.text.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

export function closeDocument(prefix = "doc") {
  byId(`${prefix}-view`).hidden = true;
}

// Opens the cited article with the quoted passage highlighted and scrolled into view.
export function openCitation(citation) {
  return openDocument("doc", citation.doc_id, {
    highlight: [citation], n: citation.n, fallbackTitle: citation.title,
  });
}
