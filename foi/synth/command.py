"""`foi synth N --out DIR --seed S`: write a labelled synthetic corpus."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from foi.synth.corpus import generate, write_samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="foi synth",
        description="Write N synthetic FOI replies to DIR/files/ with their gold labels in DIR/gold.json "
                    "(same seed, same bytes).")
    parser.add_argument("n", type=int, metavar="N", help="number of reply files")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="corpus folder to write")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--samples", action="store_true",
                        help="write the fixed sample replies (raw/) to DIR instead, their gold to --gold FILE; "
                             "N is ignored")
    parser.add_argument("--gold", type=Path, metavar="FILE", help="with --samples: where to write their gold")
    parser.add_argument("--listing", type=Path, metavar="FILE",
                        help="with --samples: where to write the Markdown list of the samples and their traps")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be zero or more")
    try:
        if args.samples:
            gold = write_samples(args.out, args.gold, args.listing)
            print(f"wrote {len(gold['files'])} sample replies to {args.out}")
            return 0
        generate(args.n, args.out, args.seed)
    except FileExistsError as exc:
        print(f"foi synth: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.n} replies to {args.out / 'files'} and labels to {args.out / 'gold.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
