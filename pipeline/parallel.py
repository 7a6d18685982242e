"""Worker processes: BLAS and OpenMP pinned to one thread each, results in submission order.

`executor(workers, ...)` gives a Pool of worker processes that have the models loaded once
(forked after loading them on Linux, spawned and loading them in `initializer` elsewhere), or for
0 an in-process stand-in with the same `submit` interface. Articles are always processed in
workers, even with one: a worker killed by the OOM killer or crashed by a library is replaced and
its article tried again, an article that runs past its time budget is stopped, and the run goes
on. `in_order` yields results in the order of the jobs whatever order the workers finish them
in, with at most `window` jobs submitted ahead, so memory stays bounded.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context

from .pool import JobFailed, Pool

__all__ = ["JobFailed", "Pool", "executor", "in_order", "pin_threads", "default_workers", "can_fork"]

LOOKAHEAD = 10_000  # jobs held at once, computed or not

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


def pin_threads() -> None:
    """Limit BLAS, OpenMP and torch to one thread in this process and in processes it starts.

    slovnet's matrix products on short sentences gain nothing from more threads and lose much
    when several workers' threads compete for the same cores.
    """
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the variables above still pin libraries loaded from now on
        pass
    else:
        threadpool_limits(1)
    torch = sys.modules.get("torch")  # loaded by thinc when installed; never imported here
    if torch is not None:
        torch.set_num_threads(1)


def default_workers() -> int:
    """Give the number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class _Deferred:
    """A job run in this process when its result is first asked for."""

    def __init__(self, fn: Callable, args: tuple) -> None:
        self.fn, self.args = fn, args

    def result(self):
        return self.fn(*self.args)


class Inline:
    """Jobs run in this process, in order, when their results are read (`--workers 0`: for
    profiling and debugging; no time budget, and a crash of a library ends the run)."""

    def submit(self, fn: Callable, *args) -> _Deferred:
        return _Deferred(fn, args)


def can_fork() -> bool:
    """Tell whether workers can be forked from this process: on Linux, where fork is safe for the
    libraries loaded here, and where it shares the loaded models' memory with the workers."""
    return sys.platform.startswith("linux") and "fork" in get_all_start_methods()


@contextmanager
def executor(
    workers: int,
    *,
    initializer: Callable,
    initargs: tuple = (),
    preload: Callable | None = None,
    timeout: float | None = None,
):
    """Give a Pool of `workers` processes, or Inline for 0.

    Every worker runs `initializer(*initargs)` once before its first job (the replacement of a
    dead one too). On Linux the workers are forked once `preload` has loaded the models here: they
    start at once and share the models' memory, and `initializer` finds them loaded; elsewhere
    they are spawned and `initializer` loads them. Every worker starts before this function
    returns, so before this process starts other threads (a progress bar's, pyarrow's).
    """
    pin_threads()  # before the workers start: they inherit the variables
    if workers <= 0:
        yield Inline()
        return
    if can_fork():
        if preload is not None:
            preload()
        gc.freeze()  # keep the models' objects out of the collector: fewer copied pages
    context = get_context("fork" if can_fork() else "spawn")
    pool = Pool(workers, context=context, initializer=initializer, initargs=initargs, timeout=timeout)
    try:
        pool.start()
        yield pool
    except BaseException:
        pool.kill()
        raise
    else:
        pool.close()
    finally:
        if can_fork():
            gc.unfreeze()


def in_order(pool, jobs: Iterable, *, window: int, expand: Callable | None = None) -> Iterator:
    """Yield `(tag, result)` for each job in order. A job is `(fn, args, tag)`, or `(None, value,
    tag)` when there is nothing to compute (its value is yielded as is); at most `window` computed
    jobs are submitted ahead of the one being read, and at most LOOKAHEAD jobs are held.

    A job that failed (its worker died twice, or it ran out of time) gives its JobFailed as its
    result. `expand(tag, result)` may give the jobs to do in a result's place (the parts of a file
    too long to be one article): they are done, in order, before the jobs after it."""
    pending: deque = deque()  # [tag, future or None, value, job not yet submitted or None]
    submitted = 0
    jobs = iter(jobs)

    def fill() -> None:
        nonlocal submitted
        for entry in pending:
            if submitted >= window:
                return
            if entry[3] is not None:
                fn, args = entry[3]
                entry[1], entry[3] = pool.submit(fn, *args), None
                submitted += 1
        while submitted < window and len(pending) < LOOKAHEAD:
            job = next(jobs, None)
            if job is None:
                return
            fn, args, tag = job
            if fn is None:
                pending.append([tag, None, args, None])
            else:
                pending.append([tag, pool.submit(fn, *args), None, None])
                submitted += 1

    fill()
    while pending:
        if pending[0][3] is not None:  # expanded jobs not submitted yet
            fill()
        tag, future, value, _ = pending.popleft()
        if future is not None:
            try:
                value = future.result()
            except JobFailed as exc:
                value = exc
            submitted -= 1
        more = expand(tag, value) if expand is not None else None
        if more:
            pending.extendleft(
                [tag_, None, args, None] if fn is None else [tag_, None, None, (fn, args)]
                for fn, args, tag_ in reversed(more)
            )
            fill()
            continue
        fill()
        yield tag, value
