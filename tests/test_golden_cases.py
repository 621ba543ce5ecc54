"""Golden cases: tests/cases/<name>/input.<ext> + expected.json, one folder per layout or bug.

expected.json is what a careful reader takes out of the input, in the shape of
one entry of shared/spec/gold-format.md (response fields + incidents). Labels
are written by hand; `FOI_REGENERATE_GOLDEN=1 pytest tests/test_golden_cases.py`
writes the pipeline's current output next to each case as `actual.json` for
review (never over expected.json), and a test keeps that flag off in CI.
A case the pipeline cannot read yet carries `"xfail": "why"` and fails the
suite the day it starts passing (strict), so the mark is removed.
"""
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from foi.pipeline import process_bytes

CASES = Path(__file__).parent / "cases"
REGENERATE = os.environ.get("FOI_REGENERATE_GOLDEN") == "1"
RESPONSE_FIELDS = ("authority", "authority_type", "request_ref", "foi_status", "exemptions",
                   "period_start", "period_end", "reported_total_min", "reported_total_max", "parse_status")
INCIDENT_FIELDS = ("date", "period_start", "period_end", "description", "cause", "outcome", "staff_type",
                   "count_min", "count_max")


def _cases():
    return sorted(p for p in CASES.iterdir() if (p / "expected.json").is_file()) if CASES.is_dir() else []


def _input(case: Path) -> Path:
    found = sorted(p for p in case.iterdir() if p.name.startswith("input"))
    assert len(found) == 1, f"{case.name}: exactly one input.* file expected, found {found}"
    return found[0]


def _norm_text(value):
    return re.sub(r"\s+", " ", value).strip().casefold() if isinstance(value, str) else value


def _incident_key(inc: dict) -> tuple:
    return tuple(_norm_text(inc.get(f)) for f in INCIDENT_FIELDS)


def _actual(case: Path) -> dict:
    path = _input(case)
    result = process_bytes(path.read_bytes(), path.name)
    resp = result.response
    out = {f: resp.get(f) for f in RESPONSE_FIELDS}
    out["format"] = resp["format"]
    out["incidents"] = [{f: inc.get(f) for f in INCIDENT_FIELDS} for inc in result.incidents]
    return out


def test_regeneration_flag_is_off():
    assert not REGENERATE, "FOI_REGENERATE_GOLDEN is for reviewing new cases, never for CI"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_golden_case(case):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    actual = _actual(case)
    if REGENERATE:
        (case / "actual.json").write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if expected.get("xfail"):
        pytest.xfail(expected["xfail"]) if not _matches(expected, actual)[0] else pytest.fail(
            f"{case.name} now passes: remove its xfail mark")
    ok, report = _matches(expected, actual)
    assert ok, f"{case.name}:\n{report}"


def _matches(expected: dict, actual: dict) -> tuple[bool, str]:
    problems = []
    if "format" in expected and expected["format"] != actual["format"]:
        problems.append(f"format: expected {expected['format']!r}, got {actual['format']!r}")
    for f in RESPONSE_FIELDS:
        if f in expected and expected[f] != actual[f]:
            problems.append(f"{f}: expected {expected[f]!r}, got {actual[f]!r}")
    want = Counter(_incident_key(i) for i in expected.get("incidents", []))
    got = Counter(_incident_key(i) for i in actual["incidents"])
    for key in sorted((want - got).keys(), key=str):
        problems.append("missing row: " + json.dumps(dict(zip(INCIDENT_FIELDS, key))))
    for key in sorted((got - want).keys(), key=str):
        problems.append("unexpected row: " + json.dumps(dict(zip(INCIDENT_FIELDS, key))))
    return not problems, "\n".join(problems)
