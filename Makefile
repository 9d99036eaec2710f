VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install assets bench clean fuzz

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The map's JavaScript and country outlines come from npm at build time, never from a CDN; the
# built files land in the package (git-ignored), so a wheel built after this ships them.
ASSETS := src/frontwire/web/static/vendor/.built
$(ASSETS): frontend/package.json frontend/package-lock.json $(wildcard frontend/*.mjs)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	cd frontend && npm run --silent build
	touch $(ASSETS)

assets: $(ASSETS)

install: $(STAMP) $(ASSETS)

DB ?= sqlite:///frontwire.db

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP) $(ASSETS)
	$(VENV)/bin/frontwire ingest --db $(DB) src/frontwire/data/samples
	@$(VENV)/bin/frontwire db summary --db $(DB)
	@echo
	@echo "next, with $(VENV)/bin on your PATH:"
	@echo "  frontwire ingest --db $(DB) MORE_ARTICLES...   # files, folders, feeds, WARCs; stored once each"
	@echo "  frontwire export --db $(DB) --format acled --out events.csv    # ACLED's CSV; also csv, geojson, parquet, jsonl"
	@echo "  frontwire incidents --db $(DB) --min-outlets 2   # one happening, every outlet's account, where they disagree"
	@echo "  frontwire reanalyse --db $(DB)                 # after upgrading frontwire or its tables"
	@echo
	@echo "the newsroom: open http://$(HOST):$(PORT)/ (search, articles with their evidence, events, incidents, map; API at /docs)"
	$(VENV)/bin/frontwire serve --db $(DB) --host $(HOST) --port $(PORT)

test: $(STAMP) $(ASSETS)
	$(PY) -m pytest

# The long fuzz run (tests/test_fuzz.py, over 10,000 hostile cases); make test runs its short profile.
fuzz: $(STAMP)
	FRONTWIRE_FUZZ_PROFILE=long $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

bench: $(STAMP)
	$(PY) bench/extraction.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info frontend/node_modules src/frontwire/web/static/vendor
