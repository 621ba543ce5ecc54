"""Reading files in worker processes that can be killed.

A thread cannot be stopped while a parser loops in C (pdfminer, pdfium,
tesseract), so a per-file time limit enforced in-process only takes effect
after the parser returns, and a crash in a C library would take the whole run
down. Each file is therefore read by one of a few long-lived worker processes
(models loaded once per worker); a worker that runs past the limit is killed
and replaced, and a worker that dies is reported against its file.
"""
from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import threading
from dataclasses import dataclass

from foi.settings import Limits


class WorkerCrashed(Exception):
    """The reader process died while reading a file (a crash in a parsing library)."""


def _serve(conn) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from foi.pipeline import process_bytes

    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        data, source_file, limits = job
        conn.send(process_bytes(data, source_file, limits))


@dataclass
class _Worker:
    process: mp.Process
    conn: object


def _reader_context():
    context = mp.get_context("forkserver")
    # readers fork from a server that has loaded the pipeline and models once: shared, copy-on-write
    context.set_forkserver_preload(["foi.reader_preload"])
    return context


def start_reader_server() -> None:
    """Start the readers' forkserver now, without waiting for it.

    It loads the pipeline and models (~2 s of CPU) in its own process, so a
    caller that has other slow start-up work (Prefect's ephemeral server)
    overlaps the two; the first reader then forks at once.
    """
    from multiprocessing import forkserver

    _reader_context()
    forkserver.ensure_running()


class ReaderPool:
    """A bounded set of reader processes shared by the flow's threads."""

    def __init__(self, size: int = 2):
        self._context = _reader_context()
        self._idle: list[_Worker] = []
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._closed = False

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child,), daemon=True, name="foi-reader")
        process.start()
        child.close()
        return _Worker(process, parent)

    def read(self, data: bytes, source_file: str, limits: Limits):
        """process_bytes in a worker; TimeoutError past limits.per_file_seconds."""
        with self._slots:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.process.is_alive():
                worker = self._start()
            try:
                worker.conn.send((data, source_file, limits))
                if not worker.conn.poll(limits.per_file_seconds):
                    self._kill(worker)
                    raise TimeoutError(f"reading the file took longer than {limits.per_file_seconds:g} s "
                                       "(limit per_file_seconds); the reader was stopped")
                result = worker.conn.recv()
            except (EOFError, BrokenPipeError, ConnectionResetError):
                worker.process.join(timeout=5)
                code = worker.process.exitcode
                self._kill(worker)
                raise WorkerCrashed(f"the reader process crashed while reading this file (exit code {code})") from None
            with self._lock:
                self._idle.append(worker)
            return result

    @staticmethod
    def _kill(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def close(self) -> None:
        with self._lock:
            workers, self._idle = self._idle, []
            self._closed = True
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=5)
            self._kill(worker)


_POOLS: dict[int, ReaderPool] = {}
_POOLS_LOCK = threading.Lock()


def close_reader_pools() -> None:
    """Stop the reader processes once a run has read its files.

    They hold the memory of the largest files they read (~100 MiB each) while
    the dataset is assembled; the next run forks fresh ones from the
    forkserver, which has the pipeline and models loaded, in milliseconds.
    """
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


def reader_pool(size: int) -> ReaderPool:
    """One pool per process and size, closed when the process exits."""
    with _POOLS_LOCK:
        pool = _POOLS.get(size)
        if pool is None:
            pool = _POOLS[size] = ReaderPool(size)
            atexit.register(pool.close)
        return pool


def read_in_thread(data: bytes, source_file: str, limits: Limits):
    """process_bytes in a helper thread, waited on for at most limits.per_file_seconds.

    For a worker that cannot start reader processes (a Dask worker is itself a
    daemon process): a thread stuck in a parser cannot be stopped, so it is
    abandoned, but the batch moves on and the file is recorded as too slow.
    """
    from foi.pipeline import process_bytes

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = process_bytes(data, source_file, limits)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name=f"foi-read {source_file}")
    thread.start()
    thread.join(limits.per_file_seconds)
    if thread.is_alive():
        raise TimeoutError(f"reading the file took longer than {limits.per_file_seconds:g} s "
                           "(limit per_file_seconds); it was abandoned")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
