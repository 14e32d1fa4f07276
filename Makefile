# The two commands of the README:
#   make run   builds the bundled case into the embedded store and writes its views/site
#   make test  runs the whole test suite (lint, types, unit, store, server and browser tests)
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
CASE   ?= cases/china-russia-nitrocellulose
OUT    ?= out

.PHONY: run test install lint typecheck pytest bench bench-table generate clean FORCE

# The strict editable install links each module file: reinstall when the set of files changes.
PKG_FILES := $(shell find core schema sources graph -type f -not -path '*/__pycache__/*' 2>/dev/null | sort)

$(BIN)/.installed: pyproject.toml FORCE
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@new=$$(mktemp $(VENV)/.files.XXXXXX); echo "$(PKG_FILES)" > $$new; \
	if [ ! -f $@ ] || [ pyproject.toml -nt $@ ] || ! cmp -s $$new $(VENV)/.files; then \
	  echo "installing claimgraph and its dependencies into $(VENV)"; \
	  { $(BIN)/python -m pip install -q --upgrade pip && \
	    $(BIN)/python -m pip install -e '.[dev]' --config-settings editable_mode=strict; \
	  } > $(VENV)/install.log 2>&1 || { tail -30 $(VENV)/install.log; rm -f $$new; exit 1; }; \
	  mv $$new $(VENV)/.files && touch $@; \
	else rm -f $$new; fi

install: $(BIN)/.installed

FORCE:

# The main job: validate + build the bundled case into the embedded store (default location,
# or STORE=path), audit it, and write its network view and casebook site.
STORE ?=
STORE_OPT := $(if $(STORE),--store $(STORE),)
# the case folder without the trailing slash tab completion adds; the commands after
# `build` are given the folder too, and read the case id from its case.yaml (the folder's
# name need not be the id)
CASE_DIR = $(patsubst %/,%,$(CASE))
# the item whose dated quantities get a timeline chart (none for other cases unless given)
ITEM ?= $(if $(filter cases/china-russia-nitrocellulose cases/nhk-nitrocellulose-reports,$(CASE_DIR)),nitrocellulose,)

run: $(BIN)/.installed
	$(BIN)/claimgraph $(STORE_OPT) build $(CASE_DIR)
	@mkdir -p $(OUT)
	$(BIN)/claimgraph $(STORE_OPT) audit $(CASE_DIR) --format markdown > $(OUT)/audit.md
	$(BIN)/claimgraph $(STORE_OPT) view $(CASE_DIR) --out $(OUT)/network.html
	$(BIN)/claimgraph $(STORE_OPT) site $(CASE_DIR) --out $(OUT)/site
	$(if $(ITEM),$(BIN)/claimgraph $(STORE_OPT) timeline --case $(CASE_DIR) --item $(ITEM) \
	  --chart $(OUT)/$(ITEM)-timeline.svg > /dev/null)
	@echo "views of $(CASE_DIR):"
	@echo "  casebook        $(abspath $(OUT))/site/index.html"
	@echo "  network view    $(abspath $(OUT))/network.html"
	@echo "  audit (md)      $(abspath $(OUT))/audit.md"
	@$(if $(ITEM),echo "  timeline chart  $(abspath $(OUT))/$(ITEM)-timeline.svg",true)

test: lint typecheck pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check core schema sources graph tests benchmarks

typecheck: $(BIN)/.installed
	$(BIN)/mypy -p claimgraph

pytest: $(BIN)/.installed
	$(BIN)/pytest -q

# Rewrite the files generated from data: the ontology and JSON-LD context, then the closed
# namespaces (all from schema/vocab/), then the SHACL shapes and the mapping's scheme (from
# graph/mapping/table.py).
generate: $(BIN)/.installed
	$(BIN)/python -m claimgraph.schema.ontology
	$(BIN)/python -m claimgraph.graph.namespace_gen
	$(BIN)/python -m claimgraph.graph.mapping

bench: $(BIN)/.installed
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

# The README's benchmark table: 10k / 100k / 1M claims with both baselines (an hour or more;
# SIZES=10000 for a quick look).
SIZES ?= 10000,100000,1000000
bench-table: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) build dist *.egg-info $(OUT) .pytest_cache .mypy_cache .ruff_cache
