"""What one Prefect task costs, option by option: `python -m bench.prefect_tasks [N]`.

Runs N trivial tasks per variant (2 threads, ephemeral server, its own
PREFECT_HOME) and prints wall and CPU milliseconds per task, the CPU of the
whole process tree (the server included) with the cost of an empty flow run
taken off. It prices the options a per-file task would need for Prefect's own
caching (a cache key, a persisted result, result storage named by a block
slug, by a path or by an instance) against a task without them, which is
what `read-replies` is now: the measurement behind batching files per task
and looking results up before submitting (BENCHMARKS.md).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 200
    with tempfile.TemporaryDirectory(prefix="bench-prefect-") as scratch:
        os.environ.update({"PREFECT_HOME": str(Path(scratch) / "home"),
                           "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
                           "PREFECT_LOGGING_LEVEL": "WARNING"})
        os.environ.pop("PREFECT_API_URL", None)
        for name, wall_ms, cpu_ms in measure(count, Path(scratch)):
            print(f"{name:48s} {wall_ms:7.1f} ms wall {cpu_ms:7.1f} ms CPU per task")
    return 0


def measure(count: int, work: Path) -> list[tuple[str, float, float]]:
    from prefect import flow, get_run_logger, task
    from prefect.cache_policies import NO_CACHE
    from prefect.client.orchestration import get_client
    from prefect.filesystems import LocalFileSystem
    from prefect.task_runners import ThreadPoolTaskRunner

    from bench.procs import tree_cpu_seconds

    with get_client(sync_client=True) as client:
        client.hello()
    LocalFileSystem(basepath=str(work / "by-slug")).save("bench-by-slug", overwrite=True)
    block = LocalFileSystem(basepath=str(work / "by-instance"))
    block.save("bench-by-instance", overwrite=True)

    def key(prefix):
        return lambda context, parameters: f"{prefix}-{parameters['k']}"

    @task(persist_result=False, cache_policy=NO_CACHE)
    def bare(k: int) -> int:
        return k

    @task(persist_result=False, cache_policy=NO_CACHE)
    def logs(k: int) -> int:
        get_run_logger().info("%s", k)
        return k

    @task(cache_key_fn=key("slug"), persist_result=True, result_storage="local-file-system/bench-by-slug")
    def by_slug(k: int) -> int:
        return k

    @task(cache_key_fn=key("path"), persist_result=True, result_storage=work / "by-path")
    def by_path(k: int) -> int:
        return k

    @task(cache_key_fn=key("instance"), persist_result=True, result_storage=block)
    def by_instance(k: int) -> int:
        return k

    def fan_out(t):
        @flow(task_runner=ThreadPoolTaskRunner(max_workers=2))
        def run(n: int) -> None:
            for future in [t.submit(i) for i in range(n)]:
                future.result()
        return run

    def clock(f, n: int) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), tree_cpu_seconds(os.getpid())
        f(n)
        return time.perf_counter() - wall, tree_cpu_seconds(os.getpid()) - cpu

    empty_wall, empty_cpu = clock(fan_out(bare), 0)
    rows = []
    for name, t in (("task, no cache, no persisted result", bare),
                    ("+ one log line (get_run_logger().info)", logs),
                    ("cache key + persisted result, storage by slug", by_slug),
                    ("  the same, all from cache", by_slug),
                    ("cache key + persisted result, storage by Path", by_path),
                    ("  the same, all from cache", by_path),
                    ("cache key + persisted result, block instance", by_instance),
                    ("  the same, all from cache", by_instance)):
        wall, cpu = clock(fan_out(t), count)
        rows.append((name, (wall - empty_wall) * 1000 / count, (cpu - empty_cpu) * 1000 / count))
    return rows


if __name__ == "__main__":
    sys.exit(main())
