"""What operators see in the Prefect UI: artifacts with stable keys, updated each run.

`artifact_payloads` turns a dataset into the four artifacts as plain data (kept
in the state folder, so a run with nothing new shows the same artifacts again
without rebuilding the dataset); `publish_artifacts` sends them to Prefect.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from foi.summary import summary_markdown

if TYPE_CHECKING:
    from foi.dataset import Dataset

MAX_TABLE_ROWS = 500  # the UI is for looking, the CSVs are for everything

DESCRIPTIONS = {
    "foi-summary": "Headline figures of this ingestion run (summary.md)",
    "foi-failed-files": "Files that could not be read, or only in part, and why",
    "foi-rejected-rows": "Incident rows quarantined by schema validation (rejected.csv)",
    "foi-reconciliation": "Responses whose rows do not add up to the total they state",
}


def _records(df, columns) -> list[dict]:
    out = []
    for row in df[list(columns)].head(MAX_TABLE_ROWS).itertuples(index=False):
        out.append({c: ("" if v is None or v != v else str(v)) for c, v in zip(columns, row)})
    return out


def artifact_payloads(dataset: "Dataset") -> dict:
    """The four artifacts' contents: markdown text for the summary, lists of rows for the tables."""
    resp = dataset.responses
    failed = resp[resp["parse_status"] != "ok"]
    rej = dataset.rejected
    nr = resp[resp["reconciles"] == False]  # noqa: E712 (nullable boolean)
    return {
        "foi-summary": summary_markdown(dataset),
        "foi-failed-files": _records(failed, ("source_file", "format", "parse_status", "error")) or
        [{"source_file": "", "format": "", "parse_status": "", "error": "no failed files"}],
        "foi-rejected-rows": _records(rej, ("key", "column", "check", "value")) if len(rej) else
        [{"key": "", "column": "", "check": "no rejected rows", "value": ""}],
        "foi-reconciliation": _records(nr, ("source_file", "reported_total_min", "reported_total_max",
                                            "extracted_total_min", "extracted_total_max")) if len(nr) else
        [{"source_file": "", "reported_total_min": "", "reported_total_max": "",
          "extracted_total_min": "", "extracted_total_max": "every stated total reconciles"}],
    }


def publish_artifacts(payloads: dict) -> None:
    for key, content in payloads.items():
        if isinstance(content, str):
            create_markdown_artifact(key=key, markdown=content, description=DESCRIPTIONS[key])
        else:
            create_table_artifact(key=key, table=content, description=DESCRIPTIONS[key])
