"""Benchmark: classify 1,000 realistic project descriptions into the technology-area and end-use schemes.

    .venv/bin/python bench/classify.py [--texts 1000] [--runs 5]

The texts are synthetic but shaped like grant abstracts (60-150 words): a few sentences from templates,
filled with research topics of which about half are sensitive (quantum, hypersonics, synthetic biology...)
and half are not (poetry, hydrology, pedagogy...), so both the hit and the green path are timed. The
classifier is built once before timing (its build time is printed separately). Prints the median of the
runs, which must stay at or under 2 s per 1,000 texts.
"""

from __future__ import annotations

import random
import statistics
import time

import click

from queries.areas.classify import AreaClassifier
from queries.areas.taxonomy import get_taxonomy

SENSITIVE = [
    "quantum key distribution", "quantum sensing", "hypersonic glide vehicles", "synthetic biology",
    "facial recognition for crowd monitoring", "autonomous underwater vehicles", "high-entropy alloys",
    "side-scan sonar imaging", "deep learning for object detection", "gene editing with CRISPR",
    "satellite constellations", "scramjet propulsion", "extreme ultraviolet lithography",
    "brain-computer interfaces", "small modular reactors", "magnetometers for magnetic anomaly detection",
    "post-quantum cryptography", "swarm robotics", "directed energy", "additive manufacturing of superalloys",
    "intrusion software", "signals intelligence", "underwater acoustics", "naval architecture",
    "metamaterials for radar absorption", "large language models", "inertial navigation",
    "solid-state batteries", "digital twins of aircraft engines", "UAVs for reconnaissance", "6G networks",
    "atom interferometry",
]  # fmt: skip
NEUTRAL = [
    "medieval French poetry", "river hydrology", "early childhood pedagogy", "labour economics",
    "Byzantine art history", "soil microbiology", "urban planning", "public health nutrition",
    "comparative constitutional law", "coral reef ecology", "the sociology of migration",
    "Baroque music performance", "dairy cattle welfare", "palaeoclimate records", "classroom assessment",
    "the history of cartography", "organic chemistry of natural products", "forest fire ecology",
    "linguistic typology", "sports physiotherapy",
]  # fmt: skip
TEMPLATES = [
    "This project investigates {a} with a focus on {b}.",
    "We propose a three-year programme combining {a} and {b} to address open questions in the field.",
    "The team has a strong track record in {a}, and will collaborate with partners working on {b}.",
    "Objectives include new methods for {a}, validated through case studies in {b}.",
    "Outcomes will inform policy and industry, and train graduate students in {a}.",
    "Our preliminary results on {a} suggest that {b} can be improved substantially.",
    "The research will be conducted at the university's laboratory, with fieldwork where needed.",
    "Data will be shared openly, in line with the funder's open-science policy.",
    "A postdoctoral fellow and two doctoral students will be recruited for work on {a}.",
    "Results will be disseminated in peer-reviewed journals and at international conferences on {b}.",
]


def make_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        pool = SENSITIVE if rng.random() < 0.5 else NEUTRAL
        sentences = [
            template.format(a=rng.choice(pool), b=rng.choice(pool + NEUTRAL))
            for template in rng.sample(TEMPLATES, rng.randint(4, 8))
        ]
        texts.append(" ".join(sentences))
    return texts


@click.command()
@click.option("--texts", "count", default=1000, show_default=True, help="Number of texts per run.")
@click.option("--runs", default=5, show_default=True, help="Timed runs; the median is reported.")
def main(count: int, runs: int) -> None:
    start = time.perf_counter()
    classifier = AreaClassifier(get_taxonomy())
    build = time.perf_counter() - start
    texts = make_texts(count)
    words = sum(len(t.split()) for t in texts)
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        reports = classifier.classify_many(texts)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    found = sum(r.found for r in reports)
    median = statistics.median(timings)
    click.echo(f"taxonomy load + classifier build: {build:.2f} s")
    click.echo(f"{count} texts ({words} words, {found} with a hit, {count - found} green)")
    click.echo(f"runs: {', '.join(f'{t:.3f}' for t in timings)} s")
    click.echo(f"median: {median:.3f} s per {count} texts ({median / count * 1000:.2f} ms per text)")
    click.echo(f"median CPU time of this process: {statistics.median(cpu):.3f} s (robust to other load)")


if __name__ == "__main__":
    main()
