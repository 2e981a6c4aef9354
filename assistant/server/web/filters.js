// The filters beside the question box: sources (checkboxes filled from GET /api/sources), a
// published-date range and an "as of" day. currentScope() is what /api/chat receives as
// `as_of` and `filters`; the choices are kept in localStorage across reloads.

import { api, errorMessage } from "./api.js";
import { byId, node } from "./dom.js";

const KEY = "article-assistant.filters";
const DATES = { as_of: "filter-as-of", published_from: "filter-from", published_to: "filter-to" };

let chosenSources = new Set();

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY)) || {};
    chosenSources = new Set(Array.isArray(saved.sources) ? saved.sources : []);
    for (const [field, id] of Object.entries(DATES)) byId(id).value = saved[field] || "";
  } catch { /* nothing saved, or not JSON: no filters */ }
}

function save() {
  const saved = { sources: [...chosenSources] };
  for (const [field, id] of Object.entries(DATES)) saved[field] = byId(id).value || null;
  try { localStorage.setItem(KEY, JSON.stringify(saved)); } catch { /* kept for this page */ }
}

// { as_of, filters: { sources, published_from, published_to } }, empty fields as null.
export function currentScope() {
  const day = (field) => byId(DATES[field]).value || null;
  return {
    as_of: day("as_of"),
    filters: {
      sources: [...chosenSources],
      published_from: day("published_from"),
      published_to: day("published_to"),
    },
  };
}

// A short line for a question asked under filters ("River Times · as of 2025-02-04"), or "".
export function describeScope(scope) {
  if (!scope) return "";
  const { as_of: asOf, filters = {} } = scope;
  const parts = [...(filters.sources || [])];
  if (filters.published_from || filters.published_to) {
    parts.push(`published ${filters.published_from || "…"} to ${filters.published_to || "…"}`);
  }
  if (asOf) parts.push(`as of ${asOf}`);
  return parts.join(" · ");
}

function showCount() {
  const scope = currentScope();
  const active = scope.filters.sources.length + Object.values(DATES).filter((id) => byId(id).value).length;
  byId("filters-count").textContent = active ? `(${active} active)` : "";
  const from = scope.filters.published_from;
  const to = scope.filters.published_to;
  byId("filters-note").textContent = from && to && from > to ? "“Published from” is after “to”: no article can match." : "";
}

function changed() {
  save();
  showCount();
}

function sourceBox(source) {
  const box = node("input", { type: "checkbox", value: source.name });
  box.checked = chosenSources.has(source.name);
  box.addEventListener("change", () => {
    if (box.checked) chosenSources.add(source.name);
    else chosenSources.delete(source.name);
    changed();
  });
  return node("li", {}, node("label", {}, box, ` ${source.name} `,
    node("span", { class: "muted" }, `(${source.documents})`)));
}

// Fills the source checkboxes; a chosen source no longer in the corpus is let go.
async function loadSources() {
  const list = byId("filter-sources");
  let response;
  try {
    response = await api("/api/sources");
  } catch {
    byId("filters-note").textContent = "Could not load the sources: network error";
    return;
  }
  if (!response.ok) {
    byId("filters-note").textContent = `Could not load the sources: ${await errorMessage(response)}`;
    return;
  }
  const { sources } = await response.json();
  const names = new Set(sources.map((s) => s.name));
  chosenSources = new Set([...chosenSources].filter((name) => names.has(name)));
  list.replaceChildren(...sources.map(sourceBox));
  byId("filter-sources-empty").hidden = sources.length > 0;
  changed();
}

export function setupFilters() {
  load();
  for (const id of Object.values(DATES)) byId(id).addEventListener("change", changed);
  byId("filters-clear").addEventListener("click", () => {
    chosenSources.clear();
    for (const id of Object.values(DATES)) byId(id).value = "";
    byId("filter-sources").querySelectorAll("input").forEach((box) => { box.checked = false; });
    changed();
  });
  // Uploads and deletions change which sources exist.
  document.addEventListener("corpus-changed", loadSources);
  showCount();
  loadSources();
}
