// Two DOM helpers every module uses. Text is only ever added as text nodes, never as HTML.

export const byId = (id) => document.getElementById(id);

// node("button", { class: "chip", onclick: fn }, "1") builds an element; string children
// become text nodes, so article or answer text can never inject markup.
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

// The source and published date (YYYY-MM-DD, as the API writes it) of a citation or document.
export function citationMeta(citation) {
  return [citation.source, citation.published].filter(Boolean).join(" · ");
}
