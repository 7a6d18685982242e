"""Evidence of scale: generated corpora through a LocalCluster, with the figures README quotes.

`python -m pipeline.scale 1000 10000 --workers 2` (or `make scale`) writes, for each size, a corpus
generated from the project's own sample articles (`bench.make_texts`: the Russian and English
samples in turn, the copies with their numbers varied and paragraphs shuffled, so every article
is a new text with a new id) and runs `extract_folder(..., dask=address)` on a LocalCluster of
single-threaded worker processes started here. Per size it reports: wall-clock seconds of the run
(cluster started beforehand), articles/s per worker, the peak RSS of each worker and of this
process (the client: listing, ids, manifest, entities, writing), and the seconds of the final merge
(after the last article: the entities table, the tables closed, the database, the data package,
the switch into place). Then a projection to 10 million articles from the largest size.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(sizes: list[int], workers: int, keep: Path | None = None, log=print) -> dict:
    from distributed import Client, LocalCluster

    from .bench import make_texts
    from .parallel import pin_threads
    from .run import extract_folder

    pin_threads()
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-scale-", dir=keep))
    results = []
    try:
        for n in sizes:
            folder = tmp / f"corpus{n}"
            folder.mkdir()
            texts = make_texts(n)
            chars = 0
            for i, (lang, text) in enumerate(texts):
                (folder / f"{i // 1000:04d}" / f"{i:07d}.{lang}.txt").parent.mkdir(exist_ok=True)
                (folder / f"{i // 1000:04d}" / f"{i:07d}.{lang}.txt").write_text(text, encoding="utf-8")
                chars += len(text)
            log(
                f"{n} articles ({chars / n:.0f} characters on average) in {folder}; LocalCluster of {workers} ..."
            )
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=50,
                ) as cluster,
                Client(cluster) as client,
            ):  # fmt: skip
                started = time.monotonic()
                summary = extract_folder(
                    folder, tmp / f"out{n}", dask=cluster.scheduler_address, workers=workers
                )
                seconds = time.monotonic() - started
                peaks = client.run(_peak_rss_mb)
            work = seconds - summary.merge_seconds
            result = {
                "articles": n,
                "statuses": summary.statuses,
                "seconds": round(seconds, 1),
                "articles_per_s_per_worker": round(n / work / workers, 2),
                "worker_peak_rss_mb": sorted(round(v) for v in peaks.values()),
                "client_peak_rss_mb": round(_peak_rss_mb()),
                "merge_s": round(summary.merge_seconds, 2),
                "rows": summary.rows,
            }
            log(json.dumps(result))
            results.append(result)
            shutil.rmtree(folder)
            shutil.rmtree(tmp / f"out{n}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"workers": workers, "sizes": results, "projection": project(results[-1])}


def project(largest: dict, articles: int = 10_000_000) -> dict:
    """Give the CPU-hours, the workers to finish in a day and the client's memory for `articles`,
    from the rate per worker of the largest size (the merge scaled linearly)."""
    rate = largest["articles_per_s_per_worker"]
    cpu_hours = articles / rate / 3600
    return {
        "articles": articles,
        "cpu_hours": round(cpu_hours),
        "workers_for_one_day": int(-(-cpu_hours // 24)),
        "merge_s": round(largest["merge_s"] * articles / largest["articles"]),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    report = measure(args.sizes, args.workers, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
