"""`foi bench` at a tiny size (8 files): every figure the issue asks for is printed and filled in.

Timings are never asserted (the machine is shared); what is checked is that
each phase ran on the corpus it was given and that each figure has a value.
One run serves every test. It starts Prefect's ephemeral server, hence the
`server` marker (about a minute).
"""
import contextlib
import io
import json
import re

import pytest

from foi.bench import main

pytestmark = pytest.mark.server

N_FILES = 8
SEED = 61  # at 8 files this seed deals text PDFs, a scan, an xlsx, a docx and two e-mails


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    figures_path = work / "figures.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--sizes", str(N_FILES), "--seed", str(SEED), "--work", str(work / "work"),
                     "--json", str(figures_path), "--descriptions", "1000"])
    assert code == 0
    again = io.StringIO()
    with contextlib.redirect_stdout(again):
        assert main(["--from-raw", str(work / "work" / "raw.json")]) == 0
    return out.getvalue(), json.loads(figures_path.read_text(encoding="utf-8")), again.getvalue()


def test_report_prints_every_figure_with_its_target(bench_run):
    report, _, _ = bench_run
    for label in ("files/s", "pages/s", "time per stage", "seconds per scanned page",
                  "bare libraries:", "throughput ratio pipeline/bare, plain loop",
                  "throughput ratio pipeline/bare, end to end (Prefect flow)", "Prefect's share",
                  "ephemeral server startup", "one Prefect task", "no-op rerun", "peak RSS",
                  "classifier descriptions/s", "430 replies end to end", "CPU budget"):
        assert label in report, label
    stage_rows = {line.split()[0] for line in report.splitlines() if re.match(r"^\w+\s+\d+\.\d\d\s+[\d.]+%$", line)}
    assert {"detect", "extract", "ocr", "interpret", "classify", "validate", "write"} <= stage_rows
    for target in (">= 0.8", "<= 5%", "< 1 GiB", "<= 1.2x", ">= 2000", "< 300 s"):
        assert target in report, target


def test_every_figure_has_a_value(bench_run):
    _, figures, _ = bench_run
    size = figures["sizes"][str(N_FILES)]
    assert size["plain"]["files_per_s"] > 0 and size["plain"]["pages_per_s"] > 0
    assert {"pdf", "pdf_scanned", "xlsx", "docx", "eml"} <= set(size["formats"])
    assert all(entry["files"] > 0 and entry["wall"] > 0 for entry in size["formats"].values())
    assert set(size["stages"]) >= {"detect", "extract", "ocr", "interpret", "classify", "validate", "write"}
    assert size["ocr"]["pages"] >= 1 and size["ocr"]["seconds_per_page"] > 0
    assert size["bare"]["ocr_pages"] == size["ocr"]["pages"]  # the bare readers OCR the same pages
    assert size["ratio_plain"]["wall"] > 0 and size["ratio_flow"]["cpu"] > 0
    flow = size["flow"]
    assert flow["server_start"] > 0 and flow["noop_ratio"] > 0 and flow["prefect_share_cpu"] is not None
    assert flow["task_overhead"]["task_cpu_ms"] is not None and flow["task_overhead"]["line_cpu_ms"] is not None
    assert flow["noop_processed"] == 0
    assert all(size["peak_rss"][phase]["tree"] > 0 for phase in ("plain", "bare", "flow"))
    assert figures["classifier"]["classify_rows_per_s"] > 0
    assert {t["status"] for t in figures["targets"]} <= {"PASS", "MISS", "n/a"}
    assert len(figures["targets"]) == 8


def test_each_phase_read_the_whole_corpus(bench_run):
    _, figures, _ = bench_run
    size = figures["sizes"][str(N_FILES)]
    assert sum(entry["files"] for entry in size["formats"].values()) == N_FILES
    assert size["flow"]["processed"] == N_FILES  # the full run read every file
    assert size["flow"]["noop_processed"] == 0  # the rerun read none: all from the state folder


def test_the_report_can_be_printed_again_from_the_raw_figures(bench_run):
    report, _, again = bench_run
    assert again == report
