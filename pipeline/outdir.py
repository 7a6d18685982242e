"""The output folder: one writer at a time, the set of output files switched as a whole, cleaning.

- `locked(out)`: an exclusive `fcntl.flock` on `OUT/.pipeline/lock` for the whole run. The kernel
  drops it when the process ends however it ends (kill -9 included), so a lock is never stale; a
  second run is refused with the holder's pid (written into the file).
- `commit(out, staging)`: every file of a run is written into a staging folder `OUT/.writing-PID-*`
  first. To switch, a journal `OUT/.pipeline/commit.json` listing the staged entries is written
  atomically (the commit point), then the entries are renamed into place and the journal removed.
  A process killed during the renames leaves the journal: `recover(out)`, run by every command
  before it reads OUT, finishes the renames (rolls forward). Before the commit point OUT holds
  the complete old set, after it the complete new set once recovered.
- `clean(out)`: removes the files the last run listed, the review pages (`pipeline review`, which
  are not part of the set) and the state, only in a folder that is a pipeline output, never the
  checkout; `make clean` runs this file as a script.

Standard library only, so that `make clean` can run it with the system's python3.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_DIR = ".pipeline"
LOCK = "lock"
JOURNAL = "commit.json"
MANIFEST = "manifest.json"
STAGING_PREFIX = ".writing-"
REVIEW = "review"  # the review pages: written by `pipeline review`, outside the switched set
REVIEW_STAMP = ".run"  # in REVIEW: the id of the run the pages show (marks the folder as ours)
# temporary folders of a process, named PREFIX + pid + "-…": removed once that process is gone
TEMPORARY_PREFIXES = (STAGING_PREFIX, ".review-")
OLD = ".old"  # inside the staging folder: folders of the previous set, moved aside to be replaced


class OutputInUse(RuntimeError):
    """Another process holds the output folder's lock."""

    def __init__(self, out: Path, pid: str) -> None:
        super().__init__(f"{out} is in use by pid {pid or '?'} (another run writes into it)")
        self.pid = pid


class NotAnOutput(RuntimeError):
    """`clean` was asked to empty a folder that is not a pipeline output."""


_HELD: set[int] = set()  # descriptors of locks this process holds; closed in forked children


def _forget_locks_in_child() -> None:
    # A forked worker shares the lock's open file: were the run killed, an orphaned worker would
    # keep OUT locked. The child closes its copy; the parent's lock is unaffected.
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def state_dir(out: Path) -> Path:
    """Give OUT/.pipeline, created if missing (a file in its place is damaged state: removed)."""
    folder = Path(out) / STATE_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the exclusive lock of `out` (created if missing); raise OutputInUse when another
    process holds it."""
    import fcntl  # POSIX; imported here so that the module loads everywhere

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "the output folder is a file", str(out))
    out.mkdir(parents=True, exist_ok=True)
    path = state_dir(out) / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        raise OutputInUse(out, holder) from None
    except BaseException:
        os.close(fd)
        raise
    _HELD.add(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)  # releases the lock; the file stays (removing it would race a new locker)


# --- the switch -------------------------------------------------------------------------------------


def staged_units(staging: Path) -> list[str]:
    """Give the entries of a staging folder that are switched one rename each: its top-level
    files and folders, and the files of its `.pipeline/` (that folder holds the lock, so it is
    never replaced whole). The manifest comes last."""
    units = [p.name for p in sorted(staging.iterdir()) if p.name not in (STATE_DIR, OLD)]
    state = staging / STATE_DIR
    if state.is_dir():
        names = sorted(p.name for p in state.iterdir())
        units += [f"{STATE_DIR}/{n}" for n in sorted(names, key=lambda n: n == MANIFEST)]
    return units


def commit(out: Path, staging: Path) -> None:
    """Switch the files staged in `staging` into `out` as one set (see the module's docstring)."""
    out, staging = Path(out), Path(staging)
    units = staged_units(staging)
    for unit in units:
        _fsync_tree(staging / unit)
    journal = {"staging": staging.name, "units": units}
    written = staging / JOURNAL
    with open(written, "w", encoding="utf-8") as f:
        json.dump(journal, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(written, state_dir(out) / JOURNAL)  # the commit point
    _fsync_dir(out / STATE_DIR)
    _roll_forward(out, journal)


def _roll_forward(out: Path, journal: dict) -> None:
    """Do the renames of a journal that are not done yet, then drop its staging folder and itself.
    Each step can be cut short and redone."""
    staging = out / journal["staging"]
    for unit in journal["units"]:
        source, target = staging / unit, out / unit
        if not source.exists() and not source.is_symlink():
            continue  # moved by the interrupted run
        if target.is_dir() and not target.is_symlink():
            aside = staging / OLD / unit
            if aside.exists():
                shutil.rmtree(target)  # the earlier attempt moved one aside already
            else:
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, aside)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    _fsync_dir(out)
    _fsync_dir(out / STATE_DIR)
    shutil.rmtree(staging, ignore_errors=True)
    (out / STATE_DIR / JOURNAL).unlink(missing_ok=True)


def recover(out: Path) -> list[str]:
    """Finish a switch that a killed run left half done, then remove the staging folders of runs
    that are gone; give what was done, for the log. Call it holding the lock."""
    out = Path(out)
    done = []
    path = out / STATE_DIR / JOURNAL
    if path.is_file() or path.is_dir():
        try:
            journal = json.loads(path.read_text(encoding="utf-8"))
            if not (isinstance(journal.get("staging"), str) and isinstance(journal.get("units"), list)):
                raise ValueError("not a journal")
        except (OSError, ValueError, AttributeError):
            # Cannot happen short of disk damage (the journal is renamed into place whole). The
            # set may be mixed: without a manifest the next run trusts nothing and redoes all.
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
            (out / STATE_DIR / MANIFEST).unlink(missing_ok=True)
            done.append("removed an unreadable commit journal; the next run redoes every file")
        else:
            _roll_forward(out, journal)
            done.append("finished switching in the tables of an interrupted run")
    for prefix in TEMPORARY_PREFIXES:
        for staging in out.glob(f"{prefix}*"):
            pid = staging.name.split("-")[1] if staging.name.count("-") >= 2 else ""
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(staging, ignore_errors=True)
                done.append(f"removed {staging.name}, left by a command that was killed")
    return done


def settle(out: Path) -> list[str]:
    """Make `out` safe to read: recover it unless a run holds it (that run finishes its own switch)."""
    if not (Path(out) / STATE_DIR).is_dir():
        return []
    try:
        with locked(out):
            return recover(out)
    except (OutputInUse, OSError):  # a run holds it, or the folder is read-only: nothing to do
        return []


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_tree(path: Path) -> None:
    paths = [path] if not path.is_dir() else [p for p in path.rglob("*") if p.is_file()]
    for p in paths:
        with open(p, "rb") as f:
            os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder
    finally:
        os.close(fd)


# --- cleaning -----------------------------------------------------------------------------------


def listed_outputs(out: Path) -> list[str]:
    """Give the entries the last run wrote into `out` (from its manifest), [] when unknown."""
    try:
        manifest = json.loads((Path(out) / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))
        outputs = manifest["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [o for o in outputs if isinstance(o, str) and o and ".." not in Path(o).parts]


def clean(out: str | Path, *, checkout: Path | None = None) -> list[str]:
    """Remove what the pipeline wrote into `out`: the files its last run listed, the review pages,
    the state and the staging folders; anything else stays. Refuse (NotAnOutput) an empty name, a folder without
    pipeline state, the checkout or a folder holding it. Give the names removed."""
    if not str(out).strip():
        raise NotAnOutput("OUT is empty: refusing to clean (name the output folder: make clean OUT=data/out)")
    out = Path(out)
    if not out.exists() or (out.is_dir() and not any(p.name != ".gitkeep" for p in out.iterdir())):
        return []  # nothing to clean
    real = out.resolve()
    checkout = (checkout or Path(__file__).resolve().parent.parent).resolve()
    if real == checkout or real in checkout.parents or (real / ".git").exists():
        raise NotAnOutput(f"{out} is (or holds) the checkout: refusing to clean it")
    if not (out / STATE_DIR).is_dir():
        raise NotAnOutput(f"{out} is not a pipeline output (no {STATE_DIR}/ state): refusing to clean it")
    with locked(out):
        recover(out)
        removed = []
        for name in listed_outputs(out):
            if name.startswith(STATE_DIR + "/"):
                continue
            path = out / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            else:
                continue
            removed.append(name)
        if (out / REVIEW / REVIEW_STAMP).is_file() and not (out / REVIEW).is_symlink():
            shutil.rmtree(out / REVIEW)
            removed.append(REVIEW)
    shutil.rmtree(out / STATE_DIR)
    return [*removed, STATE_DIR]


def main(argv: list[str]) -> int:
    """`python pipeline/outdir.py clean OUT` (the Makefile's `clean`)."""
    if len(argv) != 2 or argv[0] != "clean":
        print("usage: outdir.py clean OUT", file=sys.stderr)
        return 2
    try:
        removed = clean(argv[1])
    except (NotAnOutput, OutputInUse) as exc:
        print(f"make clean: {exc}", file=sys.stderr)
        return 2
    print(f"{argv[1]}: removed {', '.join(removed)}" if removed else f"{argv[1]}: nothing to clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
