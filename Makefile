# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8866
FACILITATOR_PORT ?= 8867

.PHONY: run practice test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## run: install, load the sample workshop into the default store, serve all apps
run: $(BIN)/.installed
	$(BIN)/kit demo --host $(HOST) --port $(PORT) --facilitator-port $(FACILITATOR_PORT)

## practice: install, create a fresh empty practice workshop, serve it
practice: $(BIN)/.installed
	$(BIN)/kit practice --host $(HOST) --port $(PORT) --facilitator-port $(FACILITATOR_PORT)

## test: lint and type-check, then the whole suite (unit, store, property, browser, notebooks)
## in TEST_WORKERS processes (a file's tests stay together; TEST_WORKERS=0 runs them in one)
TEST_WORKERS ?= 2
test: $(BIN)/.installed
	$(BIN)/ruff check kit tests bench sample-data
	$(BIN)/mypy --strict kit
	$(BIN)/python -m pytest tests notebooks --nbval-lax -p no:cacheprovider \
		-n $(TEST_WORKERS) --dist loadfile --durations=15

lint: $(BIN)/.installed
	$(BIN)/ruff check kit tests bench sample-data

## bench: every benchmark in bench/ and one table of ratios (about 20 minutes; QUICK=1 for less)
bench: $(BIN)/.installed
	$(BIN)/python bench/all.py $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
