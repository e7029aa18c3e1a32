"""The classifier handles 1,000 realistic texts in at most 2 seconds (built once beforehand).

Timed as this process's CPU time (best of three), so that other jobs on a shared machine do not fail the
test; bench/classify.py reports wall-clock time as well."""

from __future__ import annotations

import random
import time

from queries.areas import get_classifier

TOPICS = [
    "quantum key distribution", "hypersonic glide vehicles", "synthetic biology", "underwater acoustics",
    "facial recognition for crowd monitoring", "river hydrology", "medieval poetry", "labour economics",
    "autonomous underwater vehicles", "soil microbiology", "high-entropy alloys", "early childhood pedagogy",
]  # fmt: skip
SENTENCES = [
    "This project investigates {} and its applications.",
    "We will train doctoral students in {} over three years.",
    "Preliminary results on {} are promising, and partners in industry have expressed interest.",
    "Results will be published openly and presented at international conferences.",
    "The laboratory has a long record of work on {}.",
]


def test_one_thousand_texts_within_two_seconds() -> None:
    rng = random.Random(1)  # noqa: S311 - reproducible sample texts, not security
    texts = [" ".join(s.format(rng.choice(TOPICS)) for s in rng.sample(SENTENCES, 4)) for _ in range(1000)]
    classifier = get_classifier()
    timings = []
    for _ in range(3):
        start = time.process_time()
        reports = classifier.classify_many(texts)
        timings.append(time.process_time() - start)
    assert len(reports) == 1000
    assert any(r.found for r in reports)
    assert not all(r.found for r in reports)
    assert min(timings) <= 2.0, timings
