"""Lazy validation that quarantines instead of dropping.

Incidents: a row that fails any check leaves the incidents table and goes to
`rejected` with one line per failed check. Responses: never rejected; a field
that fails is set to null and the row becomes `partial`, with the reason.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from schemas.models import IncidentModel, ResponseModel

# response fields that may be nulled when they fail; anything else failing is a bug
_NULLABLE_RESPONSE_FIELDS = {"authority", "request_ref", "period_start", "period_end",
                             "reported_total_min", "reported_total_max"}
_DEFAULTED_RESPONSE_FIELDS = {"authority_type": "not_stated", "foi_status": "not_stated"}


def _failures(model: type[pa.DataFrameModel], df: pd.DataFrame) -> pd.DataFrame:
    """Failure cases of a lazy validation: one row per (index, column, check)."""
    try:
        model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases.copy()
        return fc
    return pd.DataFrame(columns=["column", "check", "failure_case", "index"])


def validate_incidents(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid incidents, rejected rows) — `rejected` has table/key/column/check/value."""
    if df.empty:
        return df, pd.DataFrame(columns=["table", "key", "column", "check", "value"])
    fc = _failures(IncidentModel, df)
    records = []
    bad_index: set = set()
    for case in fc.itertuples(index=False):
        idx = case.index
        column = case.column if isinstance(case.column, str) else ""
        if idx is None or (isinstance(idx, float) and pd.isna(idx)):
            # a check over the whole frame (e.g. a missing column) is a bug of ours, not data
            raise ValueError(f"incident table fails {case.check!s} on {column or 'the frame'}")
        idx = int(idx)
        bad_index.add(idx)
        row = df.loc[idx]
        value = row[column] if column in df.columns else ""
        records.append({
            "table": "incidents",
            "key": row["incident_id"],
            "column": column if column in df.columns else "(row)",
            "check": str(case.check),
            "value": "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value),
        })
    rejected = pd.DataFrame.from_records(records, columns=["table", "key", "column", "check", "value"])
    rejected = rejected.drop_duplicates().sort_values(["key", "column", "check"], kind="stable")
    valid = df.drop(index=sorted(bad_index))
    return valid, rejected.reset_index(drop=True)


def validate_responses(df: pd.DataFrame) -> pd.DataFrame:
    """Responses with failing fields nulled (or defaulted) and the row marked partial."""
    fc = _failures(ResponseModel, df)
    if fc.empty:
        return df
    df = df.copy()
    for case in fc.itertuples(index=False):
        idx, column = case.index, case.column
        if idx is None or (isinstance(idx, float) and pd.isna(idx)):
            raise ValueError(f"responses table fails {case.check!s} on {column or 'the frame'}")
        idx = int(idx)
        if column in _NULLABLE_RESPONSE_FIELDS:
            df.at[idx, column] = None
        elif column in _DEFAULTED_RESPONSE_FIELDS:
            df.at[idx, column] = _DEFAULTED_RESPONSE_FIELDS[column]
        else:
            raise ValueError(f"responses.{column} fails {case.check} for row {idx}: a pipeline bug")
        reason = f"{column} {case.failure_case!r} failed check {case.check}; left empty"
        if df.at[idx, "parse_status"] == "ok":
            df.at[idx, "parse_status"] = "partial"
        previous = df.at[idx, "error"]
        df.at[idx, "error"] = reason if not previous else f"{previous}; {reason}"
    return df
