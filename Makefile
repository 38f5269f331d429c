# Two commands for a fresh machine with Python 3.10+:  `make lab`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Extras and extra pip arguments for the install; CI adds PyTorch:
#   make install EXTRAS=dev,torch PIP_EXTRA=torch==2.13.0
EXTRAS    ?= dev
PIP_EXTRA ?=
# More options for JupyterLab, e.g.  make lab LAB_FLAGS="--port=9000 --no-browser"
LAB_FLAGS ?=
NOTEBOOKS ?= notebooks/*.ipynb

# JupyterLab refuses to start as root (containers, many cloud machines) unless told it may.
ifeq ($(shell id -u 2>/dev/null),0)
ROOT_FLAG := --allow-root
endif

.PHONY: install lab test execute lint benchmark check-python clean site site-check student slides

# The virtual environment is rebuilt only when pyproject.toml changes. The Jupyter config
# copied into it makes kernels encrypt their traffic (CurveZMQ), which also silences the
# kernel's warning about plain TCP.
$(VENV)/.installed: pyproject.toml jupyter_config.json
	@$(MAKE) --no-print-directory check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[$(EXTRAS)]" $(PIP_EXTRA)
	mkdir -p $(VENV)/etc/jupyter
	cp jupyter_config.json $(VENV)/etc/jupyter/jupyter_config.json
	touch $@

install: $(VENV)/.installed  ## create .venv and install the series and its test tools

# Before anything is installed: a Python that is new enough and can make virtual environments.
check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { \
	  echo "make: this needs Python 3.10 or newer as '$(PYTHON)'; found: $$($(PYTHON) --version 2>&1)."; \
	  echo "      Install it, or name one that is:  make lab PYTHON=python3.12"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "make: '$(PYTHON)' cannot create virtual environments (its venv/ensurepip module is missing)."; \
	  echo "      On Debian or Ubuntu:  sudo apt install python3-venv   then run make again."; exit 1; }

lab: $(VENV)/.installed  ## open the series in JupyterLab at the first notebook
ifdef ROOT_FLAG
	@echo "make: running as root, so JupyterLab is started with --allow-root"
endif
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_FLAGS) notebooks/00_start_here.ipynb

test: $(VENV)/.installed  ## the unit tests, every notebook under nbval, and the browser test
	$(BIN)/python -m pytest --durations=15

execute: $(VENV)/.installed  ## re-run notebooks in place, top to bottom: make execute NOTEBOOKS=notebooks/07_mnist.ipynb
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=300 $(NOTEBOOKS)

lint: $(VENV)/.installed
	$(BIN)/ruff check nn_helpers tests benchmarks tools conftest.py

# The static website (site/): its own environment, so Sphinx never changes the series' own.
SITE_VENV ?= .venv-site
$(SITE_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --upgrade pip
	$(SITE_VENV)/bin/python -m pip install ".[site]"
	touch $@

site/node_modules/.installed: site/package.json site/package-lock.json
	cd site && npm ci --no-audit --no-fund
	touch $@

site: $(SITE_VENV)/.installed site/node_modules/.installed  ## the website, offline, from the committed notebooks: site/_build/html
	$(SITE_VENV)/bin/python site/stage.py site/_build/src
	$(SITE_VENV)/bin/sphinx-build -q -b html -c site site/_build/src site/_build/html
	$(SITE_VENV)/bin/python site/slides.py site/_build/html

site-check: site $(VENV)/.installed  ## open every page in Chromium with the network blocked; fail on anything broken
	$(BIN)/python site/check.py site/_build/html

slides:  ## re-cut every notebook into slides (its slide metadata) after editing it: tools/slides.py
	$(PYTHON) tools/slides.py --write

student:  ## the student edition in student/: the notebooks without the exercises' solutions
	$(PYTHON) tools/student_edition.py student

benchmark: $(VENV)/.installed  ## speed of the training core (not part of `make test`)
	$(BIN)/python benchmarks/train_speed.py

clean:
	rm -rf $(VENV) *.egg-info
