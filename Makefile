# Two commands (README.md): `make run` and `make test`. Both set up first:
# Debian tools (Tesseract, antiword), the locked Python environment in .venv/
# (via uv, bootstrapped from PyPI into .tools/), and the classifier model the
# project trains from its own data. Once set up, `make run` works offline.
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
UV := .tools/bin/uv
MODEL := classifier/model/cause/model-best/meta.json
OUT ?= out

.PHONY: run test setup system-deps clean

run: setup
	$(VENV)/bin/foi ingest raw --out $(OUT)

test: setup
	./scripts/system-deps.sh --with-browser
	$(VENV)/bin/pytest

setup: system-deps $(VENV)/.installed $(MODEL)

system-deps:
	./scripts/system-deps.sh

$(UV):
	./scripts/bootstrap-uv.sh $(UV_VERSION) $(PYTHON)

# uv uses this machine's python3 (3.11) and never downloads an interpreter.
# Bytecode is compiled once here: where PYTHONDONTWRITEBYTECODE is set, every
# process (the flow, Prefect's server, each reader) would otherwise compile
# Prefect, pandas and spaCy from source again, seconds of CPU each time.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	touch $@

$(MODEL): $(wildcard classifier/training/*.jsonl) $(wildcard configs/*.cfg) | $(VENV)/.installed
	$(VENV)/bin/foi train

clean:
	rm -rf $(VENV) .tools classifier/model out .out.foi-state
