"""The writer and validation: contract formatting, quarantine, duplicates, atomicity."""
import csv
import io
import os

import pyarrow.parquet as pq
import pytest

from foi.dataset import assemble
from foi.ids import incident_id, response_id
from foi.pipeline import FileResult, rebind
from foi.writer import OUTPUT_FILES, published_stamp, render, write_dataset


def _result(source_file: str, sha: str, incidents: list[dict], **response) -> FileResult:
    rid = response_id(source_file, sha)
    resp = {
        "response_id": rid, "source_file": source_file, "sha256": sha, "format": "pdf",
        "authority": "Kent County Council", "authority_type": "council", "request_ref": "FOI 1",
        "foi_status": "disclosed", "exemptions": ["s40(2)"], "period_start": "2011-04-01",
        "period_end": "2014-03-31", "reported_total_min": 3, "reported_total_max": 3,
        "parse_status": "ok", "error": None, "pages": 1,
    }
    resp.update(response)
    rows = []
    for i, inc in enumerate(incidents, 1):
        row = {
            "incident_id": incident_id(rid, f"line={i}"), "response_id": rid,
            "authority": resp["authority"], "authority_type": resp["authority_type"],
            "date": None, "period_start": "2011-04-01", "period_end": "2012-03-31",
            "description": f"incident {i}", "cause": "loss", "cause_confidence": 0.9,
            "outcome": "no_action", "staff_type": "employee", "count_min": 1, "count_max": 1,
            "source_file": source_file, "source_locator": f"line={i}", "ocr_confidence": None, "notes": None,
        }
        row.update(inc)
        rows.append(row)
    return FileResult(resp, rows)


SHA_A = "a" * 64
SHA_B = "b" * 64


def test_csv_follows_the_contract_formatting():
    ds = assemble([_result("x/a.pdf", SHA_A, [{}, {"count_min": 1, "count_max": 4}])])
    files = render(ds)
    rows = list(csv.DictReader(io.StringIO(files["responses.csv"].decode())))
    assert rows[0]["exemptions"] == "s40(2)"
    assert rows[0]["reconciles"] == "true"  # 2..5 intersects 3
    assert rows[0]["extracted_total_min"] == "2" and rows[0]["extracted_total_max"] == "5"
    assert rows[0]["duplicate_of"] == ""
    inc = list(csv.DictReader(io.StringIO(files["incidents.csv"].decode())))
    assert inc[0]["date"] == "" and inc[0]["period_start"] == "2011-04-01"
    assert inc[1]["count_max"] == "4"


def test_invalid_rows_are_quarantined_with_their_check_not_dropped():
    ds = assemble([_result("a.pdf", SHA_A, [{}, {"cause": "aliens"}, {"count_min": 5, "count_max": 2}])])
    assert len(ds.incidents) == 1
    assert set(ds.rejected["check"].str.contains("isin")) == {True, False}
    assert {"cause", "(row)"} <= set(ds.rejected["column"]) or "count_min" in set(ds.rejected["column"])
    # totals count only the valid row
    assert ds.responses.loc[0, "extracted_total_max"] == 1
    assert ds.responses.loc[0, "rejected_rows"] == 2


def test_failed_file_is_never_zero_breaches():
    ds = assemble([_result("bad.pdf", SHA_A, [], parse_status="failed", error="the PDF is damaged",
                           authority=None, reported_total_min=None, reported_total_max=None)])
    r = ds.responses.iloc[0]
    assert r["extracted_total_min"] is None or r["extracted_total_min"] is __import__("pandas").NA
    assert r["reconciles"] is __import__("pandas").NA


def test_byte_identical_copy_points_at_the_first_in_path_order():
    ds = assemble([_result("b/copy.pdf", SHA_A, [{}]), _result("a/orig.pdf", SHA_A, [{}])])
    by_file = ds.responses.set_index("source_file")
    assert by_file.loc["b/copy.pdf", "duplicate_of"] == "a/orig.pdf"
    assert by_file.loc["a/orig.pdf", "duplicate_of"] is None


def test_bad_response_field_is_nulled_and_row_partial():
    ds = assemble([_result("a.pdf", SHA_A, [], period_start="14/11/2012")])
    r = ds.responses.iloc[0]
    assert r["period_start"] is None and r["parse_status"] == "partial"
    assert "period_start" in r["error"]


def test_output_is_deterministic_and_independent_of_order(tmp_path):
    a, b = _result("a.pdf", SHA_A, [{}, {}]), _result("b.pdf", SHA_B, [{}])
    first = render(assemble([a, b]))
    second = render(assemble([b, a]))
    assert first == second
    stamp = write_dataset(assemble([a, b]), tmp_path)
    assert all((tmp_path / n).is_symlink() for n in OUTPUT_FILES)
    assert stamp == published_stamp(tmp_path)
    os.utime(tmp_path / "summary.md")  # edited by hand: no longer the dataset that was written
    assert published_stamp(tmp_path) != stamp
    (tmp_path / "incidents.csv").unlink()
    assert published_stamp(tmp_path) is None
    assert [p.name for p in (tmp_path / ".generations").iterdir()] == [(tmp_path / ".current").readlink().name]
    table = pq.read_table(tmp_path / "incidents.parquet")
    assert str(table.schema.field("period_start").type) == "date32[day]"
    assert str(table.schema.field("count_min").type) == "int64"
    resp = pq.read_table(tmp_path / "responses.parquet")
    assert str(resp.schema.field("exemptions").type) == "list<element: string>"
    assert resp.column("reconciles").to_pylist() == [False, False]


def test_rebind_recomputes_ids_for_a_moved_file():
    r = _result("old/name.eml", SHA_A, [{"source_file": "old/name.eml#att.xlsx"}])
    moved = rebind(r, "new/other.eml")
    assert moved.response["response_id"] == response_id("new/other.eml", SHA_A)
    assert moved.incidents[0]["source_file"] == "new/other.eml#att.xlsx"
    assert moved.incidents[0]["incident_id"] == incident_id(moved.response["response_id"], "line=1")


@pytest.mark.parametrize("name", ["summary.md"])
def test_summary_has_headline_sections(name):
    md = render(assemble([_result("a.pdf", SHA_A, [{}, {"count_min": 1, "count_max": 4, "cause": "theft"}])]))[name].decode()
    for heading in ("Responses by FOI status", "Incidents by cause", "Incidents by outcome",
                    "Authorities with the most incidents", "do not reconcile"):
        assert heading in md
    assert "2–5" in md
