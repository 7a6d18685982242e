"""Articles processed on a Dask cluster (dask.distributed), the tables written here as in a local run.

`dask_executor(address, ...)` gives an executor with the `submit` interface of the local worker
pool (`parallel.py`), so a run on a cluster is the same run as a local one: the same jobs in the
same order (`jobs.py`), the same article ids, the same writer switching the whole set of outputs
into place (`write.py`, `outdir.py`), the same incremental re-runs. Only where the articles are
processed changes:

- Jobs go to the cluster in batches of `batch` consecutive jobs, one Dask task each (a task per
  article would make the scheduler's overhead count on short articles). At most a few batches per
  worker are in flight (`in_order`'s window), so neither the cluster nor this process holds more
  than that whatever the size of the corpus.
- Every worker loads the models once, through a worker plugin (`ModelsPlugin`), also on a worker
  that joins the cluster later; a batch that lands on a worker before it checks them again (cheap).
- A batch returns its articles' rows (`run.Outcome`): they come back to this process, which
  streams them into the Parquet and CSV tables in row groups (`write.py`) and keeps only what a
  local run keeps (the `entities` state, one id and one manifest entry per article). No folder
  has to be shared between the workers and this process.
- A batch whose worker died is retried by Dask on another worker; a batch that still fails is
  redone one job per task, so that only the article that kills its workers gets an error row.
  Articles have no time budget on a cluster (a running Dask task cannot be stopped): give the
  workers a memory limit (`dask worker --memory-limit`), which Dask enforces by restarting them.

`--dask local` or `local:N` starts a LocalCluster of N single-threaded worker processes on this
machine (N: the cores it may use); any other value is a scheduler's address (`tcp://host:8786`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from .pool import JobFailed

BATCH = 16  # articles per Dask task
BATCHES_AHEAD = 3  # batches in flight per worker thread


class ClusterError(RuntimeError):
    """The cluster could not be reached or started (for the user, in one line)."""


def parse_address(address: str) -> tuple[str, int | None]:
    """Give ("local", N or None) for `local` / `local:N`, else ("address", None)."""
    if address == "local" or address.startswith("local:"):
        _, _, n = address.partition(":")
        if n and (not n.isdigit() or int(n) < 1):
            raise ClusterError(f"--dask local:N takes a number of workers >= 1, not {n!r}")
        return "local", int(n) if n else None
    return "address", None


def _setup(en_model: str, disable: tuple[str, ...]) -> None:
    """What a worker does before its first article, and checks before each batch (cheap once done)."""
    from .run import init_worker

    init_worker(en_model, disable)  # one thread, the rules switched off, models loaded once


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask[distributed] is a dependency; a broken install says so later
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ModelsPlugin(WorkerPlugin):
    """Loads the models of a run once per worker, before its first task (and on workers that join)."""

    def __init__(self, en_model: str, disable: tuple[str, ...]) -> None:
        self.en_model, self.disable = en_model, tuple(disable)
        self.name = f"pipeline-models-{en_model}-{','.join(self.disable)}"

    def setup(self, worker) -> None:
        _setup(self.en_model, self.disable)


class _Raised:
    """A job's exception, carried back as text (its class may not unpickle here)."""

    def __init__(self, exc: BaseException) -> None:
        self.message = f"{type(exc).__name__}: {exc}"


def run_batch(calls: list[tuple[Callable, tuple]], en_model: str, disable: tuple[str, ...]) -> list:
    """Run a batch of jobs on a worker: each job's value, or _Raised for a job that raised."""
    from .nlp import ModelNotInstalled

    _setup(en_model, disable)
    values = []
    for fn, args in calls:
        try:
            values.append(fn(*args))
        except ModelNotInstalled:  # a configuration problem concerns every article: stops the run
            raise
        except Exception as exc:  # noqa: BLE001 - jobs catch their articles' errors; this is the last net
            values.append(_Raised(exc))
    return values


class _Batch:
    def __init__(self, executor: DaskExecutor, calls: list) -> None:
        self.executor, self.calls = executor, calls
        self.future = executor.client.submit(run_batch, calls, *executor.setup, pure=False)
        self.values: list | None = None

    def value(self, i: int):
        if self.values is None:
            from .nlp import ModelNotInstalled

            try:
                self.values = self.future.result()
            except ModelNotInstalled:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker that died on it, twice or more
                self.values = self._one_by_one(exc)
            self.future = None  # released on the cluster
        value = self.values[i]
        if isinstance(value, _Raised):
            raise JobFailed(value.message)
        return value

    def _one_by_one(self, exc: BaseException) -> list:
        """Redo the jobs of a failed batch one task each: only those that fail again fail."""
        if len(self.calls) == 1:
            return [_Raised(exc)]
        client, setup = self.executor.client, self.executor.setup
        futures = [client.submit(run_batch, [call], *setup, pure=False) for call in self.calls]
        values = []
        for future in futures:
            try:
                values.extend(future.result())
            except Exception as again:  # noqa: BLE001
                values.append(_Raised(again))
        return values


class _Job:
    def __init__(self, executor: DaskExecutor) -> None:
        self.executor = executor
        self.batch: _Batch | None = None
        self.index = 0

    def result(self):
        if self.batch is None:
            self.executor.flush()
        return self.batch.value(self.index)


class DaskExecutor:
    """Jobs submitted in batches of `batch` to a Dask client; `submit` as the local pool's."""

    def __init__(self, client, *, en_model: str, disable: tuple[str, ...], batch: int = BATCH) -> None:
        self.client, self.batch = client, max(1, batch)
        self.setup = (en_model, tuple(disable))
        self.queue: list[tuple[Callable, tuple, _Job]] = []

    def submit(self, fn: Callable, *args) -> _Job:
        job = _Job(self)
        self.queue.append((fn, args, job))
        if len(self.queue) >= self.batch:
            self.flush()
        return job

    def flush(self) -> None:
        if not self.queue:
            return
        batch = _Batch(self, [(fn, args) for fn, args, _ in self.queue])
        for i, (_, _, job) in enumerate(self.queue):
            job.batch, job.index = batch, i
        self.queue = []

    def threads(self) -> int:
        """Give the worker threads of the cluster now (at least 1)."""
        workers = self.client.scheduler_info().get("workers", {})
        return max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def window(self) -> int:
        """Give the jobs to keep submitted ahead: BATCHES_AHEAD batches per worker thread."""
        return BATCHES_AHEAD * self.batch * self.threads()


@contextmanager
def dask_executor(address: str, *, en_model: str, disable: tuple[str, ...] = (), batch: int = BATCH):
    """Give a DaskExecutor on the scheduler at `address`, or on a LocalCluster for `local[:N]`
    (closed at the end); every worker loads the models once (ModelsPlugin)."""
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(
            f"dask.distributed is not installed ({exc}): pip install 'dask[distributed]'"
        ) from exc
    from .parallel import default_workers, pin_threads

    pin_threads()  # LocalCluster's workers inherit the variables
    kind, n = parse_address(address)
    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(
                n_workers=n or default_workers(), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.CRITICAL,
            )  # fmt: skip
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.register_plugin(ModelsPlugin(en_model, disable))
        yield DaskExecutor(client, en_model=en_model, disable=disable, batch=batch)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
