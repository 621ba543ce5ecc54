"""Per-file results, persisted in the state folder and found by content.

A Prefect `ResultStore` (the store Prefect's own task caching writes to) over a
`LocalFileSystem` in the state folder, keyed `reply-<pipeline version>-<sha256>`:
the same bytes under any name, read by the same code, model and settings, are
read once. The flow looks results up *before* submitting work, so a rerun over
unchanged files creates no task runs at all: with one cached task run per file,
Prefect's own cache cost ~80 ms a file even on a hit (BENCHMARKS.md).
"""
from __future__ import annotations

import logging
from pathlib import Path

from prefect.filesystems import LocalFileSystem
from prefect.results import ResultStore
from prefect.serializers import PickleSerializer

from foi.pipeline import FileResult

log = logging.getLogger(__name__)


class ReplyCache:
    """Results by content hash for one pipeline version; picklable, so Dask workers can write to it."""

    def __init__(self, state_dir: Path, version: str):
        self.version = version
        basepath = str((Path(state_dir) / "results").resolve())
        self._store = ResultStore(result_storage=LocalFileSystem(basepath=basepath),
                                  serializer=PickleSerializer(), cache_result_in_memory=False)

    def key(self, sha256: str) -> str:
        return f"reply-{self.version}-{sha256}"

    def get(self, sha256: str) -> FileResult | None:
        try:
            result = self._store.read(self.key(sha256)).result
        except Exception:  # missing, or unreadable (a killed write): read the file again
            return None
        return result if isinstance(result, FileResult) else None

    def put(self, sha256: str, result: FileResult) -> None:
        try:
            self._store.write(result, key=self.key(sha256))
        except OSError as exc:  # a full disk costs the cache, not the run
            log.warning("could not cache the result for %s: %s", result.response.get("source_file"), exc)
