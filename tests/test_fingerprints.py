"""File hashes: the published SHA-256 test vector, each file hashed once while unchanged,
and the batch's table handed to its kernels."""

from __future__ import annotations

import json
import os

from equality_progress import fingerprints, layout


def test_sha256_matches_the_published_test_vector(tmp_path):
    """FIPS 180-2, appendix B.1: SHA-256("abc")."""
    f = tmp_path / "abc"
    f.write_bytes(b"abc")
    assert fingerprints.sha256(f) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def _age(path, seconds=60):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_a_file_is_hashed_once_while_unchanged(tmp_path, monkeypatch):
    f = tmp_path / "x.csv"
    f.write_bytes(b"abc")
    _age(f)
    calls = []
    real = fingerprints._hash_bytes
    monkeypatch.setattr(fingerprints, "_hash_bytes", lambda p: calls.append(p) or real(p))
    first = fingerprints.sha256(f)
    assert fingerprints.sha256(f) == first and len(calls) == 1
    f.write_bytes(b"abd")  # changed: hashed again (and, being new, every time until it ages)
    assert fingerprints.sha256(f) != first and len(calls) == 2


def test_a_kernel_takes_the_batchs_hashes_instead_of_hashing(tmp_path, monkeypatch):
    f = tmp_path / "x.csv"
    f.write_bytes(b"abc")
    _age(f)
    memo = tmp_path / "memo"
    memo.mkdir()
    st = f.stat()
    # the batch's table says this file, at this size and time, has this (made-up) hash
    table = {str(f.resolve()): [st.st_size, st.st_mtime_ns, "from-the-batch"]}
    (memo / fingerprints.SHARED).write_text(json.dumps(table))
    monkeypatch.setenv(layout.MEMO_ENV, str(memo))
    monkeypatch.setattr(fingerprints, "_known", {})
    monkeypatch.setattr(fingerprints, "_shared_from", None)
    assert fingerprints.sha256(f) == "from-the-batch"


def test_the_code_digest_changes_with_any_file_that_shapes_a_report(tmp_path, monkeypatch):
    pkg = tmp_path / "pkg"
    (pkg / "report").mkdir(parents=True)
    (pkg / "batch").mkdir()
    (pkg / "report" / "a.py").write_text("x = 1\n")
    (pkg / "batch" / "cli.py").write_text("y = 1\n")
    monkeypatch.setattr(layout, "PACKAGE", pkg)
    before = fingerprints.code_digest()
    (pkg / "batch" / "cli.py").write_text("y = 2\n")
    assert fingerprints.code_digest() == before
    (pkg / "report" / "a.py").write_text("x = 2\n")
    assert fingerprints.code_digest() != before
