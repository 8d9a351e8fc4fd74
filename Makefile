# corpus_tools: `make run` builds the corpus and the HTML report, `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS_DIR ?= seeds
REPORT_DIR ?= build/report
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# Same results on any machine: one BLAS thread, fixed hash seed.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYTHONHASHSEED := 0

.PHONY: install run test lint lab bench clean

install: $(VENV)/.compiled

# The package and its dependencies; the modules are compiled by the next step.
$(VENV)/.installed: pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	CORPUS_TOOLS_COMPILE=0 $(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

# Compile the loader's modules with Cython, in place, and again after an edit
# (only changed modules are rebuilt; without a C compiler they stay Python).
$(VENV)/.compiled: $(VENV)/.installed $(wildcard corpus_tools/*.py)
	$(BIN)/python setup.py -q build_ext --inplace -j 2
	touch $@

run: install
	$(BIN)/corpus-tools build $(CORPUS_DIR) -o build/corpus
	mkdir -p $(REPORT_DIR)
	for nb in $(NOTEBOOKS); do \
	  CORPUS_DIR="$(abspath $(CORPUS_DIR))" $(BIN)/jupyter nbconvert --to html --execute \
	    --ExecutePreprocessor.timeout=600 --output-dir "$(REPORT_DIR)" "$$nb" || exit 1; \
	done
	@$(BIN)/python -c "import sys, pathlib, html; d = pathlib.Path(sys.argv[1]); items = ''.join(f'<li><a href=\"{p.name}\">{html.escape(p.stem)}</a></li>' for p in sorted(d.glob('0*.html'))); (d / 'index.html').write_text(f'<!doctype html><title>corpus_tools report</title><h1>corpus_tools report</h1><p>Corpus: {html.escape(sys.argv[2])}</p><ul>{items}</ul>')" "$(REPORT_DIR)" "$(abspath $(CORPUS_DIR))"
	@echo "Corpus tables: $(abspath build/corpus)/{docs,lines,files}.parquet"
	@echo "Report:        $(abspath $(REPORT_DIR))/index.html"

lint: install
	$(BIN)/ruff check setup.py corpus_tools tests bench

test: lint
	$(BIN)/python -m pytest tests
	CORPUS_TOOLS_PURE=1 $(BIN)/python -m pytest --doctest-modules corpus_tools
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg -p no:randomly notebooks

lab: install
	$(BIN)/jupyter lab notebooks

bench: install
	$(BIN)/python -m pip install -q -e ".[bench]"
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf build .pytest_cache .hypothesis corpus_tools/*.c corpus_tools/*.so corpus_tools/_native.json $(VENV)/.compiled
