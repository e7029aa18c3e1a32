"""Named, parameterised Cypher queries, one ``.cypher`` file each, per dialect (``neo4j/``, ``ladybug/``).

The Neo4j files are what analysts paste into Neo4j Browser (parameters as ``:param`` or ``$name``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rskg.errors import NotFoundError

HERE = Path(__file__).resolve().parent
DIALECTS = ("ladybug", "neo4j")


@lru_cache(maxsize=256)
def load_query(dialect: str, name: str) -> str:
    if dialect not in DIALECTS or not name.replace("_", "").isalnum():
        raise NotFoundError(f"no query {name!r} for dialect {dialect!r}")
    path = HERE / dialect / f"{name}.cypher"
    if not path.is_file():
        raise NotFoundError(f"no query {name!r} for dialect {dialect!r}")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip().rstrip(";")


def query_names(dialect: str) -> list[str]:
    return sorted(p.stem for p in (HERE / dialect).glob("*.cypher"))
