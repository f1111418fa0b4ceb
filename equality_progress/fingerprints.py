"""Content hashes (SHA-256, FIPS 180-4) of the files a report depends on, each file hashed
once per batch.

Within a process a file is hashed once, keyed by its path, size and modification time (a
file changed since is hashed again). As git does with its index ("racy git"), a file
modified in the last two seconds is not remembered, since a second edit within the
file system's timestamp granularity could keep both its size and its time.

A batch hashes every report's inputs when it plans (to skip unchanged reports) and hands
the hashes to its kernels through the batch's memo folder (:func:`share`): a kernel reads
a file's hash from there (for the provenance and the memo of checked inputs) rather than
hashing it again. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

from equality_progress import layout

SHARED = "sha256.json"  # the batch's table of hashes, in its memo folder

_lock = threading.Lock()
_known: dict[str, tuple[int, int, str]] = {}  # resolved path -> (size, mtime_ns, sha256)
_shared_from: str | None = None  # the memo folder whose table has been read
RACY_NS = 2_000_000_000  # files younger than this are hashed every time


def _stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def _hash_bytes(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_shared() -> None:
    """Take in the batch's table once per memo folder (a kernel serves one batch)."""
    global _shared_from
    folder = os.environ.get(layout.MEMO_ENV)
    if not folder or folder == _shared_from:
        return
    _shared_from = folder
    try:
        table = json.loads((Path(folder) / SHARED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for name, (size, mtime, digest) in table.items():
        _known.setdefault(name, (size, mtime, digest))


def sha256(path: Path) -> str:
    """The file's SHA-256, hashed at most once while it is unchanged."""
    name, size, mtime = _stamp(path)
    with _lock:
        _read_shared()
        hit = _known.get(name)
        if hit and hit[:2] == (size, mtime):
            return hit[2]
    digest = _hash_bytes(path)
    if time.time_ns() - mtime > RACY_NS:
        with _lock:
            _known[name] = (size, mtime, digest)
    return digest


def share(folder: Path) -> None:
    """Write every hash this process knows into a batch's memo folder, for its kernels."""
    with _lock:
        table = {k: list(v) for k, v in _known.items()}
    (folder / SHARED).write_text(json.dumps(table), encoding="utf-8")


def code_digest() -> str:
    """One hash over the code that shapes a report (:func:`layout.report_code`): each
    file's path in the package and its own hash."""
    h = hashlib.sha256()
    for f in layout.report_code():
        h.update(f"{f.relative_to(layout.PACKAGE).as_posix()}\0{sha256(f)}\n".encode())
    return h.hexdigest()
