"""Pandera models of the two output tables.

Vocabularies come from classifier.vocab, the one place labels are spelled.
Dates are validated in their written form (ISO `YYYY-MM-DD` strings) because
that is what the CSV carries; the writer turns them into date32 for Parquet.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from classifier.vocab import (AUTHORITY_TYPES, CAUSES, FOI_STATUSES, FORMATS, OUTCOMES,
                              PARSE_STATUSES, STAFF_TYPES)

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
HEX16 = r"^[0-9a-f]{16}$"
# an incident outside these years is a misread date, not a breach
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class IncidentModel(pa.DataFrameModel):
    incident_id: Series[str] = pa.Field(str_matches=HEX16, unique=True)
    response_id: Series[str] = pa.Field(str_matches=HEX16)
    authority: Series[str] = pa.Field(nullable=True)
    authority_type: Series[str] = pa.Field(isin=AUTHORITY_TYPES)
    date: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE)
    period_start: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE)
    period_end: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE)
    description: Series[str] = pa.Field(nullable=True)
    cause: Series[str] = pa.Field(isin=CAUSES)
    cause_confidence: Series[float] = pa.Field(ge=0.0, le=1.0)
    outcome: Series[str] = pa.Field(isin=OUTCOMES)
    staff_type: Series[str] = pa.Field(isin=STAFF_TYPES)
    count_min: Series[pd.Int64Dtype] = pa.Field(ge=0)
    count_max: Series[pd.Int64Dtype] = pa.Field(ge=1)
    source_file: Series[str] = pa.Field()
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    ocr_confidence: Series[float] = pa.Field(nullable=True, ge=0.0, le=1.0)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="count_min must not exceed count_max")
    def counts_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["count_min"] <= df["count_max"]

    @pa.dataframe_check(error="period_start must not be after period_end")
    def period_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["period_start"].notna() & df["period_end"].notna()
        return ~both | (df["period_start"] <= df["period_end"])

    @pa.dataframe_check(error=f"date must fall between {EARLIEST_YEAR} and {LATEST_YEAR}")
    def plausible_date(cls, df: pd.DataFrame) -> Series[bool]:
        year = pd.to_numeric(df["date"].str.slice(0, 4), errors="coerce")  # null dates pass
        return year.isna() | ((year >= EARLIEST_YEAR) & (year <= LATEST_YEAR))

    @pa.dataframe_check(error="date must lie inside its period")
    def date_in_period(cls, df: pd.DataFrame) -> Series[bool]:
        has = df["date"].notna() & df["period_start"].notna() & df["period_end"].notna()
        inside = (df["period_start"] <= df["date"]) & (df["date"] <= df["period_end"])
        return ~has | inside


class ResponseModel(pa.DataFrameModel):
    response_id: Series[str] = pa.Field(str_matches=HEX16, unique=True)
    source_file: Series[str] = pa.Field(unique=True)
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    format: Series[str] = pa.Field(isin=FORMATS)
    authority: Series[str] = pa.Field(nullable=True)
    authority_type: Series[str] = pa.Field(isin=AUTHORITY_TYPES)
    request_ref: Series[str] = pa.Field(nullable=True)
    foi_status: Series[str] = pa.Field(isin=FOI_STATUSES)
    period_start: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE)
    period_end: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE)
    reported_total_min: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    reported_total_max: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    parse_status: Series[str] = pa.Field(isin=PARSE_STATUSES)

    class Config:
        strict = False  # the writer owns the full column list; these are the checked ones
        coerce = True
