// HTTP helpers: the optional bearer token (kept in localStorage) and fetch with one retry
// after the token dialog when the server answers 401.

const TOKEN_KEY = "article-assistant.token";

export function authHeaders() {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

let tokenAsked = null;

// Shows the token dialog; resolves true when the user saved a token. Requests refused at the
// same time (the sources list and a question, say) share the one dialog.
export function askForToken() {
  tokenAsked ??= new Promise((resolve) => {
    const dialog = document.getElementById("token-dialog");
    dialog.addEventListener("close", () => {
      const value = document.getElementById("token-input").value.trim();
      if (value) localStorage.setItem(TOKEN_KEY, value);
      tokenAsked = null;
      resolve(Boolean(value));
    }, { once: true });
    dialog.showModal();
  });
  return tokenAsked;
}

// fetch with the token; options pass through (an AbortSignal included).
export async function api(path, options = {}, retry = true) {
  const response = await fetch(path, {
    ...options,
    headers: { ...(options.headers || {}), ...authHeaders() },
  });
  if (response.status === 401 && retry && (await askForToken())) {
    return api(path, options, false);
  }
  return response;
}

// The server's error envelope is {"error": {"message": ...}}; anything else gets the status.
export async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error?.message || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}
