"""The `foi` command: the only place that turns errors into exit codes.

    foi ingest INPUT_DIR --out OUT_DIR     run the ingestion flow once
    foi serve [INPUT_DIR] [--out OUT_DIR]  serve it as a scheduled deployment (nightly)
    foi train [--evaluate]                 build the classifier models
    foi synth N --out DIR --seed S         write a synthetic corpus with gold labels
    foi bench [--sizes 200,2000]           measure speed and memory (BENCHMARKS.md)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _quiet_defaults() -> None:
    # before Prefect is imported: analytics make the local server log "database is locked"
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract is 5x slower with threads here
    # the temporary server of ephemeral mode can take longer than Prefect's 20 s on a busy 2-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def _settings(args: argparse.Namespace):
    from foi.config import load_config

    cfg = load_config(Path(args.config) if args.config else None)
    for key in ("input_dir", "out_dir", "state_dir"):
        value = getattr(args, key, None)
        if value:
            setattr(cfg, key, Path(value))
    for key in ("task_runner", "max_workers", "dask_address", "cron", "deployment", "corrections"):
        value = getattr(args, key, None)
        if value:
            setattr(cfg, key, value)
    if getattr(args, "dask_address", None):
        cfg.task_runner = "dask"
    if getattr(args, "per_file_seconds", None):
        cfg.limits = {**cfg.limits, "per_file_seconds": args.per_file_seconds}
    return cfg


def _configured_flow(cfg):
    from flows.ingest import ingest
    from flows.runners import make_task_runner

    return ingest.with_options(task_runner=make_task_runner(cfg.task_runner, cfg.max_workers, cfg.dask_address))


def _flow_parameters(cfg) -> dict:
    # threads hand files to killable reader processes; Dask workers are processes already
    readers = 0 if cfg.task_runner == "dask" else max(1, int(cfg.max_workers))
    return {"reader_processes": readers, "input_dir": str(Path(cfg.input_dir).resolve()), "out_dir": str(Path(cfg.out_dir).resolve()),
            "state_dir": str(Path(cfg.state_dir).resolve()) if cfg.state_dir else None,
            "limits": dict(cfg.limits), "corrections": str(Path(cfg.corrections).resolve()) if cfg.corrections else None}


def _check_folders(cfg) -> str | None:
    input_dir, out_dir = Path(cfg.input_dir).resolve(), Path(cfg.out_dir).resolve()
    if not input_dir.is_dir():
        return f"input folder not found: {input_dir}"
    if out_dir == input_dir or input_dir in out_dir.parents:
        return "the output folder must not be inside the input folder (it would be read as replies)"
    return None


def _prepare(args: argparse.Namespace):
    """Settings for a run, or None after saying why the folders will not do."""
    _quiet_defaults()
    cfg = _settings(args)
    problem = _check_folders(cfg)
    if problem:
        print(f"foi {args.command}: {problem}", file=sys.stderr)
        return None
    return cfg


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = _prepare(args)
    if cfg is None:
        return 2
    params = _flow_parameters(cfg)
    if params["reader_processes"]:
        from foi.isolation import start_reader_server

        start_reader_server()  # loads the models while Prefect starts
    from flows.runners import one_off_run_settings

    with one_off_run_settings():
        summary = _configured_flow(cfg)(**params)
    print(f"dataset in {summary['out_dir']} ({summary['files']} files: {summary['processed']} read, "
          f"{summary['cached']} unchanged; {summary['incidents']} incident rows, {summary['rejected']} rejected)")
    for line in summary["corrections"]:
        print(f"corrections: {line}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Register the ingest flow as a scheduled deployment and run its runs (flow.serve)."""
    cfg = _prepare(args)
    if cfg is None:
        return 2
    from prefect.schedules import Cron

    flow = _configured_flow(cfg)
    flow.serve(name=cfg.deployment, schedules=[Cron(cfg.cron, timezone=cfg.timezone)],
               parameters=_flow_parameters(cfg),
               description=f"Ingest FOI replies from {cfg.input_dir} into {cfg.out_dir} on '{cfg.cron}'")
    return 0


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="settings file (default: foi.yaml in the project)")
    p.add_argument("--state-dir", dest="state_dir", default=None,
                   help="where cached per-file results live (default: .OUT_DIR.foi-state beside OUT_DIR)")
    p.add_argument("--task-runner", dest="task_runner", choices=("threads", "dask"), default=None)
    p.add_argument("--max-workers", dest="max_workers", type=int, default=None, help="files read at once")
    p.add_argument("--dask-address", dest="dask_address", default=None,
                   help="tcp://HOST:PORT of an existing Dask scheduler (implies --task-runner dask)")
    p.add_argument("--per-file-seconds", dest="per_file_seconds", type=float, default=None,
                   help="time limit for one file")
    p.add_argument("--corrections", default=None,
                   help="a researcher's corrections.csv (incident_id, field, value); default: beside INPUT_DIR")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="foi", description="FOI replies -> normalised dataset")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="read every reply below INPUT_DIR into the dataset in OUT_DIR")
    p.add_argument("input_dir", metavar="INPUT_DIR", nargs="?")
    p.add_argument("--out", dest="out_dir", metavar="OUT_DIR")
    _run_options(p)
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("serve", help="serve the ingest flow as a scheduled deployment (nightly by default)")
    p.add_argument("input_dir", metavar="INPUT_DIR", nargs="?")
    p.add_argument("--out", dest="out_dir", metavar="OUT_DIR")
    p.add_argument("--cron", default=None, help="cron schedule (default from foi.yaml: nightly)")
    p.add_argument("--deployment", default=None, help="deployment name (default ingest-nightly)")
    _run_options(p)
    p.set_defaults(func=cmd_serve)
    # listed for --help; main() hands their arguments to their own parsers
    sub.add_parser("train", help="build the classifier models (foi train --help)", add_help=False)
    sub.add_parser("synth", help="write a synthetic corpus with gold labels (foi synth --help)", add_help=False)
    sub.add_parser("bench", help="measure speed and memory on synthetic corpora (foi bench --help)", add_help=False)
    return ap


# commands with their own argument parsers: everything after the name is theirs
PASS_THROUGH = {"train": "classifier.train", "synth": "foi.synth", "bench": "foi.bench"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in PASS_THROUGH:
        import importlib

        return importlib.import_module(PASS_THROUGH[argv[0]]).main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
