"""Listing the input folder: every file below it, hidden ones left out, in path order."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputFile:
    path: Path  # absolute, on disk
    source_file: str  # relative to the input folder, '/'-separated


def list_input_files(input_dir: Path) -> list[InputFile]:
    """Regular files below input_dir, skipping hidden files and folders and symlinks.

    Symlinks are skipped so that a link in the raw folder cannot make the
    pipeline read files from elsewhere on the machine.
    """
    input_dir = Path(input_dir).resolve()
    if not input_dir.is_dir():
        raise NotADirectoryError(f"input folder not found: {input_dir}")
    found = []
    for root, dirs, files in os.walk(input_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            found.append(InputFile(path, path.relative_to(input_dir).as_posix()))
    return sorted(found, key=lambda f: f.source_file)


MAX_BATCH = 25  # files per task: a task run costs ~15 ms of Prefect CPU, shared by the batch (BENCHMARKS.md)


def plan_batches(items: list, workers: int, max_batch: int = MAX_BATCH) -> list[list]:
    """Split items, in order, into batches for `workers` parallel tasks.

    At least ~4 batches per worker, so one slow batch (scans) does not leave
    the other workers idle at the end; at most max_batch items each, so task
    overhead stays small on big runs; one item per batch on small runs.
    """
    if not items:
        return []
    size = max(1, min(max_batch, -(-len(items) // (max(1, workers) * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]
