"""Writing the dataset: CSV, Parquet, rejected rows and summary, atomically.

Everything is written into a new generation folder inside OUT_DIR and
published by one atomic symlink switch, so a crash leaves the previous dataset
complete and readable (see write_dataset).
CSV follows the contract: UTF-8, ISO dates, empty for null, true/false, lists
joined with ';'.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from foi.dataset import Dataset
from foi.summary import summary_markdown
from schemas.columns import (BOOL_COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS,
                             LIST_COLUMNS, REJECTED_COLUMNS)

from foi.published import CURRENT, GENERATIONS, OUTPUT_FILES, published_stamp  # noqa: F401 (re-exported)


def _cell(value, column: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if column in LIST_COLUMNS:
        return ";".join(str(v) for v in value)
    if column in BOOL_COLUMNS:
        return "true" if bool(value) else "false"
    if column in INT_COLUMNS:
        return str(int(value))
    if column in FLOAT_COLUMNS:
        return repr(round(float(value), 4))
    return str(value)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(df.columns)
    columns = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        writer.writerow([_cell(v, c) for v, c in zip(row, columns)])
    return buf.getvalue().encode("utf-8")


def _arrow_type(column: str) -> pa.DataType:
    if column in DATE_COLUMNS:
        return pa.date32()
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    return pa.string()


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    arrays, fields = [], []
    for col in df.columns:
        typ = _arrow_type(col)
        values = [None if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else v
                  for v in df[col].tolist()] if col not in LIST_COLUMNS else df[col].tolist()
        if col in DATE_COLUMNS:
            values = [None if v is None else pd.Timestamp(v).date() for v in values]
        arrays.append(pa.array(values, type=typ))
        fields.append(pa.field(col, typ))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def render(dataset: Dataset) -> dict[str, bytes]:
    """Every output file's bytes, by name."""
    rejected = dataset.rejected if len(dataset.rejected) else pd.DataFrame(columns=list(REJECTED_COLUMNS))
    return {
        "responses.csv": to_csv_bytes(dataset.responses),
        "responses.parquet": to_parquet_bytes(dataset.responses),
        "incidents.csv": to_csv_bytes(dataset.incidents),
        "incidents.parquet": to_parquet_bytes(dataset.incidents),
        "rejected.csv": to_csv_bytes(rejected[list(REJECTED_COLUMNS)]),
        "summary.md": summary_markdown(dataset).encode("utf-8"),
    }


def write_dataset(dataset: Dataset, out_dir: Path) -> str:
    """Write all outputs into out_dir so that readers see the old dataset or the new one, never a mix.

    The files are written into a new generation folder (`.generations/<hash>`),
    fsynced, and published by atomically replacing one symlink, `.current`;
    `responses.csv` and the other names in out_dir are fixed symlinks through
    `.current`. A process killed at any point leaves the previous generation
    published and complete; the next run publishes a full new one.
    Returns the published dataset's stamp (see `published_stamp`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = render(dataset)
    generations = out_dir / GENERATIONS
    generations.mkdir(exist_ok=True)
    digest = hashlib.sha256(b"".join(hashlib.sha256(files[n]).digest() for n in OUTPUT_FILES)).hexdigest()[:16]
    generation = generations / digest
    if not _complete(generation, files):
        staging = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=generations))
        for name, data in files.items():
            with open(staging / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _fsync_dir(staging)
        shutil.rmtree(generation, ignore_errors=True)  # an incomplete leftover of a killed run
        os.rename(staging, generation)
        _fsync_dir(generations)
    crash_point("generation-written")
    _replace_symlink(out_dir / CURRENT, Path(GENERATIONS) / digest)  # the one atomic switch
    crash_point("switched")
    for name in OUTPUT_FILES:
        link = out_dir / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _replace_symlink(link, Path(CURRENT) / name)
    _fsync_dir(out_dir)
    _remove_old_generations(generations, keep=digest)
    return published_stamp(out_dir)



def crash_point(name: str) -> None:
    """Fault injection for the crash-safety tests: FOI_CRASH_AT=<name> kills the process here."""
    if os.environ.get("FOI_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _complete(generation: Path, files: dict[str, bytes]) -> bool:
    """The generation folder already holds exactly these files (byte for byte: one may have been edited by hand)."""
    return generation.is_dir() and all(
        (generation / n).is_file() and (generation / n).stat().st_size == len(d) and (generation / n).read_bytes() == d
        for n, d in files.items())


def _replace_symlink(link: Path, target: Path) -> None:
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _remove_old_generations(generations: Path, keep: str) -> None:
    for entry in generations.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
