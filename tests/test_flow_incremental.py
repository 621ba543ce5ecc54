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
    # a time-out is not remembered as the file's result: the next run tries it again
    again = ingest(input_dir=str(raw), out_dir=str(tmp_path / "out"), state_dir=str(tmp_path / "s"),
                   limits={"per_file_seconds": 1.0})
    assert again["processed"] == 1 and again["cached"] == 1


def _task_run_names(state) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    flow_run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                                     sort=TaskRunSort.NAME_ASC, limit=200)
    return sorted(r.name for r in runs)


def test_nothing_new_means_no_task_runs_and_a_hand_edited_dataset_is_written_again(harness, tmp_path):
    from flows.ingest import ingest

    raw, out, state = tmp_path / "raw", tmp_path / "out", tmp_path / "state"
    _copy(PICK, raw)
    params = {"input_dir": str(raw), "out_dir": str(out), "state_dir": str(state)}
    first = ingest(**params, return_state=True)
    # small runs: one file per task, each task run named after its file
    assert [n for n in _task_run_names(first) if n in PICK] == sorted(PICK)
    snapshot = tmp_path / "snapshot"
    shutil.copytree(out, snapshot)

    again = ingest(**params, return_state=True)
    assert again.result()["processed"] == 0
    assert _task_run_names(again) == []  # not even cached task runs: nothing was submitted
    assert _same_tables(out, snapshot)

    # same bytes, new stat stamp (a copy or a touch): hashed again, still not read again
    (raw / PICK[0]).touch()
    assert ingest(**params)["processed"] == 0

    # the published dataset was edited by hand: the next run writes it again, from the cache
    with open(out / "summary.md", "a", encoding="utf-8") as fh:
        fh.write("\nedited\n")
    repaired = ingest(**params, return_state=True)
    assert repaired.result()["processed"] == 0
    assert [n for n in _task_run_names(repaired) if n in PICK] == []
    assert _same_tables(out, snapshot)


def test_a_big_run_reads_files_in_batches_named_after_them(harness, tmp_path):
    from flows.ingest import ingest

    raw = tmp_path / "raw"
    for i in range(12):  # distinct bytes, so each is read
        (raw / f"reply-{i:02d}.txt").parent.mkdir(parents=True, exist_ok=True)
        (raw / f"reply-{i:02d}.txt").write_text(f"Dear requester, we hold no information (ref {i}).\n")
    state = ingest(input_dir=str(raw), out_dir=str(tmp_path / "out"), state_dir=str(tmp_path / "s"),
                   return_state=True)
    assert state.result()["processed"] == 12
    names = [n for n in _task_run_names(state) if n.startswith("reply-")]
    assert names == ["reply-00.txt … reply-01.txt (2 files)", "reply-02.txt … reply-03.txt (2 files)",
                     "reply-04.txt … reply-05.txt (2 files)", "reply-06.txt … reply-07.txt (2 files)",
                     "reply-08.txt … reply-09.txt (2 files)", "reply-10.txt … reply-11.txt (2 files)"]
