"""Contract tests: one suite, run against every graph backend (see conftest.py)."""
