# Two commands for a fresh machine with Python 3.10+:  `make lab`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: lab test lint benchmark clean

# The virtual environment is rebuilt only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[dev]"
	touch $@

lab: $(VENV)/.installed  ## open the series in JupyterLab at the first notebook
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(VENV)/.installed  ## the unit tests, every notebook under nbval, and the browser test
	$(BIN)/python -m pytest --durations=15

lint: $(VENV)/.installed
	$(BIN)/ruff check nn_helpers tests benchmarks

benchmark: $(VENV)/.installed  ## speed of the training core (not part of `make test`)
	$(BIN)/python benchmarks/train_speed.py

clean:
	rm -rf $(VENV) *.egg-info
