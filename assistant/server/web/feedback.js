// 👍 / 👎 on a finished answer, sent to POST /api/feedback with the answer's answer_id. 👍 is
// sent at once; 👎 opens a small form (what was wrong, a comment, the correct answer). Once the
// server stored it, the message keeps { rating, reason } under `feedback` and is saved with its
// conversation, so a reload shows the answer as rated and does not offer to rate it again.

import { api, errorMessage } from "./api.js";
import { saveConversationOf } from "./conversations.js";
import { node } from "./dom.js";

const SAVED = "Thanks — feedback saved";
const MAX_CHARS = "2000";  // the server's limit on a comment and on a correct answer
const REASONS = [
  ["wrong_answer", "Wrong answer"],
  ["wrong_source", "Wrong source"],
  ["should_abstain", "Should have said not found"],
  ["other", "Other"],
];
const LABELS = { up: "Good answer", down: "Bad answer" };

let forms = 0;  // numbers each form's ids apart

export function answerIdOf(message) {
  return message.answer_id || message.answer?.answer_id || null;
}

// The rating buttons and the 👎 form for one answer: { buttons, form } to place in its message,
// or null when the answer cannot be rated (no answer_id: an error, or saved by an older version).
export function feedbackControls(message) {
  const answerId = answerIdOf(message);
  if (!answerId) return null;
  const id = `feedback-${++forms}`;
  const status = node("span", { class: "feedback-status muted", role: "status", tabindex: "-1" });
  // Not `.error`: that class marks a failed answer (and the tests find failed answers by it).
  const error = node("p", { class: "feedback-error", role: "alert" });
  const up = node("button", {
    type: "button", class: "rate", "data-rating": "up", "aria-pressed": "false",
    "aria-label": LABELS.up, title: LABELS.up,
  }, "👍");
  const down = node("button", {
    type: "button", class: "rate", "data-rating": "down", "aria-pressed": "false",
    "aria-label": LABELS.down, title: LABELS.down, "aria-expanded": "false", "aria-controls": id,
  }, "👎");
  const form = reasonForm(id);
  const controls = { message, answerId, up, down, form, status, error };

  up.addEventListener("click", () => send(controls, { rating: "up" }));
  down.addEventListener("click", () => (form.hidden ? openForm(controls) : closeForm(controls)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(controls, downRating(form));
  });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    closeForm(controls);
  });
  form.querySelector(".feedback-cancel").addEventListener("click", () => closeForm(controls));

  if (message.feedback) showRated(controls, message.feedback.rating);
  const buttons = node("span", { class: "feedback", role: "group", "aria-label": "Rate this answer" },
    up, down, status);
  return { buttons, form: node("div", { class: "feedback-area" }, form, error) };
}

function reasonForm(id) {
  const radios = REASONS.map(([value, label], i) => node("label", { class: "feedback-reason" },
    node("input", {
      type: "radio", name: `${id}-reason`, value, ...(i === 0 ? { checked: "" } : {}),
    }),
    ` ${label}`));
  return node("form", { id, class: "feedback-form", hidden: "", "aria-label": "What was wrong with this answer" },
    node("fieldset", {}, node("legend", {}, "What was wrong?"), ...radios),
    node("label", { for: `${id}-comment` }, "Comment (optional)"),
    node("textarea", { id: `${id}-comment`, name: "comment", rows: "2", maxlength: MAX_CHARS }),
    node("label", { for: `${id}-correct` }, "Correct answer (optional)"),
    node("textarea", { id: `${id}-correct`, name: "correct_answer", rows: "2", maxlength: MAX_CHARS }),
    node("div", { class: "feedback-actions" },
      node("button", { type: "submit", class: "feedback-send" }, "Send"),
      node("button", { type: "button", class: "feedback-cancel" }, "Cancel")));
}

// The 👎 the form describes: its reason, and the comment and correct answer when given.
function downRating(form) {
  const body = { rating: "down", reason: form.querySelector("input[type=radio]:checked")?.value || "other" };
  for (const name of ["comment", "correct_answer"]) {
    const value = form.elements[name].value.trim();
    if (value) body[name] = value;
  }
  return body;
}

function openForm({ down, form, error }) {
  error.textContent = "";
  form.hidden = false;
  down.setAttribute("aria-expanded", "true");
  form.querySelector("input[type=radio]:checked")?.focus();
}

function closeForm({ down, form }) {
  form.hidden = true;
  down.setAttribute("aria-expanded", "false");
  down.focus();
}

function setBusy({ up, down, form }, busy) {
  up.disabled = busy;
  down.disabled = busy;
  form.querySelectorAll("button").forEach((button) => { button.disabled = busy; });
}

async function send(controls, rating) {
  const { message, answerId, form, status, error } = controls;
  if (message.feedback) return;
  error.textContent = "";
  status.textContent = "Sending…";
  setBusy(controls, true);
  try {
    const response = await api("/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        answer_id: answerId, feedback_id: feedbackKey(message), ...rating, client: "ui",
      }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
  } catch (failure) {
    status.textContent = "";
    error.textContent = `Feedback not saved: ${failure.message}`;
    setBusy(controls, false);
    return;
  }
  message.feedback = { rating: rating.rating, ...(rating.reason ? { reason: rating.reason } : {}) };
  saveConversationOf(message);
  form.hidden = true;
  showRated(controls, rating.rating);
  status.focus();
}

// One id per answer's feedback, kept with the conversation: a retry after a lost response
// (or a second click from a redrawn answer) stores nothing new on the server.
function feedbackKey(message) {
  if (!message.feedbackKey) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    message.feedbackKey = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    saveConversationOf(message);
  }
  return message.feedbackKey;
}

function showRated(controls, rating) {
  const { up, down, status } = controls;
  setBusy(controls, true);
  up.setAttribute("aria-pressed", String(rating === "up"));
  down.setAttribute("aria-pressed", String(rating === "down"));
  down.setAttribute("aria-expanded", "false");
  status.textContent = SAVED;
}

// "👍" or "👎 (wrong answer)" for the Markdown export; "" when the answer was not rated.
export function ratingText(message) {
  const feedback = message.feedback;
  if (!feedback) return "";
  const reason = REASONS.find(([value]) => value === feedback.reason)?.[1];
  const mark = feedback.rating === "up" ? "👍" : "👎";
  return reason ? `${mark} (${reason.toLowerCase()})` : mark;
}
