"""The `foi` command: the only place that turns errors into exit codes.

    foi ingest INPUT_DIR --out OUT_DIR     run the ingestion flow once
    foi train [--evaluate]                 build the classifier models
    foi synth N --out DIR --seed S         write a synthetic corpus with gold labels
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


def cmd_ingest(args: argparse.Namespace) -> int:
    _quiet_defaults()
    from flows.ingest import ingest
    from foi.settings import DEFAULT_LIMITS

    input_dir = Path(args.input_dir)
    if not input_dir.is_dir():
        print(f"foi ingest: input folder not found: {input_dir}", file=sys.stderr)
        return 2
    out_dir = Path(args.out)
    if out_dir.resolve() == input_dir.resolve() or input_dir.resolve() in out_dir.resolve().parents:
        print("foi ingest: the output folder must not be inside the input folder", file=sys.stderr)
        return 2
    limits = DEFAULT_LIMITS
    if args.per_file_seconds:
        limits = limits.with_overrides(per_file_seconds=args.per_file_seconds)
    summary = ingest(input_dir=str(input_dir.resolve()), out_dir=str(out_dir.resolve()),
                     state_dir=args.state_dir, limits=limits)
    print(f"dataset written to {out_dir.resolve()} ({summary['files']} files: {summary['processed']} read, "
          f"{summary['cached']} unchanged; {summary['incidents']} incident rows, {summary['rejected']} rejected)")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from classifier.train import main as train_main

    return train_main(args.rest)


def cmd_synth(args: argparse.Namespace) -> int:
    from foi.synth import main as synth_main

    return synth_main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="foi", description="FOI replies -> normalised dataset")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="read every reply below INPUT_DIR into the dataset in OUT_DIR")
    p.add_argument("input_dir", metavar="INPUT_DIR")
    p.add_argument("--out", required=True, metavar="OUT_DIR")
    p.add_argument("--state-dir", default=None,
                   help="where cached per-file results live (default: .OUT_DIR.foi-state beside OUT_DIR)")
    p.add_argument("--per-file-seconds", type=float, default=None, help="time limit for one file")
    p.set_defaults(func=cmd_ingest)
    for name, func, text in (("train", cmd_train, "build the classifier models (foi train --help)"),
                             ("synth", cmd_synth, "write a synthetic corpus (foi synth --help)")):
        p = sub.add_parser(name, help=text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=func)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
