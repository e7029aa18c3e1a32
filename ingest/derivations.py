"""Imports the modules that register derivation steps (see :data:`ingest.run.DERIVATIONS`)."""

from __future__ import annotations
