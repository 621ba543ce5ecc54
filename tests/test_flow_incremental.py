"""The ingest flow under a real (test-harness) Prefect backend: incremental runs and Dask.

Counts, not timings: a rerun over unchanged input reads no file again, adding
one file reads one file, and a moved file with the same bytes is a cache hit.
"""
import filecmp
import shutil

import pytest

from tests.conftest import SAMPLES

# small, quick files of different formats
PICK = [
    "cheshire-east/FOI_4562_breaches.csv",
    "thames-valley-police/0912-2014 response.txt",
    "lewisham/FOI_Export_IG_Incidents.xls",
    "unsorted/FOI reply attachment.docx",
]
EXTRA = "warwickshire-cc/DP_breaches_Apr11-Apr14.xlsx"


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def _copy(names, dest):
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLES / "files" / name, target)


def _same_tables(a, b):
    return all(filecmp.cmp(a / n, b / n, shallow=False)
               for n in ("responses.csv", "incidents.csv", "rejected.csv", "summary.md"))


def test_second_run_reads_nothing_and_adding_a_file_reads_one(harness, tmp_path):
    from flows.ingest import ingest

    raw, out, state = tmp_path / "raw", tmp_path / "out", tmp_path / "state"
    _copy(PICK, raw)
    first = ingest(input_dir=str(raw), out_dir=str(out), state_dir=str(state))
    assert first["processed"] == len(PICK) and first["cached"] == 0
    snapshot = tmp_path / "snapshot"
    shutil.copytree(out, snapshot)

    second = ingest(input_dir=str(raw), out_dir=str(out), state_dir=str(state))
    assert second["processed"] == 0 and second["cached"] == len(PICK)
    assert _same_tables(out, snapshot)

    _copy([EXTRA], raw)
    third = ingest(input_dir=str(raw), out_dir=str(out), state_dir=str(state))
    assert third["processed"] == 1 and third["cached"] == len(PICK)

    # a researcher's correction (corrections.csv beside the input folder) wins without re-reading
    import csv

    first_row = next(csv.DictReader(open(out / "incidents.csv", encoding="utf-8")))
    (tmp_path / "corrections.csv").write_text(
        f"incident_id,field,value\n{first_row['incident_id']},cause,other\n{'0' * 16},cause,loss\n")
    corrected = ingest(input_dir=str(raw), out_dir=str(out), state_dir=str(state))
    assert corrected["processed"] == 0
    assert any("no longer in the data" in line for line in corrected["corrections"])
    rows = {r["incident_id"]: r for r in csv.DictReader(open(out / "incidents.csv", encoding="utf-8"))}
    assert rows[first_row["incident_id"]]["cause"] == "other"
    assert rows[first_row["incident_id"]]["cause_confidence"] == "1.0"

    # a renamed file with the same bytes is recognised: no new read, new name in the output
    (raw / PICK[0]).rename(raw / "renamed.csv")
    fourth = ingest(input_dir=str(raw), out_dir=str(out), state_dir=str(state))
    assert fourth["processed"] == 0
    assert "renamed.csv" in (out / "responses.csv").read_text()


def test_dask_local_cluster_gives_byte_identical_output(harness, tmp_path):
    from distributed import LocalCluster

    from flows.ingest import ingest
    from flows.runners import make_task_runner

    raw = tmp_path / "raw"
    _copy(PICK, raw)
    ingest(input_dir=str(raw), out_dir=str(tmp_path / "threads"), state_dir=str(tmp_path / "s1"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        flow = ingest.with_options(task_runner=make_task_runner("dask", dask_address=cluster.scheduler_address))
        summary = flow(input_dir=str(raw), out_dir=str(tmp_path / "dask"), state_dir=str(tmp_path / "s2"),
                       reader_processes=0)  # Dask workers are the processes
    assert summary["processed"] == len(PICK)
    assert _same_tables(tmp_path / "threads", tmp_path / "dask")


def test_a_file_over_the_time_limit_is_recorded_and_the_run_goes_on(harness, tmp_path):
    import csv

    from flows.ingest import ingest

    raw = tmp_path / "raw"
    _copy(PICK[:2], raw)
    ingest(input_dir=str(raw), out_dir=str(tmp_path / "warm"), state_dir=str(tmp_path / "w"))  # readers warm
    (raw / PICK[1]).unlink()
    _copy(["northamptonshire-cc/scan_FOI-14-00873.pdf"], raw)  # OCR takes seconds
    summary = ingest(input_dir=str(raw), out_dir=str(tmp_path / "out"), state_dir=str(tmp_path / "s"),
                     limits={"per_file_seconds": 1.0})
    rows = {r["source_file"]: r for r in csv.DictReader(open(tmp_path / "out" / "responses.csv", encoding="utf-8"))}
    slow = rows["northamptonshire-cc/scan_FOI-14-00873.pdf"]
    assert slow["parse_status"] in ("failed", "partial")
    assert "per_file_seconds" in slow["error"] and "stopped" in slow["error"]  # the reader was killed
    assert rows[PICK[0]]["parse_status"] == "ok"
    assert summary["files"] == 2
