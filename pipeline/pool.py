"""A pool of worker processes that survives its workers: deaths, hangs, and its own death.

Each worker does one job at a time, so the job of a worker that dies is known: the worker is
replaced and the job tried once more (the OOM killer may have picked the worker for another
process's growth), then failed with JobFailed, and the run goes on. A job that runs past the time
budget has its worker killed and replaced and fails with JobFailed. concurrent.futures'
ProcessPoolExecutor cannot do this: a dead worker breaks the whole pool and every pending job.

Workers die with the process that started them however it ends, kill -9 included: a
parent-death signal on Linux (prctl PR_SET_PDEATHSIG, the kernel's guarantee, nothing to poll),
a watchdog thread polling the parent's pid elsewhere. They ignore SIGINT: Ctrl-C reaches the
whole process group, and the parent decides (it ends them).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing import connection

RETRIES = 1  # a job whose worker died is tried once more on a new worker
STARTS = 3  # workers that die before they are ready, in a row, before the run gives up


class JobFailed(Exception):
    """A job that did not complete: its worker died twice, or it ran past the time budget."""


class _Job:
    def __init__(self, pool: Pool, fn: Callable, args: tuple) -> None:
        self.pool, self.fn, self.args = pool, fn, args
        self.tries = 0
        self.done = False
        self.value = None
        self.error: BaseException | None = None

    def result(self):
        while not self.done:
            self.pool.step()
        if self.error is not None:
            raise self.error
        return self.value

    def finish(self, value=None, error: BaseException | None = None) -> None:
        self.done, self.value, self.error = True, value, error


class _Worker:
    def __init__(self, process, conn) -> None:
        self.process, self.conn = process, conn
        self.ready = False
        self.job: _Job | None = None
        self.since = 0.0


class Pool:
    """Worker processes that each do one job at a time, watched by this process.

    A worker that dies (the OOM killer, a crash in a library) is replaced and its job tried once
    more, then failed with JobFailed; a job that runs longer than `timeout` seconds has its worker
    killed and replaced and fails with JobFailed. Workers die with this process however it ends:
    a parent-death signal on Linux (prctl), a watchdog thread elsewhere. Jobs run in the order
    they were submitted; `step()` moves the pool on.
    """

    def __init__(
        self,
        workers: int,
        *,
        context,
        initializer: Callable | None = None,
        initargs: tuple = (),
        timeout: float | None = None,
    ) -> None:
        self.size, self.context = workers, context
        self.initializer, self.initargs = initializer, initargs
        self.timeout = timeout if timeout and timeout > 0 else None
        self.workers: list[_Worker] = []
        self.queue: deque[_Job] = deque()
        self.failed_starts = 0

    def start(self) -> None:
        for _ in range(self.size):
            self.workers.append(self._spawn())
        while not all(w.ready for w in self.workers):
            self.step()

    def _spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(theirs, os.getpid(), self.initializer, self.initargs), daemon=True
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def submit(self, fn: Callable, *args) -> _Job:
        job = _Job(self, fn, args)
        self.queue.append(job)
        self._dispatch()
        return job

    def _dispatch(self) -> None:
        for worker in self.workers:
            if not self.queue:
                return
            if worker.ready and worker.job is None:
                job = self.queue.popleft()
                try:
                    worker.conn.send((job.fn, job.args))
                except (OSError, ValueError):  # the worker is gone: its death is handled in step()
                    self.queue.appendleft(job)
                    continue
                worker.job, worker.since = job, time.monotonic()

    def step(self) -> None:
        """Wait for one event (a result, a worker ready or dead, a job out of time) and handle it."""
        self._dispatch()
        busy = [w for w in self.workers if w.job is not None]
        wait_for = None
        if self.timeout is not None and busy:
            wait_for = max(0.0, min(w.since for w in busy) + self.timeout - time.monotonic())
        objects = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        ready = set(connection.wait(objects, timeout=wait_for))
        for worker in list(self.workers):
            if worker.conn in ready:
                self._receive(worker)
            elif worker.process.sentinel in ready:
                self._lost(worker, _death(worker.process))
        if self.timeout is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.job is not None and now - worker.since >= self.timeout:
                    job = worker.job
                    worker.job = None
                    self._replace(worker)
                    job.finish(error=JobFailed(f"timed out after {self.timeout:g} s (--article-timeout)"))
        self._dispatch()

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            self._lost(worker, _death(worker.process))
            return
        if kind == "ready":
            worker.ready = True
            self.failed_starts = 0
            return
        job, worker.job = worker.job, None
        if job is not None:
            job.finish(payload if kind == "ok" else None, payload if kind == "error" else None)

    def _lost(self, worker: _Worker, how: str) -> None:
        """A worker died: replace it; retry its job once, then fail it."""
        job, worker.job = worker.job, None
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= STARTS:
                raise RuntimeError(f"worker processes die as they start ({how})")
        self._replace(worker)
        if job is None:
            return
        job.tries += 1
        if job.tries <= RETRIES:
            self.queue.appendleft(job)
        else:
            job.finish(error=JobFailed(f"the worker process died twice on it ({how})"))

    def _replace(self, worker: _Worker) -> None:
        _stop(worker)
        self.workers[self.workers.index(worker)] = self._spawn()

    def close(self) -> None:
        """Let the workers finish and end (after the last job was read)."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.process.join(10)
            _stop(worker)
        self.workers = []

    def kill(self) -> None:
        """End every worker at once (on an error or an interrupt)."""
        for worker in self.workers:
            _stop(worker)
        self.workers = []


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(10)
    worker.conn.close()


def _death(process) -> str:
    """Say how a worker process ended."""
    process.join(5)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# --- in the worker ------------------------------------------------------------------------------

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends, however it ends (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the signal was asked for
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:  # elsewhere: a thread that notices the parent is gone
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(conn, parent: int, initializer: Callable | None, initargs: tuple) -> None:
    """A worker's life: set up, say it is ready, then do jobs until told to stop."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if initializer is not None:
        initializer(*initargs)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            reply = ("ok", fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which decides
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an unpicklable result or error
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
