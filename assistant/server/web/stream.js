// POST /api/chat and read its Server-Sent Events. fetch (not EventSource) because the
// request is a POST with a JSON body and may need the Authorization header.

import { api, errorMessage } from "./api.js";

// Calls onEvent(name, data) for each SSE frame until the stream ends.
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
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
  } catch (error) {
    // Stop the download too when a handler throws (an `error` event) or the request was aborted.
    reader.cancel().catch(() => {});
    throw error;
  }
}

// Streams one answer: onToken(text) per token, resolves with the final answer object.
// `scope` is { as_of, filters } (filters.js), sent as those two fields of the body.
// Rejects with the server's message on an HTTP or `error` event failure, and with an
// AbortError when `signal` is aborted.
export async function streamAnswer({ question, history, scope = {}, signal }, onToken) {
  const response = await api("/api/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question, history, ...scope }),
    signal,
  });
  if (!response.ok) throw new Error(await errorMessage(response));
  let final = null;
  await readEvents(response, (event, data) => {
    if (signal.aborted) return;
    if (event === "token") onToken(data.text);
    else if (event === "final") final = data;
    else if (event === "error") throw new Error(data.message);
  });
  signal.throwIfAborted();
  if (!final) throw new Error("the answer stream ended early");
  return final;
}
