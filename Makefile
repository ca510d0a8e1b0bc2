# pubdedup: `make demo` and `make test` work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check install clean bench-accuracy

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/pubdedup merge examples/*.txt -o examples/merged.bib
	$(BIN)/pubdedup merge examples/*.txt --format json -o examples/merged.json
	@echo "wrote examples/merged.bib and examples/merged.json"

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/ruff check pubdedup tests

bench-accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py --write

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
