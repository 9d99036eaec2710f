"""The fuzz suite's strategies and properties (``tests/test_fuzz.py`` runs them)."""
