import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
FIXTURES = SHARED / "fixtures"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="session")
def gold() -> dict:
    """The shared samples' labels: test data, never training data."""
    return json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))["files"]
