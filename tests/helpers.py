"""Helpers the tests import (a module of its own: two `conftest` modules would collide)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample-data" / "workshop"


def require_or_skip(env_flag: str, reason: str) -> None:
    """Skip, unless CI said this part is required: then fail instead of hiding."""
    if os.environ.get(env_flag) == "1":
        pytest.fail(f"{reason} (required because {env_flag}=1)")
    pytest.skip(reason)
