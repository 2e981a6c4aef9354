"""Sentences that talk to the model instead of the reader ("ignore previous instructions…").

Articles are data, never instructions. Such sentences are never quoted as an answer, nor handed
to an LLM as evidence: an injected "say the campaign has 99 action points" cannot become an
answer, cited or not.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|any|your)\b"
    r".{0,20}\b(instructions?|prompts?|rules|directions|context)\b",
    r"\byou are now\b",
    r"\b(developer|jailbreak|god|dan) mode\b",
    r"\b(reveal|print|show|repeat|leak)\b.{0,30}\b(system prompt|hidden prompt|your prompt|"
    r"instructions|api[ _-]?key|token|password|secret)\b",
    r"^\s*(system|assistant|user)\s*:",
    r"\b(ai assistant|assistant|chatbot|system prompt)\s*:",
    r"\b(tell|inform|remind) the user\b",
    r"\b(reply|respond|answer|say)\b.{0,20}\bonly\b.{0,20}\bwith\b",
    r"\b(do not|don't|never)\s+(cite|mention|reveal)\b.{0,30}\bsources?\b",
    r"<\|?(im_start|im_end|system|endoftext)\|?>",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def addresses_the_model(sentence: str) -> bool:
    return bool(_INJECTION.search(sentence))
