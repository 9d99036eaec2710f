"""Batch rate on Dask with one and with two workers: scaling efficiency and memory per worker.

The input is a WARC built from the bundled samples (``src/frontwire/data/samples``, each text file
made an HTML page) repeated to ``--pages`` responses, so nothing here reads evaluation data and
there is no quality figure to split (bench/split.py's rule concerns per-record errors of a dev
set; this bench prints throughput only).

For each worker count a LocalCluster is started and every worker's pipeline is built first (timed
apart as the start-up), then ``run_batch`` analyses the whole WARC into a fresh output directory:
its wall time is the batch rate. Scaling efficiency is rate(2) / (2 x rate(1)). Peak memory is
each worker process's peak RSS (``ru_maxrss``) as it reports it with each partition.

    .venv/bin/python bench/batch.py [--pages 120] [--partition-size 10] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"


def build_warc(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    samples = sorted(SAMPLES.glob("*.txt"))
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number in range(pages):
            title, *paragraphs = samples[number % len(samples)].read_text(encoding="utf-8").split("\n\n")
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
            page = (f"<html><head><title>{html.escape(title[:120])}</title></head><body><article>{body}"
                    f"</article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench.example.org/{number}", "response",
                                                          payload=io.BytesIO(page), http_headers=headers))


def measure(archive: Path, workers: int, partition_size: int, settings) -> dict:
    import logging

    from distributed import Client, LocalCluster

    from frontwire.batch.output import OutputDirectory
    from frontwire.batch.run import BatchOptions, run_batch
    from frontwire.batch.work import worker_pipeline

    logging.getLogger("distributed").setLevel(logging.ERROR)
    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    client = Client(cluster)
    try:
        client.run(worker_pipeline, settings)  # every worker builds its pipeline before the clock starts
        startup = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as out:
            began = time.perf_counter()
            summary = run_batch(BatchOptions(inputs=[str(archive)], out=out, scheduler=cluster.scheduler_address,
                                             partition_size=partition_size, settings=settings),
                                report=lambda line: None)
            wall = time.perf_counter() - began
            entries = [e for e in OutputDirectory(out).entries() if e["entry"] == "partition"]
    finally:
        client.close()
        cluster.close()
    peaks: dict[int, float] = {}
    for entry in entries:
        peaks[entry["worker_pid"]] = max(peaks.get(entry["worker_pid"], 0.0), entry["peak_rss_mb"])
    return {"workers": workers, "articles": summary.articles, "failed": summary.failed,
            "startup_s": round(startup, 1), "batch_s": round(wall, 1),
            "articles_per_s": round(summary.articles / wall, 2),
            "peak_rss_mb_per_worker": sorted(round(v) for v in peaks.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--partition-size", type=int, default=10)
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, comma separated")
    parser.add_argument("--disable", default="", help="components to switch off, as analyze --disable")
    args = parser.parse_args(argv)

    from frontwire.batch.work import Settings
    from frontwire.pipeline import DEFAULT_TIME_BUDGET

    settings = Settings(disable=tuple(n for n in args.disable.split(",") if n), time_budget=DEFAULT_TIME_BUDGET)
    counts = [int(n) for n in args.workers.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "bench.warc.gz"
        build_warc(archive, args.pages)
        for workers in counts:
            result = measure(archive, workers, args.partition_size, settings)
            print(json.dumps(result), flush=True)
            results.append(result)
    by_workers = {r["workers"]: r for r in results}
    if 1 in by_workers and 2 in by_workers:
        efficiency = by_workers[2]["articles_per_s"] / (2 * by_workers[1]["articles_per_s"])
        print(json.dumps({"scaling_efficiency_2_workers": round(efficiency, 2), "cpus": os.cpu_count(),
                          "load_average": [round(x, 1) for x in os.getloadavg()]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
