// Uploading articles: XMLHttpRequest rather than fetch because only XHR reports upload progress.

import { askForToken, authHeaders } from "./api.js";

const byId = (id) => document.getElementById(id);

function summary(body) {
  const parts = [
    `added ${body.added.length}`, `updated ${body.updated.length}`,
    `unchanged ${body.unchanged.length}`, `skipped ${body.skipped.length}`,
  ];
  const reasons = body.skipped.map((s) => `${s.file}: ${s.reason}`).join("; ");
  return `Indexed — ${parts.join(" · ")}${reasons ? ` (${reasons})` : ""}`;
}

function upload(files, retry = true) {
  const data = new FormData();
  files.forEach((file) => data.append("files", file, file.name));
  const progress = byId("upload-progress");
  const text = byId("upload-text");
  byId("upload-status").hidden = false;
  progress.value = 0;
  text.textContent = `Uploading ${files.length} file${files.length > 1 ? "s" : ""}…`;
  const request = new XMLHttpRequest();
  request.open("POST", "/api/documents");
  for (const [key, value] of Object.entries(authHeaders())) request.setRequestHeader(key, value);
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
  });
  // The bytes are sent; the server now extracts, chunks and embeds them.
  request.upload.addEventListener("load", () => { text.textContent = "Indexing…"; });
  request.addEventListener("load", async () => {
    progress.value = 100;
    if (request.status === 401 && retry && (await askForToken())) return upload(files, false);
    let body = {};
    try { body = JSON.parse(request.responseText); } catch { /* not JSON */ }
    if (request.status !== 200) {
      text.textContent = `Upload failed: ${body.error?.message || `HTTP ${request.status}`}`;
      return;
    }
    text.textContent = summary(body);
    // The library and the source filters list what is in the corpus now.
    document.dispatchEvent(new CustomEvent("corpus-changed", { detail: { from: "upload" } }));
  });
  request.addEventListener("error", () => { text.textContent = "Upload failed: network error"; });
  request.send(data);
}

export function setupUpload() {
  const input = byId("upload-input");
  // The label acts as the button; keyboard users open the file picker with Enter or Space.
  byId("upload-label").addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      input.click();
    }
  });
  input.addEventListener("change", () => {
    const files = [...input.files];
    if (files.length) upload(files);
    input.value = "";  // so choosing the same file again fires `change` again
  });
}
