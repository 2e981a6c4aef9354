"""Optional LLM-judged metrics for `assistant eval --judge`: advisory, never part of the gate."""
