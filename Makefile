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

EXAMPLES := examples/kvgo.yaml examples/ksf.yaml examples/vck.yaml examples/kwalipro.yaml examples/infogroen.yaml

demo: $(STAMP)
	$(BIN)/waarborg demo build demo/workspace --persons 5000 --force
	$(BIN)/waarborg publish $(EXAMPLES) demo/workspace/waarborg.yaml -o demo/published || test $$? -eq 1  # 1: the seeds' real check findings
	@echo
	@echo "Written:"
	@echo "  demo/published/<organisation>/  statements (nl/en; html, md, pdf), Art. 30 register (xlsx, csv, json),"
	@echo "                                  check report and Art. 13/14 coverage for the five seed organisations"
	@echo "  demo/workspace/                 the demo register bound to two SQLite databases of 5,000 synthetic people"
	@echo
	@echo "Try it:"
	@echo "  . $(BIN)/activate && cd demo/workspace     # the database URLs are read from .env there"
	@echo "  waarborg check waarborg.yaml               # rules + live verification of the bindings"
	@echo "  waarborg sweep --dry-run                   # what the retention periods make due today"
	@email=$$($(BIN)/python -c "import sqlite3; print(sqlite3.connect('demo/workspace/crm.sqlite').execute('select email from persons limit 1').fetchone()[0])"); \
	  echo "  waarborg request access --identity email=$$email --output access"
	@echo "  waarborg analyze ../../tests/data/statements/seed_vck.txt --format html -o vck-report.html"

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
