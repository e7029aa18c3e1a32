"""Refresh the demo's list extracts from the test fixtures (tests/fixtures/lists/<dataset>/), under the file
names each reader expects (its DEFAULT_FILES), so `rskg demo` can read this folder like ../shared/data.

Only real extracts are copied (files a fixture marks as constructed are left out). Each folder keeps the
LICENSE.md of its fixture: the source and the licence of every extract.

    python samples/lists/make_sample.py
"""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from pathlib import Path

from ingest.lists import sources

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "tests" / "fixtures" / "lists"


def main() -> None:
    for info in pkgutil.iter_modules(sources.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"ingest.lists.sources.{info.name}")
        fixture = FIXTURES / module.DATASET
        data = sorted(p for p in fixture.iterdir() if p.name != "LICENSE.md" and "constructed" not in p.name)
        wanted = [Path(rel) for rel in module.DEFAULT_FILES]
        target = HERE / module.DATASET
        target.mkdir(exist_ok=True)
        shutil.copy(fixture / "LICENSE.md", target / "LICENSE.md")
        by_name = {p.name: p for p in data}
        for rel in wanted:
            source = by_name.get(rel.name)
            if source is None and len(wanted) == 1 and len(data) == 1:
                source = data[0]
            if source is None:
                print(f"{module.DATASET}: no extract for {rel.name}; the demo skips it")
                continue
            shutil.copy(source, target / rel.name)
        print(f"{module.DATASET}: {len(wanted)} file(s)")


if __name__ == "__main__":
    main()
