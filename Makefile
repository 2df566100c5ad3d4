# The two commands of the README: `make demo` and `make test`. Everything installs from this repo.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test install lint typecheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m waarborg.demo_examples demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs/gen_docs.py
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/python docs/gen_docs.py

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs/gen_docs.py
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
