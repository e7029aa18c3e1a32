"""Thin routers: validate, call ``queries/`` and ``ingest/``, map errors (see :mod:`api.errors`)."""
