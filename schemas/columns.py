"""Column lists of the output tables, in the contract's order (../shared/spec/dataset.md).

Extra columns the contract allows us to add come last.
"""

RESPONSE_COLUMNS = (
    "response_id", "source_file", "sha256", "format", "authority", "authority_type",
    "request_ref", "foi_status", "exemptions", "period_start", "period_end",
    "reported_total_min", "reported_total_max", "extracted_total_min", "extracted_total_max",
    "reconciles", "duplicate_of", "parse_status", "error",
    # extras
    "pages", "incident_rows", "rejected_rows",
)

INCIDENT_COLUMNS = (
    "incident_id", "response_id", "authority", "authority_type", "date", "period_start",
    "period_end", "description", "cause", "cause_confidence", "outcome", "staff_type",
    "count_min", "count_max", "source_file", "source_locator",
    # extras
    "ocr_confidence", "notes",
)

REJECTED_COLUMNS = ("table", "key", "column", "check", "value")

DATE_COLUMNS = ("date", "period_start", "period_end")
INT_COLUMNS = ("reported_total_min", "reported_total_max", "extracted_total_min",
               "extracted_total_max", "count_min", "count_max", "pages", "incident_rows",
               "rejected_rows")
FLOAT_COLUMNS = ("cause_confidence", "ocr_confidence")
BOOL_COLUMNS = ("reconciles",)
LIST_COLUMNS = ("exemptions",)
