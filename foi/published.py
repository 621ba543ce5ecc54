"""The layout of a published output folder, and which dataset it holds now.

Kept apart from the writer (pandas, pyarrow) so the flow can tell whether the
output is already up to date without loading them.
"""
from __future__ import annotations

import os
from pathlib import Path

OUTPUT_FILES = ("responses.csv", "responses.parquet", "incidents.csv", "incidents.parquet",
                "rejected.csv", "summary.md")
GENERATIONS = ".generations"  # one folder per dataset written, named by its content hash
CURRENT = ".current"  # symlink to the published generation; OUTPUT_FILES link through it


def published_stamp(out_dir: Path) -> str | None:
    """Which dataset out_dir publishes now: its generation plus each file's size and mtime.

    None when the folder is not a complete published dataset. The incremental
    flow compares this with the stamp it recorded, so a dataset edited, deleted
    or replaced by hand since is written again.
    """
    out_dir = Path(out_dir)
    try:
        target = os.readlink(out_dir / CURRENT)
        parts = [target]
        for name in OUTPUT_FILES:
            if os.readlink(out_dir / name) != f"{CURRENT}/{name}":
                return None
            st = (out_dir / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return ";".join(parts)
