"""The `ingest` flow: a folder of replies in, the normalised dataset out.

Thin by design: each task wraps a pure function from `foi`; the flow only
lists files, fans out one task per file, and hands the results to the writer.
Per-file results are cached by (file content hash, pipeline version) with
result persistence in the state folder, so a scheduled rerun only reads new
or changed files, and a renamed file with the same bytes is recognised.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.filesystems import LocalFileSystem
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from flows.artifacts import publish_artifacts
from foi.corrections import apply_corrections, load_corrections
from foi.dataset import assemble
from foi.ids import file_sha256
from foi.inputs import InputFile, list_input_files
from foi.isolation import WorkerCrashed, reader_pool
from foi.pipeline import FileResult, failed_result, process_bytes, rebind
from foi.settings import DEFAULT_LIMITS, Limits
from foi.version import pipeline_version
from foi.writer import write_dataset


def _reply_cache_key(context, parameters: dict) -> str:
    # content + code version; not the path, so a moved file is still a cache hit
    return f"reply-{parameters['pipeline_version']}-{parameters['sha256']}"


def _retry_only_io(task, task_run, state) -> bool:
    """Retry when reading the file failed (I/O), never when the content is bad."""
    try:
        state.result()
    except TimeoutError:  # an OSError too, but a slow file stays slow
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(name="read-reply", task_run_name="{source_file}", cache_key_fn=_reply_cache_key,
      persist_result=True, retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_only_io)
def read_reply(path: str, source_file: str, sha256: str, pipeline_version: str,
               limits: Limits, reader_processes: int) -> FileResult:
    """Detect, extract, interpret and classify one reply."""
    data = Path(path).read_bytes()
    if reader_processes > 0:  # a killable process enforces the per-file time limit
        result = reader_pool(reader_processes).read(data, source_file, limits)
    else:
        result = process_bytes(data, source_file, limits)
    r = result.response
    get_run_logger().info("%s: format=%s rows=%d status=%s%s", source_file, r["format"], len(result.incidents),
                          r["parse_status"], f" ({r['error']})" if r["error"] else "")
    return result


@task(name="apply-corrections", persist_result=False)
def apply_researcher_corrections(results: list[FileResult], corrections_path: str) -> list[str]:
    """Apply corrections.csv to the incident rows (the corrected value wins)."""
    path = Path(corrections_path)
    if not path.is_file():
        return []
    corrections, problems = load_corrections(path)
    touched = {c.incident_id for c in corrections}
    # results may be shared with Prefect's cache: a result with a corrected row is copied first
    for i, r in enumerate(results):
        if any(inc["incident_id"] in touched for inc in r.incidents):
            results[i] = replace(r, response=dict(r.response), incidents=[dict(inc) for inc in r.incidents])
    report = apply_corrections([inc for r in results for inc in r.incidents], corrections)
    report.problems += problems
    for line in report.lines():
        get_run_logger().info("corrections: %s", line)
    return report.lines()


@task(name="write-dataset", persist_result=False)
def write_outputs(results: list[FileResult], out_dir: str):
    """Validate all rows and write the dataset atomically."""
    dataset = assemble(results)
    write_dataset(dataset, Path(out_dir))
    return dataset


def _run_name() -> str:
    params = flow_run.parameters
    name = Path(params.get("input_dir", "replies")).name or "replies"
    return f"ingest-{name}-{dt.datetime.now().strftime('%Y-%m-%d-%H%M')}"


def _result_storage(state: Path) -> LocalFileSystem:
    """A saved LocalFileSystem block for this state folder, named after it.

    Prefect requires result storage to be persisted server-side (so Dask workers
    can find it). The saved instance is passed, not its slug: a slug is loaded
    from the server again for every task, ~80 ms each (BENCHMARKS.md).
    """
    import hashlib

    basepath = str((state / "results").resolve())
    storage = LocalFileSystem(basepath=basepath)
    storage.save("foi-state-" + hashlib.sha256(basepath.encode()).hexdigest()[:12], overwrite=True)
    return storage


def default_corrections(input_dir: Path) -> Path:
    return Path(input_dir).resolve().parent / "corrections.csv"


def default_state_dir(out_dir: Path) -> Path:
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / f".{out_dir.name}.foi-state"


@flow(name="ingest", flow_run_name=_run_name, task_runner=ThreadPoolTaskRunner(max_workers=2))
def ingest(input_dir: str, out_dir: str, state_dir: str | None = None,
           limits: dict[str, float] | None = None, corrections: str | None = None,
           reader_processes: int = 2) -> dict:
    """Read every reply below input_dir into the dataset in out_dir.

    `limits` overrides the safety limits of foi.settings.Limits by name;
    `corrections` is the researcher's corrections.csv (default: beside input_dir);
    `reader_processes` files are read at once in killable worker processes (0: in
    the task's own thread or Dask worker, where the time limit is Prefect's task timeout).
    """
    logger = get_run_logger()
    limits = DEFAULT_LIMITS.with_overrides(**(limits or {}))
    files = list_input_files(Path(input_dir))
    state = Path(state_dir) if state_dir else default_state_dir(Path(out_dir))
    storage = _result_storage(state)
    version = pipeline_version()
    reader = read_reply.with_options(result_storage=storage,
                                     timeout_seconds=None if reader_processes else limits.per_file_seconds)
    logger.info("%d files in %s (pipeline version %s)", len(files), input_dir, version)

    submitted = [(f, reader.submit(str(f.path), f.source_file, file_sha256(f.path), version, limits,
                                   reader_processes)) for f in files]
    results = [_collect(f, future) for f, future in submitted]
    del submitted  # the futures hold results too
    corrections_report = apply_researcher_corrections(results, corrections or str(default_corrections(Path(input_dir))))
    dataset = write_outputs(results, out_dir)
    publish_artifacts(dataset)
    fresh = sum(1 for r in results if not r.from_cache)
    logger.info("wrote %s: %d responses, %d incidents, %d rejected rows; %d files read, %d from cache",
                out_dir, len(dataset.responses), len(dataset.incidents), len(dataset.rejected),
                fresh, len(files) - fresh)
    return {"files": len(files), "processed": fresh, "cached": len(files) - fresh,
            "incidents": len(dataset.incidents), "rejected": len(dataset.rejected), "out_dir": str(out_dir),
            "corrections": corrections_report}


def _collect(f: InputFile, future) -> FileResult:
    """A task's result, or a failed response row when the task itself failed."""
    future.wait()
    state = future.state
    if state.is_completed():
        result = rebind(future.result(), f.source_file)
        result.from_cache = state.name == "Cached"
        return result
    try:
        future.result(raise_on_failure=True)
        reason = f"processing ended in state {state.name}"
    except TimeoutError as exc:  # ours from the reader pool, or Prefect's TaskRunTimeoutError
        reason = str(exc) if "per_file_seconds" in str(exc) else \
            "reading the file took longer than the per-file time limit (limit per_file_seconds)"
    except WorkerCrashed as exc:
        reason = str(exc)
    except Exception as exc:  # recorded against the file; the run goes on
        reason = f"processing failed ({type(exc).__name__}: {exc})"
    return failed_result(f.path.read_bytes(), f.source_file, reason)
