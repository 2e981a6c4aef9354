"""`source:cnn since:2024-03-01 until:2024-03-31 as_of:2024-04-01` in a Slack question: the
request scope, taken out of the question text.

Tokens may stand anywhere in the text; keys are read in any case. `source` may repeat and takes
comma-separated names (`source:cnn,bbc`); a name with spaces is quoted (`source:"River Times"`,
also with the curly quotes phones type). `as_of` is also written `as-of` or `asof`. Sentence
punctuation right after an unquoted value (`until:2024-03-31?`) is not part of it. A link Slack
made of a host name (`<http://cnn.com|cnn.com>`) counts as the text shown; a quote left open is
read up to the next space.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.errors import InputError
from assistant.schema import Filters, Scope, parse_day

_TOKEN = re.compile(
    r"(?<!\S)(?P<key>source|since|until|as_of|as-of|asof):"
    r"(?:\"(?P<straight>[^\"]*)\"|“(?P<curly>[^”]*)”|(?P<bare>\S+))",
    re.IGNORECASE,
)
_TRAILING = ".,;?!"
_SLACK_LINK = re.compile(r"^<(?:[a-z]+://)?(?P<target>[^|>]*)(?:\|(?P<label>[^>]*))?>$")
_KEYS = {
    "source": "source",
    "since": "since",
    "until": "until",
    "as_of": "as_of",
    "as-of": "as_of",
    "asof": "as_of",
}


def split_scope(text: str) -> tuple[str, Scope]:
    """The question without its scope tokens, and the scope they name; InputError for a value
    that is not a date, or a date key given twice."""
    sources: list[str] = []
    days: dict[str, date] = {}
    for token in _TOKEN.finditer(text):
        key = _KEYS[token["key"].lower()]
        value = _value(token)
        if key == "source":
            sources += [name.strip() for name in value.split(",") if name.strip()]
        elif key in days:
            raise InputError(f"{key} is given twice")
        else:
            days[key] = _day(key, value)
    scope = Scope(
        as_of=days.get("as_of"),
        filters=Filters(
            sources=sources,
            published_from=days.get("since"),
            published_to=days.get("until"),
        ),
    )
    return strip_tokens(text), scope


def scope_tokens(text: str) -> str:
    """Only the scope tokens of the text, as written."""
    return " ".join(token.group(0) for token in _TOKEN.finditer(text))


def strip_tokens(text: str) -> str:
    """The text without scope tokens, whitespace collapsed; never fails."""
    return " ".join(_TOKEN.sub(" ", text).split())


def _value(token: re.Match[str]) -> str:
    quoted = token["straight"] if token["straight"] is not None else token["curly"]
    value = quoted if quoted is not None else token["bare"].rstrip(_TRAILING).strip('"“”')
    link = _SLACK_LINK.match(value)
    if link is not None:
        value = link["label"] if link["label"] is not None else link["target"]
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def _day(key: str, value: str) -> date:
    try:
        return parse_day(value)
    except ValueError:
        raise InputError(f"{key}:{value} is not a date; write it as YYYY-MM-DD") from None
