"""The HTTP surface: JSON API, Server-Sent Events, an OpenAI-compatible endpoint and the web UI."""
