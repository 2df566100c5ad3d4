# The two commands of the README: `make demo` and `make test`. Everything installs from this repo.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
PRODUCT_STAMP := $(VENV)/.installed-product

.PHONY: demo test install lint typecheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# `make demo` installs only what the product needs; the test tools come with `make test`.
$(PRODUCT_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(PRODUCT_STAMP)

EXAMPLES := examples/kvgo.yaml examples/ksf.yaml examples/vck.yaml examples/kwalipro.yaml examples/infogroen.yaml

demo: $(PRODUCT_STAMP)
	rm -rf demo/workspace/.waarborg   # the demo's own state belongs to the data it replaces
	$(BIN)/waarborg demo build demo/workspace --persons 5000 --force
	$(BIN)/waarborg publish $(EXAMPLES) demo/workspace/waarborg.yaml -o demo/published || test $$? -eq 1  # 1: the seeds' real check findings
	@echo
	@echo "Written:"
	@echo "  demo/published/<organisation>/  statements (nl/en; html, md, pdf), Art. 30 register (xlsx, csv, json),"
	@echo "                                  check report and Art. 13/14 coverage for the five seed organisations"
	@echo "  demo/workspace/                 the demo register bound to two SQLite databases of 5,000 synthetic people,"
	@echo "                                  with a lived-in office (staff of every role, open requests, a breach on its clock)"
	@echo
	@echo "Privacy office:  http://127.0.0.1:8000/office/   (demo accounts and passwords: docs/office.md)"
	@echo "Public centre:   http://127.0.0.1:8000/"
	@echo "Stop with Ctrl-C. The CLI works on the same workspace: . $(BIN)/activate && cd demo/workspace"
	@echo
	@$(BIN)/waarborg demo office demo/workspace
	@echo
	$(BIN)/waarborg serve --register demo/workspace/waarborg.yaml --host 127.0.0.1 --port 8000

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
