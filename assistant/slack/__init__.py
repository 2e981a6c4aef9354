"""The Slack bot: mentions, DMs, threads and /ask, answered by the same engine as the web UI."""
