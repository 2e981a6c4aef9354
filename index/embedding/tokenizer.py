"""The MiniLM WordPiece tokenizer (`tokenizer.json`, Apache-2.0, from
sentence-transformers/all-MiniLM-L6-v2), committed beside this module: no download."""

from __future__ import annotations

from pathlib import Path

from tokenizers import Tokenizer

from index.tokens import ModelLimits

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
TOKENIZER_PATH = Path(__file__).with_name("tokenizer.json")


def load_tokenizer(*, for_model: bool) -> Tokenizer:
    """The MiniLM WordPiece tokenizer; `for_model` adds truncation and dynamic padding."""
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    if for_model:
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    else:
        tokenizer.no_truncation()
        tokenizer.no_padding()
    return tokenizer


def model_limits(tokenizer: Tokenizer) -> ModelLimits:
    """What the tokenizer adds to every text, for callers that bring their own tokens."""
    return ModelLimits(
        max_tokens=MAX_TOKENS,
        cls=int(tokenizer.token_to_id("[CLS]") or 0),
        sep=int(tokenizer.token_to_id("[SEP]") or 0),
    )
