"""Benchmark: the whole pipeline against bare natasha and bare spaCy on the same texts, in one run.

Texts: the project's samples (`data/raw`) or the articles of any folder, repeated to the size
asked for, each repetition with its numbers changed and its paragraphs reordered so that no two
texts are equal (no cache sees the same text twice). They are written as `.txt` files into a
temporary folder, one subfolder per language. BLAS/OpenMP are pinned to one thread everywhere,
as in a run.

- Throughput (steady state, one worker, models loaded): in one process per language, the bare
  annotator (natasha's segmenter, morphology, syntax and NER on the cleaned Russian text; spaCy's
  whole pipeline on the English) and our whole per-article path (read the file, clean, annotate,
  extract, merge, write the rows) take turns on each article, alternating which goes first, over
  `repetitions` passes. Taking turns article by article puts both under the same load, which on
  a shared machine drifts by the second; the ratio is the median of the per-pass ratios.
- Loading and memory: each baseline alone in a fresh process (model loading time, peak RSS).
- End to end, per language: the bare annotator over the texts and `pipeline extract` with one
  worker over them, each a fresh interpreter timed from its start (imports, model loading, reading,
  and for ours writing every table, the database and the data package), alternating, `repetitions`
  pairs; the ratio is the median of the per-pair ratios. Start: a fresh interpreter until the
  models a run of that language needs are loaded, bare and ours.
- Runs: whole runs of `extract_folder` on all the texts in a fresh process for each number of
  workers, alternating, wall-clock from process start (model loading included); peak RSS of the
  run's process and of its largest worker. Then an incremental re-run after one file changed,
  against the full run.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from .nlp import DEFAULT_EN_MODEL

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"


# --- texts --------------------------------------------------------------------------------------


def _vary(text: str, rng: random.Random) -> str:
    """Give `text` with its numbers changed (days stay days, years stay recent years)."""

    def number(m: re.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return str(rng.randint(2000, 2029))
        if len(digits) <= 2:
            return str(rng.randint(1, 28))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return re.sub(r"(?<!\d)\d+(?!\d)", number, text)


def make_texts(
    n: int, sources: list[Path] | None = None, *, seed: int = 7, langs: tuple[str, ...] = ("ru", "en")
) -> list[tuple[str, str]]:
    """Give `n` (lang, text) pairs (0: each article once): the distinct articles of `sources`
    (default: the project's samples) in `langs` in turn, the copies after the first turn with numbers
    varied and body paragraphs shuffled."""
    from .clean import prepare
    from .read import read_folder

    folders = sources or [SAMPLES]
    articles, seen = [], set()
    for folder in folders:
        for src in read_folder(folder):
            if src.error:
                continue
            article = prepare(src)
            if article.lang in langs and article.title and article.text not in seen:
                seen.add(article.text)  # a copy in two sources counts once (a run would skip it)
                body = article.text[len(article.title) :].strip("\n").split("\n\n")
                articles.append((article.lang, article.title, body))
    if not articles:
        raise ValueError(f"no article in {'/'.join(langs)} in {', '.join(map(str, folders))}")
    rng = random.Random(seed)
    out = []
    for i in range(n or len(articles)):
        lang, title, body = articles[i % len(articles)]
        if i >= len(articles):  # a repetition: make it a different text
            body = body[:]
            rng.shuffle(body)
            title, body = _vary(title, rng), [_vary(p, rng) for p in body]
        out.append((lang, title + "\n\n" + "\n\n".join(body)))
    return out


def write_texts(texts: list[tuple[str, str]], folder: Path) -> dict[str, Path]:
    """Write the texts as `folder/LANG/NNNNNN.txt`; give the folder of each language."""
    folders = {}
    for i, (lang, text) in enumerate(texts):
        folders.setdefault(lang, folder / lang).mkdir(parents=True, exist_ok=True)
        (folder / lang / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return folders


# --- measurements, each in a fresh process --------------------------------------------------------


def _peak_rss_mb() -> tuple[float, float]:
    """Give the peak RSS (MiB) of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _baseline(kind: str, en_model: str):
    """Give the bare annotator: natasha's segmenter, morphology, syntax and NER, or spaCy's
    whole pipeline."""
    if kind == "natasha":
        from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        emb = NewsEmbedding()
        segmenter, morph, syntax, ner = (
            Segmenter(),
            NewsMorphTagger(emb),
            NewsSyntaxParser(emb),
            NewsNERTagger(emb),
        )

        def annotate(text: str) -> None:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)

        return annotate
    import spacy

    return spacy.load(en_model)


def _texts(folder: Path, lang: str) -> dict[Path, str]:
    """Give the cleaned text of each file of `folder` in `lang`: what both annotators see."""
    from .clean import prepare
    from .read import list_files, read_file

    texts = {}
    for path in list_files(folder):
        source = next(read_file(path, root=folder))
        if not source.error:
            article = prepare(source)
            if article.lang == lang:
                texts[path] = article.text
    return texts


def _bare(kind: str, folder: str, en_model: str) -> dict:
    """The baseline alone over the texts of `folder`: loading time and peak RSS."""
    from .parallel import pin_threads

    pin_threads()
    started = time.perf_counter()
    annotate = _baseline(kind, en_model)
    load = time.perf_counter() - started
    for text in _texts(Path(folder), "ru" if kind == "natasha" else "en").values():
        annotate(text)
    return {"load_s": load, "rss_mb": _peak_rss_mb()[0]}


def _interleaved(kind: str, folder: str, en_model: str, repetitions: int) -> dict:
    """Give, per pass, the seconds the baseline and our whole per-article path took, taking turns
    on each article. The files of `folder` are split into `repetitions` passes: no pass sees a
    text twice, so caches (lemmas, morphology) warm up as over a real corpus, no faster."""
    from .jobs import ArticleIds
    from .parallel import pin_threads
    from .read import read_file
    from .run import EntityIndex, outcome, process, warm_up
    from .write import TableWriter

    pin_threads()
    annotate = _baseline(kind, en_model)
    started = time.perf_counter()
    warm_up(en_model)
    ours_load = time.perf_counter() - started
    root = Path(folder)
    texts = _texts(root, "ru" if kind == "natasha" else "en")
    annotate(next(iter(texts.values())))  # the baseline's first call is slower too

    def ours(path: Path, writer: TableWriter, index: EntityIndex, ids: ArticleIds) -> None:
        for source in read_file(path, root=root):
            # ids claimed as a run claims them: a second copy of an article is one skipped row
            for table, row in ids.claim(outcome(process(source, en_model=en_model))).rows:
                writer.add(table, row)
                if table == "entity_refs":
                    index.add(row)

    items = list(texts.items())
    size = -(-len(items) // repetitions)
    passes = []
    for rep in range(repetitions):
        spent = {"bare": 0.0, "ours": 0.0}
        chunk = items[rep * size : (rep + 1) * size]
        if not chunk:
            break
        with tempfile.TemporaryDirectory() as out:
            writer, index, ids = TableWriter(Path(out)), EntityIndex(), ArticleIds()
            for i, (path, text) in enumerate(chunk):
                for kind_ in ("bare", "ours") if (i + rep) % 2 == 0 else ("ours", "bare"):
                    started = time.perf_counter()
                    if kind_ == "bare":
                        annotate(text)
                    else:
                        ours(path, writer, index, ids)
                    spent[kind_] += time.perf_counter() - started
            started = time.perf_counter()
            for row in index.rows():
                writer.add("entities", row)
            writer.__exit__(
                None, None, None
            )  # the last row groups, the database and data package, the renames
            spent["ours"] += time.perf_counter() - started
        passes.append({**spent, "articles": len(chunk), "chars": sum(len(text) for _, text in chunk)})
    return {
        "passes": passes,
        "articles": len(texts),
        "chars": sum(map(len, texts.values())),
        "ours_load_s": ours_load,
    }


def _run(folder: str, out: str, en_model: str, workers: int, force: bool) -> dict:
    """A whole run from process start: model loading included."""
    started = time.perf_counter()
    from .run import extract_folder

    summary = extract_folder(Path(folder), Path(out), en_model=en_model, workers=workers, force=force)
    seconds = time.perf_counter() - started
    own, worker = _peak_rss_mb()
    return {
        "seconds": seconds,
        "articles": sum(summary.statuses.values()),
        "processed": summary.processed,
        "workers": summary.workers,
        "rss_mb": own,
        "worker_rss_mb": worker if summary.workers >= 1 else 0.0,
    }


# A bare annotator from a fresh interpreter: imports, loading, then every .txt file of a folder.
BARE_SCRIPT = """
import sys
from pathlib import Path
kind, folder, en_model = sys.argv[1:4]
if kind == "natasha":
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
    emb = NewsEmbedding()
    segmenter, morph, syntax, ner = Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    def annotate(text):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
else:
    import spacy
    annotate = spacy.load(en_model)
for path in sorted(Path(folder).glob("*.txt")) if folder else ():
    annotate(path.read_text(encoding="utf-8"))
"""

# Ours until a run's models are loaded: what `pipeline extract` does before its first article.
START_SCRIPT = """
import sys
from pipeline.run import RUN_LANGS, warm_up
warm_up(sys.argv[1], (*RUN_LANGS, sys.argv[2]), tables=False)  # the tables are written while the worker annotates
"""


def _interpreter_seconds(*argv: str) -> float:
    """Give the wall-clock seconds of a fresh interpreter running `argv`, from its start to its end;
    BLAS/OpenMP pinned to one thread, as in a run."""
    from .parallel import THREAD_VARIABLES

    env = {**os.environ, **dict.fromkeys(THREAD_VARIABLES, "1")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:2])} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def _end_to_end(lang: str, folder: Path, out: Path, en_model: str, repetitions: int) -> EndToEnd:
    """Time the bare annotator and `pipeline extract --workers 1` over `folder`, each from a fresh
    interpreter's start, alternating; and the start of each (models loaded, nothing processed)."""
    kind = BASELINES[lang]
    spent: dict[str, list[float]] = {"bare": [], "ours": [], "bare_start": [], "ours_start": []}
    jobs = {
        "bare": ("-c", BARE_SCRIPT, kind, str(folder), en_model),
        "ours": ("-m", "pipeline", "extract", str(folder), "--out", str(out), "--workers", "1", "--force", "-q",
                 "--en-model", en_model),
        "bare_start": ("-c", BARE_SCRIPT, kind, "", en_model),
        "ours_start": ("-c", START_SCRIPT, en_model, lang),
    }  # fmt: skip
    for name in _alternating(["bare", "ours"], repetitions) + _alternating(["bare_start", "ours_start"], 3):
        spent[name].append(_interpreter_seconds(*jobs[name]))
    med = statistics.median
    ratios = [b / o for b, o in zip(spent["bare"], spent["ours"], strict=True)]
    return EndToEnd(
        lang, kind, len(list(folder.glob("*.txt"))), med(spent["bare"]), med(spent["ours"]), med(ratios),
        ratios, med(spent["bare_start"]), med(spent["ours_start"]),
    )  # fmt: skip


def _fresh(fn, *args) -> dict:
    """Run `fn(*args)` in a new process and give its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


# --- the benchmark ------------------------------------------------------------------------------


@dataclass
class Throughput:
    lang: str
    baseline: str
    articles: int
    chars: int
    baseline_articles_s: float  # medians over the passes
    ours_articles_s: float
    baseline_chars_s: float
    ours_chars_s: float
    ratio: float  # median over the passes of ours / baseline throughput
    ratios: list[float]
    baseline_load_s: float  # model loading, in a process of its own
    ours_load_s: float  # models, grammars, gazetteers (warm_up)
    baseline_rss_mb: float  # peak RSS of the baseline alone


@dataclass
class EndToEnd:
    lang: str
    baseline: str
    articles: int
    baseline_s: float  # medians, from a fresh interpreter's start to its end
    ours_s: float  # pipeline extract --workers 1: every table, the database, the data package written
    ratio: float  # median over the pairs of ours / bare throughput (bare seconds / ours seconds)
    ratios: list[float]
    baseline_start_s: float  # from a fresh interpreter's start until the models are loaded
    ours_start_s: float  # the same for what a run of this language loads before its first article


@dataclass
class RunTiming:
    workers: int  # asked for
    used: int  # started (fewer when there are few files per worker)
    seconds: float  # median wall-clock, process start to tables written
    all_seconds: list[float]
    articles_s: float
    speedup: float  # the fewest workers' median time / this one's
    rss_mb: float  # peak RSS of the run's process
    worker_rss_mb: float  # peak RSS of its largest worker


@dataclass
class BenchReport:
    articles: int
    source: str
    repetitions: int
    throughput: list[Throughput] = field(default_factory=list)
    end_to_end: list[EndToEnd] = field(default_factory=list)
    runs: list[RunTiming] = field(default_factory=list)
    full_run_s: float = 0.0
    incremental_s: float = 0.0  # re-run after one file changed
    incremental_processed: int = 0


def _alternating(kinds: list, repetitions: int) -> list:
    """Give A B, B A, A B ... so that no kind always runs first."""
    order = []
    for rep in range(repetitions):
        order += kinds if rep % 2 == 0 else kinds[::-1]
    return order


BASELINES = {"ru": "natasha", "en": "spacy"}


def bench(
    *,
    articles: int = 200,
    sources: list[Path] | None = None,
    repetitions: int = 3,
    workers: tuple[int, ...] = (1, 2),
    en_model: str = DEFAULT_EN_MODEL,
    langs: tuple[str, ...] = ("ru", "en"),
    log=print,
) -> BenchReport:
    """Measure the pipeline against bare natasha and spaCy (per article, and end to end from process
    start), and whole runs with each number of workers."""
    texts = make_texts(articles, sources, langs=langs)
    origin = ", ".join(map(str, sources)) if sources else "the samples in data/raw"
    report = BenchReport(len(texts), origin, repetitions)
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        folders = write_texts(texts, tmp / "in")
        for lang, folder in sorted(folders.items(), key=lambda item: item[0] != "ru"):
            log(f"throughput {lang}: {BASELINES[lang]} and ours, {repetitions} passes ...")
            turns = _fresh(_interleaved, BASELINES[lang], str(folder), en_model, repetitions)
            log(f"loading and memory of bare {BASELINES[lang]} ...")
            alone = _fresh(_bare, BASELINES[lang], str(folder), en_model)
            report.throughput.append(_throughput(lang, turns, alone))
            log(
                f"end to end {lang}: bare {BASELINES[lang]} and pipeline extract --workers 1, from process start ..."
            )
            report.end_to_end.append(_end_to_end(lang, folder, tmp / f"e2e-{lang}", en_model, repetitions))
        times: dict[int, list[dict]] = {w: [] for w in workers}
        for w in _alternating(list(workers), repetitions):
            log(f"whole run with {w} worker(s) ...")
            times[w].append(_fresh(_run, str(tmp / "in"), str(tmp / f"run-{w}"), en_model, w, True))
        first = statistics.median(t["seconds"] for t in times[min(workers)])
        for w in workers:
            seconds = statistics.median(t["seconds"] for t in times[w])
            report.runs.append(
                RunTiming(
                    w,
                    times[w][0]["workers"],
                    seconds,
                    [t["seconds"] for t in times[w]],
                    times[w][0]["articles"] / seconds,
                    first / seconds,
                    max(t["rss_mb"] for t in times[w]),
                    max(t["worker_rss_mb"] for t in times[w]),
                )  # fmt: skip
            )
        # incremental: the fewest workers' output is up to date; change one file and run again
        changed = min(p for folder in folders.values() for p in folder.glob("*.txt"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n\nОбновлено.", encoding="utf-8")
        log("incremental re-run, one file changed ...")
        again = _fresh(_run, str(tmp / "in"), str(tmp / f"run-{min(workers)}"), en_model, min(workers), False)
        report.full_run_s, report.incremental_s = first, again["seconds"]
        report.incremental_processed = again["processed"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report


def _throughput(lang: str, turns: dict, alone: dict) -> Throughput:
    med, passes = statistics.median, turns["passes"]
    articles, chars = turns["articles"], turns["chars"]
    ratios = [p["bare"] / p["ours"] for p in passes]  # same texts: ours/bare throughput
    return Throughput(
        lang=lang,
        baseline=BASELINES[lang],
        articles=articles,
        chars=chars,
        baseline_articles_s=med(p["articles"] / p["bare"] for p in passes),
        ours_articles_s=med(p["articles"] / p["ours"] for p in passes),
        baseline_chars_s=med(p["chars"] / p["bare"] for p in passes),
        ours_chars_s=med(p["chars"] / p["ours"] for p in passes),
        ratio=med(ratios),
        ratios=ratios,
        baseline_load_s=alone["load_s"],
        ours_load_s=turns["ours_load_s"],
        baseline_rss_mb=alone["rss_mb"],
    )


def markdown(report: BenchReport) -> str:
    """Give the report as markdown tables."""
    lines = [
        f"# Benchmark: {report.articles} articles from {report.source}",
        "",
        f"## Throughput: one worker, models loaded, the two taking turns per article ({report.repetitions} passes)",
        "",
        "Medians over the passes; ratio = ours / bare throughput, the median of the per-pass ratios.",
        "",
        "| lang | baseline | articles | chars | bare art/s | ours art/s | bare chars/s | ours chars/s | ratio "
        "| per pass | loading s (bare / ours) | peak RSS MiB (bare alone) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in report.throughput:
        lines.append(
            f"| {t.lang} | {t.baseline} | {t.articles} | {t.chars} | {t.baseline_articles_s:.2f} | "
            f"{t.ours_articles_s:.2f} | {t.baseline_chars_s:.0f} | {t.ours_chars_s:.0f} | {t.ratio:.2f} | "
            f"{', '.join(f'{r:.2f}' for r in t.ratios)} | {t.baseline_load_s:.1f} / {t.ours_load_s:.1f} | "
            f"{t.baseline_rss_mb:.0f} |"
        )
    lines += [
        "",
        "## End to end: each from a fresh interpreter's start, `pipeline extract --workers 1` against the bare "
        "annotator",
        "",
        "Medians; ratio = bare seconds / ours seconds (ours / bare throughput), the median of the per-pair ratios; "
        "start = until the models that language needs are loaded.",
        "",
        "| lang | baseline | articles | bare s | ours s | ratio | per pair | start s (bare / ours) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in report.end_to_end:
        lines.append(
            f"| {e.lang} | {e.baseline} | {e.articles} | {e.baseline_s:.1f} | {e.ours_s:.1f} | {e.ratio:.2f} | "
            f"{', '.join(f'{r:.2f}' for r in e.ratios)} | {e.baseline_start_s:.1f} / {e.ours_start_s:.1f} |"
        )
    lines += [
        "",
        "## Whole runs on all the texts (wall-clock from process start, model loading included)",
        "",
        "| workers | started | median s | all s | articles/s | speed-up | peak RSS MiB (run) "
        "| peak RSS MiB (largest worker) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in report.runs:
        lines.append(
            f"| {r.workers} | {r.used} | {r.seconds:.1f} | {', '.join(f'{s:.1f}' for s in r.all_seconds)} | "
            f"{r.articles_s:.2f} | {r.speedup:.2f} | {r.rss_mb:.0f} | {r.worker_rss_mb:.0f} |"
        )
    lines += [
        "",
        f"Incremental re-run after one file changed: {report.incremental_s:.1f} s "
        f"({report.incremental_processed} file redone), against {report.full_run_s:.1f} s for the full run "
        "(both from process start).",
    ]
    return "\n".join(lines)


def as_dict(report: BenchReport) -> dict:
    return asdict(report)
