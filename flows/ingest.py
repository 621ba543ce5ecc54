"""The `ingest` flow: a folder of replies in, the normalised dataset out.

Thin by design: the tasks wrap pure functions from `foi`; the flow lists the
files, looks each one up by content in the state folder, reads only the new
ones in batches of tasks, and hands all results to the writer.

Incremental at three levels, each found in the state folder:
- a file's content hash is reused while its size/mtime/inode are unchanged;
- a file's result is cached by (content hash, pipeline version), so a renamed
  or moved file is recognised and a changed extractor or model re-reads it;
- when every input, the version and the corrections are the same as for the
  dataset still published in the output folder, nothing is assembled or
  written: the run only shows that dataset's artifacts again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.artifacts import publish_artifacts
from flows.reply_cache import ReplyCache
from foi.corrections import apply_corrections, load_corrections
from foi.inputs import InputFile, list_input_files, plan_batches
from foi.isolation import WorkerCrashed, close_reader_pools, read_in_thread, reader_pool
from foi.pipeline import FileResult, failed_result, rebind
from foi.settings import DEFAULT_LIMITS, Limits
from foi.published import published_stamp
from foi.state import ContentHashes, RunManifest, inputs_digest
from foi.version import pipeline_version


@dataclass(frozen=True)
class PendingFile:
    """A file to read this run: its content is not in the cache yet."""

    path: str
    source_file: str
    sha256: str


def _retry_only_io(task, task_run, state) -> bool:
    """Retry when reading a file failed (I/O), never when the content is bad."""
    try:
        state.result()
    except TimeoutError:  # an OSError too, but a slow file stays slow
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


def _batch_run_name(parameters: dict) -> str:
    """Task runs are named after their files: the file, or the first and last of the batch."""
    names = [p.source_file for p in parameters["batch"]]
    return names[0] if len(names) == 1 else f"{names[0]} … {names[-1]} ({len(names)} files)"


def read_one(data: bytes, source_file: str, limits: Limits, reader_processes: int) -> tuple[FileResult, bool]:
    """One file's result, and whether it may be cached (not a time-out or a crash, which may not recur)."""
    try:
        if reader_processes > 0:  # a killable process enforces the per-file time limit
            return reader_pool(reader_processes).read(data, source_file, limits), True
        return read_in_thread(data, source_file, limits), True
    except (TimeoutError, WorkerCrashed) as exc:
        return failed_result(data, source_file, str(exc)), False


@task(name="read-replies", task_run_name=_batch_run_name, cache_policy=NO_CACHE, persist_result=False,
      retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_only_io)
def read_replies(batch: list[PendingFile], limits: Limits, reader_processes: int,
                 cache: ReplyCache) -> list[tuple[FileResult, bool]]:
    """Detect, extract, interpret and classify a batch of replies; each result is cached as soon as it is read.

    Returns (result, cached) per file: a time-out or a crash is not cached, so the next run tries again.
    """
    logger = get_run_logger()
    results = []
    for item in batch:
        result = cache.get(item.sha256)  # a retried batch keeps what its first try finished
        cached = result is not None
        if result is None:
            result, cached = read_one(Path(item.path).read_bytes(), item.source_file, limits, reader_processes)
            if cached:
                cache.put(item.sha256, result)
        r = result.response  # named as first read: the flow gives every copy its own name
        logger.info("%s: format=%s rows=%d status=%s%s", item.source_file, r["format"], len(result.incidents),
                    r["parse_status"], f" ({r['error']})" if r["error"] else "")
        results.append((result, cached))
    return results


@task(name="apply-corrections", persist_result=False, cache_policy=NO_CACHE)
def apply_researcher_corrections(results: list[FileResult], corrections_path: str) -> list[str]:
    """Apply corrections.csv to the incident rows (the corrected value wins)."""
    path = Path(corrections_path)
    if not path.is_file():
        return []
    corrections, problems = load_corrections(path)
    touched = {c.incident_id for c in corrections}
    # results are shared with the cache: a result with a corrected row is copied first
    for i, r in enumerate(results):
        if any(inc["incident_id"] in touched for inc in r.incidents):
            results[i] = replace(r, response=dict(r.response), incidents=[dict(inc) for inc in r.incidents])
    report = apply_corrections([inc for r in results for inc in r.incidents], corrections)
    report.problems += problems
    for line in report.lines():
        get_run_logger().info("corrections: %s", line)
    return report.lines()


@task(name="write-dataset", persist_result=False, cache_policy=NO_CACHE)
def write_outputs(results: list[FileResult], out_dir: str) -> dict:
    """Validate all rows, write the dataset atomically, and return its counts, stamp and artifacts."""
    # pandas, pandera and pyarrow are loaded only now, after the reader processes have stopped:
    # ~90 MiB the flow process need not hold while files are being read
    from flows.artifacts import artifact_payloads
    from foi.dataset import assemble
    from foi.writer import write_dataset

    dataset = assemble(results)
    stamp = write_dataset(dataset, Path(out_dir))
    return {"responses": len(dataset.responses), "incidents": len(dataset.incidents),
            "rejected": len(dataset.rejected), "stamp": stamp, "artifacts": artifact_payloads(dataset)}


def _run_name() -> str:
    params = flow_run.parameters
    name = Path(params.get("input_dir", "replies")).name or "replies"
    return f"ingest-{name}-{dt.datetime.now().strftime('%Y-%m-%d-%H%M')}"


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
    the task's own worker, e.g. a Dask worker, abandoning a file past the time limit).
    """
    logger = get_run_logger()
    limits = DEFAULT_LIMITS.with_overrides(**(limits or {}))
    files = list_input_files(Path(input_dir))
    state = Path(state_dir) if state_dir else default_state_dir(Path(out_dir))
    corrections_path = Path(corrections) if corrections else default_corrections(Path(input_dir))
    version = pipeline_version()
    logger.info("%d files in %s (pipeline version %s)", len(files), input_dir, version)

    hashes = ContentHashes(state)
    shas, unreadable = {}, {}
    for f in files:
        try:
            shas[f.source_file] = hashes.sha256(f)
        except OSError as exc:  # recorded against the file; the run goes on
            unreadable[f.source_file] = failed_result(b"", f.source_file, f"the file could not be read ({exc})")
    hashes.save()

    digest = inputs_digest(version, list(shas.items()) + [(n, "unreadable") for n in unreadable], corrections_path)
    last = RunManifest.load(state)
    if last and last.inputs == digest and last.generation == published_stamp(Path(out_dir)):
        publish_artifacts(last.artifacts)
        logger.info("nothing new: all %d files were read before and %s already holds their dataset",
                    len(files), out_dir)
        return {**last.summary, "processed": 0, "cached": len(files)}

    cache = ReplyCache(state, version)
    results, pending = _look_up(files, shas, cache)
    logger.info("%d files unchanged since an earlier run (results from the state folder); %d to read; "
                "%d hashed (the others' size and times had not changed)",
                len(results), sum(len(v) for v in pending.values()), hashes.hashed)
    results.update(unreadable)
    read, unfinished = _read_pending(pending, limits, reader_processes, cache)
    results.update(read)
    close_reader_pools()
    unfinished |= set(unreadable)
    ordered = [results[f.source_file] for f in files]
    del results
    # quote(): Prefect would otherwise walk every row of every result looking for futures, twice
    corrections_report = apply_researcher_corrections(quote(ordered), str(corrections_path))
    written = write_outputs(quote(ordered), out_dir)
    publish_artifacts(written["artifacts"])
    fresh = sum(1 for r in ordered if not r.from_cache)
    summary = {"files": len(files), "processed": fresh, "cached": len(files) - fresh,
               "incidents": written["incidents"], "rejected": written["rejected"], "out_dir": str(out_dir),
               "corrections": corrections_report}
    if unfinished:  # no manifest: the next run must not take these inputs as done
        RunManifest.forget(state)
        logger.warning("%d files could not be finished (time limit, crash or I/O error); the next run tries "
                       "them again", len(unfinished))
    else:
        RunManifest(digest, written["stamp"], summary, written["artifacts"]).save(state)
    logger.info("wrote %s: %d responses, %d incidents, %d rejected rows; %d files read, %d from cache",
                out_dir, written["responses"], written["incidents"], written["rejected"], fresh, len(files) - fresh)
    return summary


def _look_up(files: list[InputFile], shas: dict[str, str],
             cache: ReplyCache) -> tuple[dict[str, FileResult], dict[str, list[InputFile]]]:
    """Cached results by file name, and the files still to read grouped by content (same bytes: read once)."""
    found: dict[str, FileResult | None] = {}
    results, pending = {}, {}
    for f in files:
        sha = shas.get(f.source_file)
        if sha is None:
            continue
        if sha not in found:
            found[sha] = cache.get(sha)
        if found[sha] is None:
            pending.setdefault(sha, []).append(f)
        else:
            results[f.source_file] = replace(rebind(found[sha], f.source_file), from_cache=True)
    return results, pending


def _read_pending(pending: dict[str, list[InputFile]], limits: Limits, reader_processes: int,
                  cache: ReplyCache) -> tuple[dict[str, FileResult], set[str]]:
    """Read each new content once, in batches of tasks; copies under other names reuse the result.

    Returns the results by file name, and the names of files whose result was not cached.
    """
    first = [PendingFile(str(group[0].path), group[0].source_file, sha) for sha, group in pending.items()]
    batches = plan_batches(first, workers=max(1, reader_processes) if reader_processes else 2)
    futures = [(batch, read_replies.submit(batch, limits, reader_processes, cache)) for batch in batches]
    read: dict[str, FileResult] = {}
    unfinished: set[str] = set()  # content hashes
    for batch, future in futures:
        future.wait()
        if future.state.is_completed():
            for item, (result, cached) in zip(batch, future.result()):
                read[item.sha256] = result
                if not cached:
                    unfinished.add(item.sha256)
        else:  # the whole task failed (an I/O error after retries, or a bug): each file is recorded
            reason = _failure_reason(future)
            for item in batch:
                result = cache.get(item.sha256)
                if result is None:
                    result = failed_result(_bytes_or_empty(item.path), item.source_file, reason)
                    unfinished.add(item.sha256)
                read[item.sha256] = result
    del futures  # the futures hold results too
    by_name = {f.source_file: rebind(read[sha], f.source_file) for sha, group in pending.items() for f in group}
    return by_name, {f.source_file for sha in unfinished for f in pending[sha]}


def _failure_reason(future) -> str:
    try:
        future.result(raise_on_failure=True)
        return f"processing ended in state {future.state.name}"
    except Exception as exc:
        return f"processing failed ({type(exc).__name__}: {exc})"


def _bytes_or_empty(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""
