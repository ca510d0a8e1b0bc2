# pubdedup: `make demo` and `make test` work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check install clean bench-accuracy bench-compare-env bench-scale bench-pathological fuzz

FUZZ_SECONDS ?= 600
FUZZ_TARGET  ?= page

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

# Lint and check the formatting of the code, tests and benchmarks, then type-check the package
# (mypy's settings: [tool.mypy] in pyproject.toml).
check: $(STAMP)
	$(BIN)/ruff check pubdedup tests bench fuzz
	$(BIN)/ruff format --check pubdedup tests bench fuzz
	$(BIN)/mypy

bench-accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py --write

# Each field on long runs of one character (spaces, `(`, digits, ...): fails if a record is slow.
bench-pathological: $(STAMP)
	$(BIN)/python bench/pathological.py

# Speed, memory and accuracy at 10k-1M records, next to bib-dedupe and splink, which live in a
# venv of their own (bench/.venv-compare) so that they never become pubdedup's dependencies.
COMPARE := bench/.venv-compare
$(COMPARE)/.installed:
	$(PYTHON) -m venv $(COMPARE)
	$(COMPARE)/bin/python -m pip install --quiet bib-dedupe splink duckdb
	touch $@

bench-compare-env: $(COMPARE)/.installed

bench-scale: $(STAMP) $(COMPARE)/.installed
	$(BIN)/python bench/scale.py --compare --write

# Fuzz a reader (FUZZ_TARGET=page or bibtex) for FUZZ_SECONDS; prints the number of inputs tried.
fuzz: $(STAMP)
	@$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[fuzz]' \
	  || { echo "make fuzz: cannot install atheris. Without a wheel for this platform pip builds it," \
	            "which needs clang and libFuzzer (Debian: apt-get install -y clang)." >&2; exit 1; }
	fuzz/run.sh $(FUZZ_TARGET) $(FUZZ_SECONDS) $(BIN)/python

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
