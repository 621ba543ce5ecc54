"""Memory and CPU of a whole process tree, read from /proc (Linux only).

The pipeline starts other processes (tesseract per scanned page, antiword per
.doc, Prefect's ephemeral API server for the whole run), so one process's own
figures undercount: memory is summed over the live tree (PSS, so pages shared
after a fork count once), sampled by a thread, and CPU adds the time of
children already reaped (cutime/cstime), which is where each finished
tesseract run lands.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            raw = fh.read().decode("ascii", "replace")
    except OSError:  # the process ended between listing and reading
        return None
    # the command name (field 2) may hold spaces and parentheses: split after its last ")"
    return raw[raw.rfind(")") + 2:].split()


def descendants(root: int) -> list[int]:
    """`root` and every live process below it."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        fields = _stat_fields(int(name))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(name))  # fields[1] is the parent pid
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def pss_bytes(pid: int) -> int:
    """Proportional set size: resident memory with each shared page split between its sharers.

    Summed over a tree it counts a page once, where an RSS sum counts the pages a
    forked child still shares with its parent (before exec) twice. Falls back to
    RSS when smaps_rollup cannot be read.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss_bytes(pid)


def process_label(pid: int, root: int) -> str:
    """A short name for a process of the tree: main, prefect server, tesseract, antiword..."""
    if pid == root:
        return "main"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return "?"
    if any("uvicorn" in arg or "prefect.server" in arg for arg in argv):
        return "prefect server"
    if any("multiprocessing" in arg for arg in argv):  # the forkserver and the readers it forks
        return "reader processes"
    return os.path.basename(argv[0]) or "?"


def tree_memory_bytes(root: int) -> tuple[int, int, dict[int, int]]:
    """(PSS sum, RSS sum, PSS by pid) over the live tree: its memory, an upper bound, and who holds it."""
    by_pid = {pid: pss_bytes(pid) for pid in descendants(root)}
    return sum(by_pid.values()), sum(rss_bytes(pid) for pid in by_pid), by_pid


def _cpu_ticks(pid: int) -> int:
    fields = _stat_fields(pid)
    # utime, stime, cutime, cstime are fields 14-17 of stat; 12-15 after the split
    return sum(int(v) for v in fields[11:15]) if fields else 0


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) used so far by the tree, reaped children included."""
    return sum(_cpu_ticks(pid) for pid in descendants(root)) / _TICKS


def tree_cpu_by_label(root: int) -> dict[str, float]:
    """tree_cpu_seconds split by process_label (a reaped child counts for its parent)."""
    by_label: dict[str, float] = {}
    for pid in descendants(root):
        label = process_label(pid, root)
        by_label[label] = by_label.get(label, 0.0) + _cpu_ticks(pid) / _TICKS
    return by_label


@dataclass
class TreeSampler:
    """Polls the tree's memory in a thread; `peak` is the highest PSS sum seen."""

    root: int
    interval: float = 0.1
    peak: int = 0  # PSS summed over the tree
    peak_rss_sum: int = 0  # RSS summed over the tree: counts shared pages once per process
    peak_root: int = 0  # RSS of the root process alone
    samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, tree PSS)
    peak_by_label: dict[str, int] = field(default_factory=dict)  # highest PSS of one process, by label
    _pid_peak: dict[int, int] = field(default_factory=dict)
    _labels: dict[int, str] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "TreeSampler":
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        total, rss_sum, by_pid = tree_memory_bytes(self.root)
        for pid, pss in by_pid.items():
            if pss > self._pid_peak.get(pid, -1):
                self._pid_peak[pid] = pss
                if pid not in self._labels:
                    self._labels[pid] = process_label(pid, self.root)
                label = self._labels[pid]
                self.peak_by_label[label] = max(self.peak_by_label.get(label, 0), pss)
        self.peak = max(self.peak, total)
        self.peak_rss_sum = max(self.peak_rss_sum, rss_sum)
        self.peak_root = max(self.peak_root, rss_bytes(self.root))
        # keep the timeline short: one point a second is enough to see growth
        now = time.monotonic() - self._started
        if not self.samples or now - self.samples[-1][0] >= 1.0:
            self.samples.append((round(now, 1), total))
