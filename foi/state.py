"""What the state folder remembers between runs, besides the per-file results.

- `ContentHashes`: each input file's SHA-256, reused while the file's size,
  mtime, ctime and inode are unchanged (the test git uses), so a nightly rerun
  over thousands of old replies does not read them all again just to hash them.
  A renamed or moved file has a new path, so it is hashed again and then found
  by content in the result cache.
- `RunManifest`: the inputs of the dataset last published in the output folder
  (every file's name and hash, the pipeline version, the corrections file) and
  the artifacts shown for it. A run whose inputs match, while that dataset is
  still the published one, has nothing to assemble or write.

Both are JSON files written atomically; a missing or unreadable one only costs
the work it would have saved.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from foi.ids import file_sha256
from foi.inputs import InputFile

HASHES_FILE = "content-hashes.json"
MANIFEST_FILE = "last-run.json"


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_json(path: Path, value: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(value, fh, sort_keys=True)
    os.replace(tmp, path)


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class ContentHashes:
    """SHA-256 of input files, remembered by path and stat stamp."""

    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / HASHES_FILE
        self._known: dict = _read_json(self.path).get("files", {})
        self._seen: dict[str, list] = {}
        self.hashed = 0  # files actually read this run

    def sha256(self, f: InputFile) -> str:
        key = str(f.path)
        stamp = _stamp(f.path.stat())
        entry = self._known.get(key)
        if not (isinstance(entry, list) and len(entry) == 5 and entry[:4] == stamp):
            # stat before reading: a file changed while being hashed gets a stale stamp and is hashed again
            entry = stamp + [file_sha256(f.path)]
            self.hashed += 1
        self._seen[key] = entry
        return entry[4]

    def save(self) -> None:
        """Keep the files seen this run (files gone from the input folder are forgotten)."""
        _write_json(self.path, {"files": self._seen})


def inputs_digest(version: str, files: list[tuple[str, str]], corrections: Path | None) -> str:
    """One hash of everything a dataset is made from: code version, (name, content) of every file, corrections."""
    h = hashlib.sha256(version.encode())
    for name, sha in sorted(files):
        h.update(f"\n{name}\t{sha}".encode())
    h.update(b"\ncorrections\t" + (file_sha256(corrections).encode() if corrections and corrections.is_file()
                                   else b"-"))
    return h.hexdigest()


@dataclass
class RunManifest:
    inputs: str  # inputs_digest of the published dataset
    generation: str  # the output generation it was written to
    summary: dict  # the flow's return value, counts of that run
    artifacts: dict  # what publish_artifacts showed, to show again

    @classmethod
    def load(cls, state_dir: Path) -> "RunManifest | None":
        raw = _read_json(Path(state_dir) / MANIFEST_FILE)
        try:
            return cls(raw["inputs"], raw["generation"], raw["summary"], raw["artifacts"])
        except (KeyError, TypeError):
            return None

    def save(self, state_dir: Path) -> None:
        _write_json(Path(state_dir) / MANIFEST_FILE, self.__dict__)

    @staticmethod
    def forget(state_dir: Path) -> None:
        (Path(state_dir) / MANIFEST_FILE).unlink(missing_ok=True)
