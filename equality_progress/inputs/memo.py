"""Checked inputs shared by the processes of one batch, keyed by their content.

A batch reads the same files many times: each report reads every year from the baseline
to its own (a 2025-26 report reads five years), first in the batch process, to check them
before its notebook runs, then in the kernel, to compute. The runner gives each batch a
private folder (``$EQUALITY_PROGRESS_MEMO``, inherited by its kernels); the first process
to check a file stores the result there under the file's SHA-256 (hashed once per batch,
:mod:`equality_progress.fingerprints`) and everything else the check depends on, and every
later read of the same content loads that result instead of reading and checking again.
A lock per entry makes a second process wait for the first rather than repeat its work.
The folder is private (mode 0700: it holds record-level data) and is deleted when the
batch ends. Without it (a notebook run by hand, ``validate``) every read checks its file.

A hand-rolled memo rather than joblib.Memory or diskcache: those persist across runs and
key on the arguments' pickles, while this must key on file content, lock across
processes and disappear with the batch - a few lines of the standard library.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from equality_progress.layout import MEMO_ENV

try:  # POSIX; without it two processes may both check a file, which is only slower
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

T = TypeVar("T")
log = logging.getLogger(__name__)


def memo_folder() -> Path | None:
    """This batch's memo folder, or None when there is none (or it has gone)."""
    env = os.environ.get(MEMO_ENV)
    return Path(env) if env and Path(env).is_dir() else None


def entry_key(digest: str, context: tuple[str, ...]) -> str:
    """SHA-256 of the content's hash and of each part of the context, kept apart by NUL
    bytes."""
    h = hashlib.sha256(digest.encode())
    for part in context:
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def memoised(digest: str, context: tuple[str, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave earlier in this batch for the same content (its
    SHA-256, ``digest``) and ``context`` (which must name everything else the result depends
    on). Each call returns its own copy, so callers may change what they get."""
    folder = memo_folder()
    if folder is None:
        return compute()
    path = folder / f"{entry_key(digest, context)}.pickle"
    with _locked(path.with_suffix(".lock")):
        if path.exists():
            with path.open("rb") as fh:
                return pickle.load(fh)
        value = compute()
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk costs speed, not correctness
            log.warning("could not keep a checked input in %s: %s", folder, exc)
        return value


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def batch_memo() -> Iterator[Path]:
    """A private memo folder for one batch, named in the environment that the batch's
    kernels inherit; deleted, and the environment restored, afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="ep-memo-"))  # mkdtemp: mode 0700
    previous = os.environ.get(MEMO_ENV)
    os.environ[MEMO_ENV] = str(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is None:
            os.environ.pop(MEMO_ENV, None)
        else:
            os.environ[MEMO_ENV] = previous
