"""Refresh the demo's list extracts from the test fixtures (tests/fixtures/lists/<dataset>/), under the file
names each reader expects (its DEFAULT_FILES), so `rskg demo` can read this folder like ../shared/data.

Only real extracts are copied (files a fixture marks as constructed are left out). Each folder keeps the
LICENSE.md of its fixture: the source and the licence of every extract.

    python samples/lists/make_sample.py
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import shutil
from pathlib import Path

from ingest.lists import sources

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "tests" / "fixtures" / "lists"
SHARED = HERE.parents[2] / "shared" / "data"
# Lists whose demo extract is taken from the full file instead (every edition of the organisations the demo and
# the acceptance examples screen), so that edition changes over time show; kept minimal (CC BY-NC 4.0).
FROM_FULL = {
    "us_dod_section1286/section_1286.csv": (
        "Harbin Institute of Technology", "Harbin Engineering University", "Beihang University",
        "Beijing Institute of Technology", "Northwestern Polytechnical University",
        "Nanjing University of Aeronautics and Astronautics", "Nanjing University of Science and Technology",
        "Shanghai Jiao Tong University", "National University of Defense Technology",
    ),
}


def _from_full(rel: str, names: tuple[str, ...], target: Path) -> bool:
    source = SHARED / rel
    if not source.is_file():
        return False
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    column = header.index("name")
    kept = [row for row in body if any(name.lower() in row[column].lower() for name in names)]
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *kept])
    print(f"{rel}: {len(kept)} rows from the full file")
    return True


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
        if not any(str(rel).startswith(module.DATASET + "/") and str(rel) in FROM_FULL for rel in map(
                Path, module.DEFAULT_FILES)):
            shutil.copy(fixture / "LICENSE.md", target / "LICENSE.md")
        by_name = {p.name: p for p in data}
        for rel in wanted:
            if str(rel) in FROM_FULL and _from_full(str(rel), FROM_FULL[str(rel)], target / rel.name):
                continue
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
