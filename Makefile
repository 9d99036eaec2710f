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

DB ?= sqlite:///frontwire.db

run: $(STAMP)
	$(VENV)/bin/frontwire ingest --db $(DB) src/frontwire/data/samples
	@$(VENV)/bin/frontwire db summary --db $(DB)
	@echo
	@echo "next, with $(VENV)/bin on your PATH:"
	@echo "  frontwire ingest --db $(DB) MORE_ARTICLES...   # files, folders, feeds, WARCs; stored once each"
	@echo "  frontwire db summary --db $(DB)"
	@echo "  frontwire reanalyse --db $(DB)                 # after upgrading frontwire or its tables"
	@echo "  frontwire export --db $(DB) --format acled --out events.csv    # ACLED's CSV; also csv, geojson, parquet, jsonl"
	@echo "  frontwire export --db $(DB) --format geojson --country SY --out syria.geojson"
	@echo "  frontwire incidents --db $(DB) --min-outlets 2   # one happening, every outlet's account, where they disagree"
	@echo "  sqlite3 frontwire.db \"SELECT sub_event_type, location, date, fatalities FROM events\""
	@echo "  sqlite3 frontwire.db \"SELECT title FROM articles WHERE seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'drone')\""
	@echo "  datasette frontwire.db                         # browse and search it (pip install datasette)"

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/extraction.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
