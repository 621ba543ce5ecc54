"""The corrections loop: a researcher's corrections.csv wins over what the pipeline read.

corrections.csv has columns incident_id, field, value (UTF-8, header row). It is
applied on every run after classification, so a corrected label survives
reruns and needs no re-reading of files; a corrected label gets
cause_confidence 1.0. Ids no longer in the data (the reply changed, or a typo)
are reported, never fatal. `foi train --corrections corrections.csv` turns the
corrected labels into training items for the classifier.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from classifier.vocab import LABEL_FIELDS

CORRECTABLE = ("cause", "outcome", "staff_type", "description", "date", "period_start", "period_end",
               "count_min", "count_max")
INT_FIELDS = ("count_min", "count_max")


@dataclass(frozen=True)
class Correction:
    incident_id: str
    field: str
    value: str
    line: int


@dataclass
class CorrectionReport:
    applied: int = 0
    unknown_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.applied} correction(s) applied"]
        if self.unknown_ids:
            out.append(f"{len(self.unknown_ids)} correction(s) name incidents no longer in the data: "
                       + ", ".join(sorted(set(self.unknown_ids))[:20]))
        out += self.problems
        return out


def load_corrections(path: Path) -> tuple[list[Correction], list[str]]:
    """(corrections, problems): a malformed line is a problem named by its line, not a failure."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"incident_id", "field", "value"} - set(reader.fieldnames or [])
    if missing:
        return [], [f"{path}: missing column(s) {', '.join(sorted(missing))}; corrections not applied"]
    out, problems = [], []
    for number, row in enumerate(reader, start=2):
        iid, fld, value = (row.get("incident_id") or "").strip(), (row.get("field") or "").strip(), (row.get("value") or "").strip()
        if fld not in CORRECTABLE:
            problems.append(f"{path} line {number}: field {fld!r} cannot be corrected (use one of {', '.join(CORRECTABLE)})")
            continue
        if fld in LABEL_FIELDS and value not in LABEL_FIELDS[fld]:
            problems.append(f"{path} line {number}: {value!r} is not a {fld} label")
            continue
        if fld in INT_FIELDS and not value.isdigit():
            problems.append(f"{path} line {number}: {fld} must be a whole number, not {value!r}")
            continue
        out.append(Correction(iid, fld, value, number))
    return out, problems


def apply_corrections(incidents: list[dict], corrections: list[Correction]) -> CorrectionReport:
    """Apply corrections to incident records in place; later lines win over earlier ones."""
    report = CorrectionReport()
    by_id = {inc["incident_id"]: inc for inc in incidents}
    for c in corrections:
        inc = by_id.get(c.incident_id)
        if inc is None:
            report.unknown_ids.append(c.incident_id)
            continue
        inc[c.field] = int(c.value) if c.field in INT_FIELDS else (c.value or None)
        if c.field == "cause":
            inc["cause_confidence"] = 1.0
        note = f"{c.field} corrected by researcher"
        inc["notes"] = f"{inc['notes']}; {note}" if inc.get("notes") else note
        report.applied += 1
    return report


def training_items(corrections: list[Correction], incidents_csv: Path) -> list[dict[str, str]]:
    """Corrected labels as classifier training items {text, label, task}, texts from incidents.csv."""
    with open(incidents_csv, encoding="utf-8", newline="") as fh:
        descriptions = {r["incident_id"]: r["description"] for r in csv.DictReader(fh)}
    items = []
    for c in corrections:
        text = descriptions.get(c.incident_id)
        if c.field in LABEL_FIELDS and text:
            items.append({"text": text, "label": c.value, "task": c.field})
    return items
