"""Running the benchmark: corpora, one process per measured phase, memory sampled from outside."""
from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.procs import TreeSampler

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("plain", "bare", "flow")


@dataclass
class BenchConfig:
    sizes: list[int]
    seed: int = 2024
    work: Path = Path("bench-work")
    phases: tuple[str, ...] = (*PHASES, "classifier")
    descriptions: int = 20_000  # classified in the classifier phase
    sample_interval: float = 0.1
    log: object = field(default=sys.stderr)


def machine() -> dict:
    """What the figures were measured on."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 2**20, 1),
            "python": platform.python_version(), "system": f"{platform.system()} {platform.release()}",
            "load_average": [round(x, 2) for x in os.getloadavg()], "when": time.strftime("%Y-%m-%d %H:%M")}


def corpus(n: int, seed: int, work: Path) -> Path:
    """A synthetic corpus of n replies (foi.synth), generated once and reused by later runs."""
    from foi.synth import generate

    folder = work / f"corpus-{n}-seed{seed}"
    if not (folder / "gold.json").is_file():  # a half-written corpus is started again
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder, seed)
    return folder


def phase_env(home: Path) -> dict[str, str]:
    """The environment of a measured process: ephemeral Prefect with its own home, tesseract single-threaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "OMP_THREAD_LIMIT": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    })
    return env


def run_phase(phase: str, args: list[str], work: Path, interval: float) -> dict:
    """Run one phase in a child process; its JSON figures plus the tree's peak memory."""
    work.mkdir(parents=True, exist_ok=True)
    result, log_path = work / f"{phase}.json", work / f"{phase}.log"
    command = [sys.executable, "-m", "bench.phases", phase, "--result", str(result), *args]
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        # its own process group, so an interrupted benchmark can stop the phase and everything it started
        child = subprocess.Popen(command, cwd=ROOT, env=phase_env(work / "prefect-home"),
                                 stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            with TreeSampler(child.pid, interval) as sampler:
                code = child.wait()
        finally:
            if child.poll() is None:  # interrupted: the phase must not outlive the benchmark
                _stop_group(child)
    if code != 0:
        tail = log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"benchmark phase {phase!r} failed (exit {code}); log {log_path}:\n{tail}")
    figures = json.loads(result.read_text(encoding="utf-8"))
    figures["process"] = {"wall": round(time.perf_counter() - started, 2), "peak_tree_pss": sampler.peak,
                          "peak_tree_rss_sum": sampler.peak_rss_sum, "peak_by_process": sampler.peak_by_label,
                          "peak_main_rss": sampler.peak_root, "rss_timeline": sampler.samples}
    return figures


def _stop_group(child: subprocess.Popen) -> None:
    """SIGTERM the phase's process group, SIGKILL it if it lingers (Prefect may ignore SIGTERM)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def run(config: BenchConfig) -> dict:
    """Every phase at every size, then the classifier once; the raw figures by size."""
    work = config.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    raw: dict = {"machine": machine(), "seed": config.seed, "sizes": {}}
    largest_gold = None
    for n in config.sizes:
        say(config, f"corpus of {n} replies (seed {config.seed})")
        folder = corpus(n, config.seed, work)
        largest_gold = folder / "gold.json"
        by_phase = {}
        for phase in (p for p in PHASES if p in config.phases):
            phase_dir = work / f"run-{n}" / phase
            shutil.rmtree(phase_dir, ignore_errors=True)  # a no-op rerun must follow this run's full run
            say(config, f"  {phase} ({n} files)")
            by_phase[phase] = run_phase(phase, ["--files", str(folder / "files"), "--work", str(phase_dir)],
                                        phase_dir, config.sample_interval)
        raw["sizes"][str(n)] = by_phase
    if "classifier" in config.phases and largest_gold is not None:
        say(config, f"  classifier ({config.descriptions} descriptions, one core)")
        raw["classifier"] = run_phase("classifier", ["--gold", str(largest_gold),
                                                     "--descriptions", str(config.descriptions)],
                                      work / "classifier", config.sample_interval)
    return raw


def say(config: BenchConfig, text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=config.log, flush=True)
