"""The pipeline's version for caching: a hash of the code and data that shape results.

A change to an extractor, an interpretation rule, a lexicon or the trained
model changes this hash and so invalidates cached per-file results; a change
to the README, the flows or the tests does not.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# packages whose content determines what a file turns into
RESULT_SHAPING = ("extractors", "interpret", "classifier", "foi/pipeline.py", "foi/ids.py", "foi/settings.py")
SUFFIXES = {".py", ".yaml", ".yml", ".csv", ".json", ".cfg", ".spacy", ".bin", ".jsonl", ""}


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    return compute_version(ROOT)


def compute_version(root: Path) -> str:
    """Hash of the result-shaping files below root (code, rules, lexicons, trained model)."""
    digest = hashlib.sha256()
    for entry in RESULT_SHAPING:
        base = root / entry
        if not base.exists():
            continue
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts or path.suffix not in SUFFIXES or path.name.startswith("."):
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
