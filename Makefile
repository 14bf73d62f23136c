# Every target sets up what it needs: a fresh clone runs `make extract` or `make test` directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PDFS := $(wildcard samples/*.pdf)

.PHONY: extract test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/workplan extract $(PDFS) --out outputs

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) outputs/*/ outputs/csv

bench: $(STAMP)
	$(BIN)/python -m workplan.bench
