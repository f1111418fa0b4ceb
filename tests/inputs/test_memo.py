"""The batch's checked-input memo: one check per distinct file, identical results."""

import json
import os
import stat
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from equality_progress.batch import runner
from equality_progress.inputs import loading as data_io
from equality_progress.inputs import memo
from equality_progress.layout import MEMO_ENV, NOTEBOOK
from equality_progress.years import FinancialYear

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "bad_inputs"


class Counter:
    def __init__(self, value=None):
        self.calls = 0
        self.value = value if value is not None else {"rows": [1, 2, 3]}

    def __call__(self):
        self.calls += 1
        return self.value


def test_without_a_batch_every_read_computes(monkeypatch):
    monkeypatch.delenv(MEMO_ENV, raising=False)
    compute = Counter()
    for _ in range(3):
        memo.memoised("same bytes", ("workforce",), compute)
    assert compute.calls == 3


def test_a_batch_computes_once_per_content_and_context():
    compute = Counter()
    with memo.batch_memo():
        first = memo.memoised("a,b\n1,2\n", ("workforce", "2024-25"), compute)
        again = memo.memoised("a,b\n1,2\n", ("workforce", "2024-25"), compute)
        assert compute.calls == 1
        assert again == first and again is not first  # each caller gets its own copy
        memo.memoised("a,b\n1,3\n", ("workforce", "2024-25"), compute)  # other bytes
        memo.memoised("a,b\n1,2\n", ("workforce", "2023-24"), compute)  # other year
        memo.memoised("a,b\n1,2\n", ("workforce2", "024-25"), compute)  # parts kept apart
        assert compute.calls == 4


def test_the_batch_folder_is_private_and_removed_afterwards(monkeypatch):
    monkeypatch.setenv(MEMO_ENV, "/somewhere/else")
    with memo.batch_memo() as folder:
        assert os.environ[MEMO_ENV] == str(folder)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # it holds record-level data
        memo.memoised("x", ("y",), Counter())
        assert list(folder.glob("*.pickle"))
    assert not folder.exists()
    assert os.environ[MEMO_ENV] == "/somewhere/else"


def test_a_second_reader_waits_for_the_first_instead_of_repeating_the_check():
    calls = []

    def slow():
        calls.append(threading.get_ident())
        time.sleep(0.3)
        return "checked"

    with memo.batch_memo():
        results = []
        threads = [
            threading.Thread(target=lambda: results.append(memo.memoised("f", ("c",), slow)))
            for _ in range(3)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == ["checked"] * 3
    assert len(calls) == 1


@pytest.mark.parametrize(
    "path",
    [ROOT / "data" / "lcrca" / "2024-25" / "workforce.csv", CORPUS / "currency_sign.csv"],
    ids=["valid", "invalid"],
)
def test_a_memoised_read_gives_exactly_what_a_fresh_check_gives(path, monkeypatch):
    year = FinancialYear.parse("2024-25")
    monkeypatch.delenv(MEMO_ENV, raising=False)
    fresh_frame, fresh_problems = data_io.contract_read(path, "workforce", year)
    checks = []
    real = data_io.check_table
    monkeypatch.setattr(data_io, "check_table", lambda *a: checks.append(1) or real(*a))
    with memo.batch_memo():
        data_io.contract_read(path, "workforce", year)
        frame, problems = data_io.contract_read(path, "workforce", year)
    assert len(checks) == 1  # the second read came from the memo
    assert problems == fresh_problems
    if fresh_frame is None:
        assert frame is None and problems  # the invalid file stays invalid
    else:
        pd.testing.assert_frame_equal(frame, fresh_frame, check_exact=True)


# the table counts this project's own file only: the test process may have hashed copies
# of it elsewhere (other tests' project copies), which the batch shares too
RECORD_MEMO = """import json, os, pathlib
from equality_progress import fingerprints
from equality_progress.layout import data_root as _data_root
folder = os.environ.get("EQUALITY_PROGRESS_MEMO")
shared = json.loads((pathlib.Path(folder) / fingerprints.SHARED).read_text()) if folder else {}
_probed = str((_data_root() / "unnamed-ca" / "2024-25" / "actions.csv").resolve())
pathlib.Path(os.environ["MEMO_PROBE"]).write_text(
    f"{folder}\\n{len(list(pathlib.Path(folder).glob('*.pickle'))) if folder else 0}\\n"
    f"{sum(k == _probed for k in shared)}\\n"
    f"{fingerprints._shared_from == folder}"
)
"""


@pytest.mark.e2e
def test_a_batch_shares_one_memo_with_its_kernels_and_removes_it(tmp_path, monkeypatch):
    nb = json.loads((NOTEBOOK).read_text(encoding="utf-8"))
    nb["cells"].insert(
        3,  # after the notebook's first step, its check (cell 2: report.build)
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "probe",
            "metadata": {},
            "outputs": [],
            "source": RECORD_MEMO,
        },
    )
    notebook = tmp_path / "report.ipynb"
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    probe = tmp_path / "probe.txt"
    monkeypatch.setenv("MEMO_PROBE", str(probe))
    monkeypatch.delenv(MEMO_ENV, raising=False)
    opts = runner.Options(output=tmp_path / "reports", formats=("html",), notebook=notebook)
    [outcome] = runner.run([runner.Job("unnamed-ca", "2024-25")], opts)
    assert outcome.state == "built", outcome.error
    folder, entries, hashed, taken = probe.read_text().splitlines()
    assert folder != "None" and int(entries) >= 1  # the kernel's check, kept in the memo
    # the batch hashed the report's inputs once and handed the hashes to the kernel
    assert hashed == "1" and taken == "True"
    assert not Path(folder).exists()
    assert MEMO_ENV not in os.environ


def test_the_same_file_checked_for_another_year_is_checked_again(monkeypatch):
    """Dates are checked against the reporting year, so the year is part of the key."""
    path = ROOT / "data" / "lcrca" / "2024-25" / "recruitment.csv"
    this, last = FinancialYear.parse("2024-25"), FinancialYear.parse("2023-24")
    with memo.batch_memo():
        _, fine = data_io.contract_read(path, "recruitment", this)
        _, wrong_year = data_io.contract_read(path, "recruitment", last)
    assert not fine
    assert wrong_year and all("outside the reporting year" in p.message for p in wrong_year)


def test_a_check_only_read_shares_the_check_but_loads_no_frame(monkeypatch):
    """The batch checks every report's files before its notebook runs: that check needs
    the problems only, and must not pay for loading the frames the kernel will use."""
    path = ROOT / "data" / "lcrca" / "2024-25" / "workforce.csv"
    year = FinancialYear.parse("2024-25")
    checks = []
    real = data_io.check_table
    monkeypatch.setattr(data_io, "check_table", lambda *a: checks.append(1) or real(*a))
    with memo.batch_memo() as folder:
        frame, problems = data_io.contract_read(path, "workforce", year, frame=False)
        assert frame is None and problems == []
        loads = []
        real_load = memo.pickle.load
        monkeypatch.setattr(memo.pickle, "load", lambda fh: loads.append(fh.name) or real_load(fh))
        data_io.contract_read(path, "workforce", year, frame=False)
        assert len(loads) == 1 and os.path.getsize(loads[0]) < 100  # the problems, not the frame
        full, _ = data_io.contract_read(path, "workforce", year)  # what the kernel reads
        assert len(full) > 100 and len(list(folder.glob("*.pickle"))) == 2
    assert len(checks) == 1
