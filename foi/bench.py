"""`foi bench`: how fast the pipeline reads a synthetic campaign, and what limits it.

    foi bench [--sizes 200,2000] [--seed S] [--work DIR] [--json FILE]
    foi bench --from-raw WORK/raw.json      (the report of an earlier run, again)

For each size it generates a corpus (foi.synth), then runs, each in its own
process: the pipeline's functions in a plain loop, the same files read by the
bare parsing libraries, and the Prefect flow (full run, then a no-op rerun),
and finally the classifier on one core. It prints files/s and pages/s overall
and per format, time per stage, OCR seconds per page, the throughput ratio to
the bare libraries, Prefect's share, the no-op rerun, peak RSS of the process
tree, and the targets next to the figures. Timings are printed, never asserted.
The benchmark code lives in bench/ (see BENCHMARKS.md).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers separated by commas, not {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("give at least one size, each 1 or more")
    return sorted(set(sizes))


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="foi bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=_sizes, default=[200, 2000], metavar="N[,N...]",
                    help="corpus sizes to run (default 200,2000; e.g. --sizes 40 for a quick run)")
    ap.add_argument("--seed", type=int, default=2024, help="corpus seed (default 2024)")
    ap.add_argument("--work", type=Path, default=None,
                    help="folder for corpora (kept and reused) and run outputs (default: a temporary folder)")
    ap.add_argument("--phases", default="plain,bare,flow,classifier",
                    help="which phases to run (default all: plain,bare,flow,classifier)")
    ap.add_argument("--descriptions", type=int, default=20_000,
                    help="descriptions the classifier phase classifies (default 20000)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    ap.add_argument("--from-raw", type=Path, default=None, metavar="RAW_JSON",
                    help="print the report of an earlier run (WORK/raw.json) without measuring again")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bench.report import format_report, summarise
    from bench.runner import PHASES, BenchConfig, run

    if args.from_raw:
        figures = summarise(json.loads(args.from_raw.read_text(encoding="utf-8")))
        print(format_report(figures), end="")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
        return 0
    phases = tuple(p.strip() for p in args.phases.split(",") if p.strip())
    unknown = sorted(set(phases) - {*PHASES, "classifier"})
    if unknown:
        print(f"foi bench: unknown phase(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="foi-bench-") as scratch:
        work = args.work or Path(scratch)
        config = BenchConfig(sizes=args.sizes, seed=args.seed, work=work, phases=phases,
                             descriptions=args.descriptions)
        try:
            raw = run(config)
        except RuntimeError as exc:  # a phase failed: its log tail says why
            print(f"foi bench: {exc}", file=sys.stderr)
            return 1
        (work / "raw.json").write_text(json.dumps(raw), encoding="utf-8")
        figures = summarise(raw)
    print(format_report(figures), end="")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
