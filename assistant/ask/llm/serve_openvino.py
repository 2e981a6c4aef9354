"""The local model's server process on OpenVINO GenAI: the same GGUF, the same OpenAI-compatible
`/v1/chat/completions` (streamed or not) and `/health` as the llama.cpp server, so the rest of
the assistant cannot tell them apart.

Run by `LocalServer` as `python -m assistant.ask.llm.serve_openvino --model FILE`. It binds to
loopback on a free port, prints `listening <url>` once the model is loaded, answers one request
at a time (the pipeline is not re-entrant) and exits on SIGTERM or when its parent goes away.
Temperature 0 is greedy decoding, as the llama.cpp server does it.

Prompt-lookup decoding is on: the model checks, in one pass, the tokens that followed its last
few words in the prompt, which is what an answer quoting its sources writes next. On 40 RealTime
QA questions it took the median answer from 6.1 to 5.7 s with 38 of 40 answers identical and the
same pass rate (docs/llm-answers.md).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from assistant.ask.llm.server_process import (
    report_listening,
    server_arguments,
    wait_until_unwanted,
)

LOOKUP_TOKENS = 5  # tokens proposed from the prompt per step
LOOKUP_NGRAM = 3  # longest run of the answer's last tokens looked up in the prompt


class Model:
    def __init__(self, path: str, threads: int) -> None:
        import openvino_genai  # type: ignore[import-untyped,import-not-found,unused-ignore]

        self._genai = openvino_genai
        config = {"INFERENCE_NUM_THREADS": threads} if threads else {}
        self._pipe = openvino_genai.LLMPipeline(path, "CPU", prompt_lookup=True, **config)
        self._tokenizer = self._pipe.get_tokenizer()
        self._lock = threading.Lock()

    def generate(
        self, messages: list[dict[str, str]], max_tokens: int, on_text: Any
    ) -> tuple[int, int]:
        """Streams text pieces to `on_text`; returns (prompt tokens, completion tokens)."""
        prompt = self._tokenizer.apply_chat_template(messages, add_generation_prompt=True)
        config = self._genai.GenerationConfig()
        config.max_new_tokens = max_tokens
        config.do_sample = False
        config.apply_chat_template = False
        config.num_assistant_tokens = LOOKUP_TOKENS
        config.max_ngram_size = LOOKUP_NGRAM
        pieces: list[str] = []

        def streamer(text: str) -> Any:
            pieces.append(text)
            on_text(text)
            return self._genai.StreamingStatus.RUNNING

        with self._lock:
            self._pipe.generate(prompt, config, streamer)
        return self._count(prompt), self._count("".join(pieces))

    def _count(self, text: str) -> int:
        return int(self._tokenizer.encode(text).input_ids.get_shape()[-1]) if text else 0


def handler(model: Model, alias: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._json(200 if self.path == "/health" else 404, {"status": "ok"})

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(404, {"error": {"message": "not found"}})
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            messages = [{"role": m["role"], "content": _text(m)} for m in body["messages"]]
            max_tokens = int(body.get("max_tokens") or 512)
            reply = _Reply(alias)
            if body.get("stream"):
                self._stream(model, messages, max_tokens, reply)
                return
            texts: list[str] = []
            usage = model.generate(messages, max_tokens, texts.append)
            self._json(200, reply.completion("".join(texts), usage))

        def _stream(
            self, model: Model, messages: list[dict[str, str]], max_tokens: int, reply: _Reply
        ) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._event(reply.chunk({"role": "assistant", "content": ""}))
            usage = model.generate(
                messages, max_tokens, lambda text: self._event(reply.chunk({"content": text}))
            )
            self._event(reply.chunk({}, finish="stop"))
            self._event(reply.usage_chunk(usage))
            self._send(b"data: [DONE]\n\n")
            self._send(b"")

        def _event(self, payload: dict[str, Any]) -> None:
            self._send(f"data: {json.dumps(payload)}\n\n".encode())

        def _send(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: Any) -> None:  # quiet: the assistant logs its requests
            return

    return Handler


class _Reply:
    """The OpenAI response shapes of one completion."""

    def __init__(self, alias: str) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        self.created = int(time.time())
        self.alias = alias

    def chunk(self, delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
        return self._shape(
            "chat.completion.chunk", [{"index": 0, "delta": delta, "finish_reason": finish}]
        )

    def usage_chunk(self, usage: tuple[int, int]) -> dict[str, Any]:
        return {**self._shape("chat.completion.chunk", []), "usage": _usage(usage)}

    def completion(self, text: str, usage: tuple[int, int]) -> dict[str, Any]:
        message = {"role": "assistant", "content": text}
        choices = [{"index": 0, "message": message, "finish_reason": "stop"}]
        return {**self._shape("chat.completion", choices), "usage": _usage(usage)}

    def _shape(self, kind: str, choices: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": self.id, "object": kind, "created": self.created, "model": self.alias,
            "choices": choices,
        }  # fmt: skip


def _usage(usage: tuple[int, int]) -> dict[str, int]:
    prompt, completion = usage
    return {
        "prompt_tokens": prompt, "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }  # fmt: skip


def _text(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if p.get("type") == "text")
    return str(content)


def main(argv: Sequence[str] | None = None) -> None:
    args = server_arguments("Serve a GGUF model on loopback (OpenVINO GenAI).", argv)
    model = Model(args.model, args.threads)  # --context: OpenVINO sizes its cache itself
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(model, args.alias))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report_listening(f"http://127.0.0.1:{server.server_address[1]}")
    wait_until_unwanted()
    server.shutdown()


if __name__ == "__main__":
    main()
