"""Task runners (threads on one machine, or Dask: a LocalCluster or an existing cluster) and run settings."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


def make_task_runner(kind: str = "threads", max_workers: int = 2, dask_address: str | None = None):
    if kind == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=max_workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": max_workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    raise ValueError(f"unknown task runner {kind!r}: use 'threads' or 'dask'")


@contextmanager
def one_off_run_settings() -> Iterator[None]:
    """Prefect settings for a run started from the command line (`foi ingest`).

    Without a Prefect server (ephemeral mode) flow-run heartbeats are turned
    off: they let a server mark a run whose process died as crashed, but the
    ephemeral server lives and dies with this process, so nothing reads them,
    and the heartbeat thread costs ~1 s at the end of every run (it sleeps in
    1 s steps and is joined; BENCHMARKS.md). With PREFECT_API_URL set nothing
    changes.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        yield
