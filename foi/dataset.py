"""Assembling per-file results into the validated output tables.

Deterministic: rows are ordered by source_file, then by the order the reply
itself gives them, so a rerun gives the same bytes whatever order files were
read in.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from foi.pipeline import FileResult
from schemas import INCIDENT_COLUMNS, RESPONSE_COLUMNS, validate_incidents, validate_responses


@dataclass
class Dataset:
    responses: pd.DataFrame
    incidents: pd.DataFrame
    rejected: pd.DataFrame


def assemble(results: list[FileResult]) -> Dataset:
    results = sorted(results, key=lambda r: r.response["source_file"])
    responses = [dict(r.response) for r in results]
    _mark_duplicates(responses)

    incident_records = [inc for r in results for inc in r.incidents]  # read, never changed: no copy
    incidents = pd.DataFrame.from_records(incident_records, columns=list(INCIDENT_COLUMNS))
    incidents = _typed(incidents)
    valid, rejected = validate_incidents(incidents)

    by_response = {rid: grp for rid, grp in valid.groupby("response_id", sort=False)} if len(valid) else {}
    rejected_keys = set(rejected["key"]) if len(rejected) else set()
    rejected_per_response = Counter(inc["response_id"] for inc in incident_records
                                    if inc["incident_id"] in rejected_keys)
    for resp in responses:
        rows = by_response.get(resp["response_id"])
        resp["rejected_rows"] = rejected_per_response[resp["response_id"]]
        if resp["parse_status"] == "failed":
            # a file that could not be read is never "zero breaches"
            resp["extracted_total_min"] = resp["extracted_total_max"] = None
            resp["reconciles"] = None
            resp["incident_rows"] = None
            continue
        resp["incident_rows"] = 0 if rows is None else len(rows)
        resp["extracted_total_min"] = 0 if rows is None else int(rows["count_min"].sum())
        resp["extracted_total_max"] = 0 if rows is None else int(rows["count_max"].sum())
        lo, hi = resp["reported_total_min"], resp["reported_total_max"]
        if lo is None and hi is None:
            resp["reconciles"] = None
        else:
            lo = lo if lo is not None else hi
            hi = hi if hi is not None else lo
            resp["reconciles"] = bool(resp["extracted_total_min"] <= hi and lo <= resp["extracted_total_max"])
    frame = pd.DataFrame.from_records(responses, columns=list(RESPONSE_COLUMNS))
    frame = validate_responses(_typed(frame))
    return Dataset(frame.reset_index(drop=True), valid.reset_index(drop=True), rejected)


def _mark_duplicates(responses: list[dict]) -> None:
    """Byte-identical copies point at the first file (in path order) with the same bytes."""
    first_by_sha: dict[str, str] = {}
    for resp in responses:
        resp["duplicate_of"] = first_by_sha.get(resp["sha256"])
        first_by_sha.setdefault(resp["sha256"], resp["source_file"])


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Give each column its declared dtype so validation and writing agree."""
    from schemas.columns import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS

    df = df.copy()
    for col in df.columns:
        if col in INT_COLUMNS:
            df[col] = pd.array([None if v is None or (isinstance(v, float) and pd.isna(v)) else int(v)
                                for v in df[col]], dtype="Int64")
        elif col in FLOAT_COLUMNS:
            df[col] = pd.to_numeric(df[col]).astype("float64")
        elif col in BOOL_COLUMNS:
            df[col] = pd.array([None if v is None or (isinstance(v, float) and pd.isna(v)) else bool(v)
                                for v in df[col]], dtype="boolean")
        elif col in LIST_COLUMNS:
            df[col] = [list(v) if isinstance(v, (list, tuple)) else [] for v in df[col]]
        else:
            df[col] = pd.Series([None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
                                 for v in df[col]], index=df.index, dtype=object)
    return df
