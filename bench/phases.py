"""The measured work, one phase per process: `python -m bench.phases PHASE ...`.

Each phase runs in its own process so its memory is its own (the runner samples
the process tree from outside) and one phase's warm caches never flatter the
next. A phase writes its figures as JSON to --result.

    plain       the pipeline's functions in a plain loop: process_bytes per file,
                then assemble (validate) and write_dataset
    bare        the same files read by the parsing libraries alone (bench.bare)
    flow        the Prefect flow `ingest`: server start, an empty flow run, the
                full run, then a no-op rerun over the same state folder
    classifier  descriptions/s of classify_rows on one core, and of the textcat model alone
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from bench.procs import rss_bytes, tree_cpu_by_label, tree_cpu_seconds


def _cpu() -> float:
    """CPU seconds of this process and of its children already reaped (tesseract, antiword)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _Clock:
    """Wall and CPU seconds of a block."""

    def __init__(self, cpu=_cpu):
        self._cpu = cpu

    def __enter__(self) -> "_Clock":
        self.wall0, self.cpu0 = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc_info) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = self._cpu() - self.cpu0

    def figures(self) -> dict[str, float]:
        return {"wall": round(self.wall, 4), "cpu": round(self.cpu, 4)}


class _TreeClock(_Clock):
    """Wall and CPU seconds of a block for this process and all its children, split by process."""

    def __init__(self):
        super().__init__(cpu=lambda: tree_cpu_seconds(os.getpid()))

    def __enter__(self) -> "_TreeClock":
        self.by_label0 = tree_cpu_by_label(os.getpid())
        return super().__enter__()

    def __exit__(self, *exc_info) -> None:
        super().__exit__(*exc_info)
        after = tree_cpu_by_label(os.getpid())
        self.by_label = {label: round(seconds - self.by_label0.get(label, 0.0), 2)
                         for label, seconds in after.items()}

    def figures(self) -> dict:
        return {**super().figures(), "cpu_by_process": self.by_label}


def _memory() -> dict[str, int]:
    # RUSAGE_CHILDREN's maxrss is left out: a forked child reports its parent's pages until exec
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rss_now": rss_bytes(os.getpid()), "maxrss_self": own}


class _OcrMeter:
    """Times the OCR calls extractors.pdf makes through the `ocr` module, without changing it.

    pdf.py calls `ocr.render_page` and `ocr.ocr_image` through the module, and
    ocr.py calls `pytesseract.image_to_data` / `image_to_osd` through that
    module, so wrapping the module attributes sees every call. `pages` counts
    ocr_image calls (one per page that went to OCR).
    """

    def __init__(self) -> None:
        import pytesseract

        from extractors import ocr

        self.reset()
        self._wrap(ocr, "render_page", "render")
        self._wrap(ocr, "ocr_image", "ocr", counts_page=True)
        self._wrap(pytesseract, "image_to_data", "tesseract")
        self._wrap(pytesseract, "image_to_osd", "tesseract")

    def reset(self) -> None:
        self.wall = {"render": 0.0, "ocr": 0.0, "tesseract": 0.0}
        self.cpu = dict.fromkeys(self.wall, 0.0)
        self.pages = 0

    def _wrap(self, module, name: str, bucket: str, counts_page: bool = False) -> None:
        original = getattr(module, name)

        def timed(*args, **kwargs):
            wall0, cpu0 = time.perf_counter(), _cpu()
            try:
                return original(*args, **kwargs)
            finally:
                self.wall[bucket] += time.perf_counter() - wall0
                self.cpu[bucket] += _cpu() - cpu0
                self.pages += counts_page

        setattr(module, name, timed)

    def figures(self) -> dict:
        # render + ocr_image is the OCR stage; tesseract runs inside ocr_image
        return {"pages": self.pages,
                "wall": round(self.wall["render"] + self.wall["ocr"], 4),
                "cpu": round(self.cpu["render"] + self.cpu["ocr"], 4),
                "tesseract_wall": round(self.wall["tesseract"], 4),
                "tesseract_cpu": round(self.cpu["tesseract"], 4),
                "render_wall": round(self.wall["render"], 4)}


def _warm_pipeline() -> None:
    """Import every extractor and load the models: once-per-process costs, reported apart."""
    import importlib

    import interpret  # noqa: F401
    from classifier import load_model
    from extractors.registry import EXTRACTORS

    for module in set(EXTRACTORS.values()):
        importlib.import_module(module)
    for task in ("cause", "outcome"):
        load_model(task)


def phase_plain(files_dir: Path, work: Path) -> dict:
    """process_bytes over every file in a plain loop, then assemble + write_dataset."""
    from foi.dataset import assemble
    from foi.inputs import list_input_files
    from foi.pipeline import process_bytes
    from foi.writer import write_dataset

    meter = _OcrMeter()
    with _Clock() as warm:
        _warm_pipeline()
    memory = {"after_warm_up": rss_bytes(os.getpid())}
    files = list_input_files(files_dir)
    per_file, results = [], []
    with _Clock() as loop:
        for f in files:
            meter.reset()
            with _Clock() as one:
                data = f.path.read_bytes()
                result = process_bytes(data, f.source_file)
            results.append(result)
            r = result.response
            per_file.append({
                "source_file": f.source_file, "format": r["format"], "pages": r["pages"] or 0,
                "bytes": len(data), "status": r["parse_status"], "incidents": len(result.incidents),
                "wall": round(one.wall, 4), "cpu": round(one.cpu, 4),
                "stages": {k: round(v, 4) for k, v in result.seconds.items()},
                "ocr": meter.figures(),
            })
    memory["after_loop"] = rss_bytes(os.getpid())
    with _Clock() as validate:
        dataset = assemble(results)
    memory["after_validate"] = rss_bytes(os.getpid())
    with _Clock() as write:
        write_dataset(dataset, work / "out")
    return {"phase": "plain", "warm_up": warm.figures(), "files": per_file, "loop": loop.figures(),
            "validate": validate.figures(), "write": write.figures(), "incidents": len(dataset.incidents),
            "rejected": len(dataset.rejected), "memory": {**memory, **_memory()}}


def phase_bare(files_dir: Path, work: Path) -> dict:
    """The bare library readers over every file."""
    from bench.bare import read_bare, warm_up
    from extractors.registry import Source, detect_kind
    from foi.inputs import list_input_files

    with _Clock() as warm:
        warm_up()
    files = list_input_files(files_dir)
    per_file = []
    with _Clock() as loop:
        for f in files:
            data = f.path.read_bytes()
            kind = detect_kind(data, Source(data, f.source_file).extension)  # not timed: not a library call
            with _Clock() as one:
                count = read_bare(data, f.source_file, kind)
            per_file.append({"source_file": f.source_file, "kind": kind.value, "pages": count.pages,
                             "ocr_pages": count.ocr_pages, "ocr_wall": round(count.ocr_seconds, 4),
                             "units": count.units, "error": count.error,
                             "wall": round(one.wall, 4), "cpu": round(one.cpu, 4)})
    return {"phase": "bare", "warm_up": warm.figures(), "files": per_file, "loop": loop.figures(),
            "memory": _memory()}


def phase_flow(files_dir: Path, work: Path) -> dict:
    """The Prefect flow, ephemeral mode: startup, an empty run, the full run, a no-op rerun."""
    tree_clock = _TreeClock  # the server and the reader processes are live children
    with _Clock() as imports:
        from prefect import flow
        from prefect.client.orchestration import get_client

        from flows.ingest import ingest
    with tree_clock() as startup:
        from foi.isolation import start_reader_server

        start_reader_server()  # as `foi ingest` does: the readers' forkserver loads the models meanwhile
        with get_client(sync_client=True) as client:
            client.hello()  # starts the ephemeral API server, the fixed cost of a `foi ingest` run

    @flow(name="bench-empty", log_prints=False)
    def empty() -> None:
        """A flow run that does nothing: Prefect's fixed cost per run."""

    from flows.runners import one_off_run_settings

    with one_off_run_settings():  # as `foi ingest` runs its flow
        with tree_clock() as empty_run:
            empty()
        memory = {"after_startup": rss_bytes(os.getpid())}
        params = {"input_dir": str(files_dir), "out_dir": str(work / "out"), "state_dir": str(work / "state")}
        with tree_clock() as full:
            first = ingest(**params)
        memory["after_full"] = rss_bytes(os.getpid())
        with tree_clock() as noop:
            second = ingest(**params)
        memory["after_noop"] = rss_bytes(os.getpid())
        tasks = _task_overhead(min(first["files"], OVERHEAD_TASKS), work, tree_clock)
    return {"phase": "flow", "import": imports.figures(), "server_start": startup.figures(),
            "empty_flow": empty_run.figures(), "full": {**full.figures(), "summary": first},
            "noop": {**noop.figures(), "summary": second}, "task_overhead": tasks,
            "memory": {**memory, **_memory()}}


OVERHEAD_TASKS = 200  # trivial tasks timed to price one Prefect task


def _task_overhead(count: int, work: Path, tree_clock) -> dict:
    """What one task costs Prefect with read-replies' options (no cache policy, no persisted result,
    retries, one log line per file) when it does nothing: with one log line, then with a full batch's."""
    from prefect import flow, get_run_logger, task
    from prefect.cache_policies import NO_CACHE
    from prefect.task_runners import ThreadPoolTaskRunner

    from foi.inputs import MAX_BATCH

    @task(name="trivial", cache_policy=NO_CACHE, persist_result=False, retries=2, retry_delay_seconds=1)
    def trivial(key: str, lines: int) -> dict:
        for i in range(lines):
            get_run_logger().info("%s: line %d", key, i)
        return {"key": key}

    @flow(name="bench-overhead", task_runner=ThreadPoolTaskRunner(max_workers=2))
    def many(n: int, lines: int) -> None:
        futures = [trivial.submit(f"{i:06d}", lines) for i in range(n)]
        for future in futures:
            future.result()

    with tree_clock() as baseline:
        many(0, 1)  # the same flow without tasks: the per-run cost to subtract
    with tree_clock() as one_line:
        many(count, 1)
    with tree_clock() as batch_lines:
        many(count, MAX_BATCH)
    return {"tasks": count, "batch": MAX_BATCH, "baseline": baseline.figures(), "one_line": one_line.figures(),
            "batch_lines": batch_lines.figures()}


def phase_classifier(gold_path: Path, minimum: int) -> dict:
    """classify_rows on batches of distinct descriptions, one core, until `minimum` are classified."""
    available = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {available[-1]})  # one core, as the target says
    from classifier import classify_rows, load_model
    from classifier.phrases import blank_nlp
    from classifier.text import prepare_text
    from interpret.records import IncidentRow, ResponseFacts

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    texts = sorted({inc["description"] for entry in gold.values() for inc in entry["incidents"]
                    if inc.get("description")})
    if not texts:
        raise SystemExit(f"no descriptions in {gold_path}")
    rows = [IncidentRow(source_file="bench", source_locator=f"row={i}", description=t)
            for i, t in enumerate(texts, start=1)]
    facts = ResponseFacts()
    with _Clock() as warm:
        classify_rows(rows[:20], facts)  # loads the models: a once-per-process cost
    done = 0
    with _Clock() as rules_and_models:
        while done < minimum:
            # every call sees each text once: classify_rows caches a text only within a call
            done += len(classify_rows(rows, facts))
    nlp = load_model("cause")
    docs = [blank_nlp().make_doc(prepare_text(t)) for t in texts]
    scored = 0
    with _Clock() as model_only:
        while scored < minimum:
            for _ in nlp.pipe([d.copy() for d in docs], batch_size=256):
                scored += 1
    return {"phase": "classifier", "distinct": len(texts), "cpus": 1, "warm_up": warm.figures(),
            "classify_rows": {**rules_and_models.figures(), "descriptions": done},
            "textcat_only": {**model_only.figures(), "descriptions": scored}, "memory": _memory()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.phases")
    ap.add_argument("phase", choices=("plain", "bare", "flow", "classifier"))
    ap.add_argument("--files", type=Path, help="the corpus's files/ folder")
    ap.add_argument("--work", type=Path, help="a fresh folder for this phase's outputs")
    ap.add_argument("--gold", type=Path, help="classifier: the corpus's gold.json")
    ap.add_argument("--descriptions", type=int, default=20_000, help="classifier: how many to classify")
    ap.add_argument("--result", type=Path, required=True, help="where to write the JSON figures")
    args = ap.parse_args(argv)
    if args.phase == "classifier":
        figures = phase_classifier(args.gold, args.descriptions)
    else:
        args.work.mkdir(parents=True, exist_ok=True)
        run = {"plain": phase_plain, "bare": phase_bare, "flow": phase_flow}[args.phase]
        figures = run(args.files.resolve(), args.work.resolve())
    args.result.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
