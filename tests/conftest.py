"""Shared fixtures. Tests mirror the package: tests/test_<module>.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from equality_progress.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT)
