"""Task runners: threads on one machine, or Dask (a LocalCluster or an existing cluster)."""
from __future__ import annotations


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
