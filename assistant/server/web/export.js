// "Export as Markdown": the open conversation as a .md file (every question, its answer, the
// answer's citations: number, title, source, date and quote, and its 👍/👎 when it was rated),
// downloaded through a Blob.

import { ratingText } from "./feedback.js";
import { describeScope } from "./filters.js";

// Block quote lines; a quote's own line breaks stay inside the quote.
const quoted = (text) => text.split("\n").map((line) => `> ${line}`.trimEnd()).join("\n");

function citationLines(citation) {
  const meta = [citation.source, citation.published].filter(Boolean).join(", ");
  return [
    `${citation.n}. **${citation.title}**${meta ? ` — ${meta}` : ""}`,
    "",
    quoted(citation.quote).replace(/^/gm, "   "),
  ].join("\n");
}

export function conversationMarkdown(conversation) {
  const out = [`# ${conversation.title}`, ""];
  let turn = 0;
  conversation.messages.forEach((message) => {
    if (message.role === "user") {
      turn += 1;
      out.push(`## ${turn}. ${message.content.replace(/\s*\n\s*/g, " ")}`, "");
      const scope = describeScope(message.scope);
      if (scope) out.push(`_Filters: ${scope}_`, "");
      return;
    }
    if (!message.answer && !message.error) return;  // still streaming
    if (message.answer?.abstained) out.push("_Not found in the corpus._", "");
    if (message.content) out.push(message.content, "");
    if (message.error) out.push(`_Error: ${message.error}_`, "");
    const citations = message.answer?.citations || [];
    if (citations.length) out.push("**Sources**", "", ...citations.map(citationLines).join("\n\n").split("\n"), "");
    const rating = ratingText(message);
    if (rating) out.push(`_Rated ${rating}_`, "");
  });
  if (!turn) out.push("_No questions yet._", "");
  return out.join("\n");
}

function fileName(title) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug || "conversation"}.md`;
}

export function downloadMarkdown(conversation) {
  const blob = new Blob([conversationMarkdown(conversation)], { type: "text/markdown;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName(conversation.title);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
