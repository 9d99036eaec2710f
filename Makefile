VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/frontwire analyze src/frontwire/data/samples

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/extraction.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
