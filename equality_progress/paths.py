"""Where the project and its data live (environment overrides). No heavy imports: the
no-op rebuild check uses it before anything else loads."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "EQUALITY_PROGRESS_ROOT"
DATA_ENV = "EQUALITY_PROGRESS_DATA"
MEMO_ENV = "EQUALITY_PROGRESS_MEMO"  # a batch's checked-input memo (see .memo)


def project_root() -> Path:
    """The project folder: $EQUALITY_PROGRESS_ROOT, else the folder holding this package."""
    env = os.environ.get(ROOT_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[1]


def data_root() -> Path:
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data"
