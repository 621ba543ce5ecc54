"""What operators see in the Prefect UI: artifacts with stable keys, updated each run."""
from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from foi.dataset import Dataset
from foi.summary import summary_markdown

MAX_TABLE_ROWS = 500  # the UI is for looking, the CSVs are for everything


def _records(df, columns) -> list[dict]:
    out = []
    for row in df[list(columns)].head(MAX_TABLE_ROWS).itertuples(index=False):
        out.append({c: ("" if v is None or v != v else str(v)) for c, v in zip(columns, row)})
    return out


def publish_artifacts(dataset: Dataset) -> None:
    resp = dataset.responses
    create_markdown_artifact(key="foi-summary", markdown=summary_markdown(dataset),
                             description="Headline figures of this ingestion run (summary.md)")
    failed = resp[resp["parse_status"] != "ok"]
    create_table_artifact(key="foi-failed-files",
                          table=_records(failed, ("source_file", "format", "parse_status", "error")) or
                          [{"source_file": "", "format": "", "parse_status": "", "error": "no failed files"}],
                          description="Files that could not be read, or only in part, and why")
    rej = dataset.rejected
    create_table_artifact(key="foi-rejected-rows",
                          table=_records(rej, ("key", "column", "check", "value")) if len(rej) else
                          [{"key": "", "column": "", "check": "no rejected rows", "value": ""}],
                          description="Incident rows quarantined by schema validation (rejected.csv)")
    nr = resp[resp["reconciles"] == False]  # noqa: E712 (nullable boolean)
    create_table_artifact(key="foi-reconciliation",
                          table=_records(nr, ("source_file", "reported_total_min", "reported_total_max",
                                              "extracted_total_min", "extracted_total_max")) if len(nr) else
                          [{"source_file": "", "reported_total_min": "", "reported_total_max": "",
                            "extracted_total_min": "", "extracted_total_max": "every stated total reconciles"}],
                          description="Responses whose rows do not add up to the total they state")
