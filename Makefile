# Two commands a new user needs: `make report` and `make test`.
# Both create the virtual environment on first use, install the pinned
# dependencies and register the Jupyter kernel the notebooks run on.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test lint bench sample-data clean lab

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (equality-progress)" >/dev/null
	touch $(STAMP)

# Compiled once here: this machine sets PYTHONDONTWRITEBYTECODE, so otherwise every
# batch and kernel would compile the library from source (compileall skips fresh files).
BYTECODE = $(PY) -m compileall -q equality_progress

# JupyterLab is an optional extra (.[lab]): installed by `make lab` only, never by `make test`.
LAB_STAMP := $(VENV)/.lab-installed

$(LAB_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[lab]'
	touch $(LAB_STAMP)

# Opens the report notebook on the project's kernel ("Python 3 (equality-progress)").
# Publish a notebook run there with: .venv/bin/python run_reports.py render NOTEBOOK.ipynb
# `make lab HEADLESS=1` starts the server without a browser (a remote machine, a container:
# open the URL it prints); as root, Jupyter needs --allow-root, added when it must be.
LAB_FLAGS := $(if $(HEADLESS),--no-browser --ip=127.0.0.1) $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) equality_progress/notebooks/report.ipynb

report: $(STAMP)
	@$(BYTECODE)
	$(PY) run_reports.py

# The suite runs on two workers (pytest-xdist; each test module stays on one worker, so its
# fixtures are made once; the sample reports are built once for both): on two cores the
# suite takes about 4.4 minutes (docs/performance.md).
# `make test WORKERS=0` runs it in one process.
WORKERS ?= 2

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -n $(WORKERS) --dist loadscope
	$(PY) -m pytest --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg equality_progress/notebooks/ -p no:randomly -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check equality_progress tests

bench: $(STAMP)
	@$(BYTECODE)
	$(PY) scripts/bench.py

sample-data: $(STAMP)
	$(PY) scripts/generate_sample_data.py

clean:
	rm -rf reports dist .pytest_cache
