"""Imports the modules that register derivation steps (see :data:`ingest.run.DERIVATIONS`), in run order."""

from __future__ import annotations

# "resolver": the resolver index, rebuilt from the graph; then "link": list entries → registry organisations
import ingest.lists.index_step
import ingest.lists.linking  # noqa: F401
# "resolver_merged": the index again, with linked list entries folded into their registry organisations
import ingest.identity_index  # noqa: F401,E402

# "exposure": paths from every organisation to listed / military-end-use entities (after "link")
import ingest.exposure  # noqa: F401,E402
