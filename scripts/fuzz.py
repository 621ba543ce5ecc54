#!/usr/bin/env python3
"""Nightly fuzzing: mutate the sample replies for N minutes through every extractor.

    .venv/bin/python scripts/fuzz.py --minutes 30 [--seed 1]

A mutation that raises anything but an ExtractionError (a crash) is saved to
tests/cases_fuzz/<format>-<sha>.<ext>, where tests/test_fuzz.py replays it for
ever after; fix the extractor, keep the case.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.errors import ExtractionError  # noqa: E402
from extractors.registry import Source, read_document  # noqa: E402
from tests.test_fuzz import LIMITS, REGRESSIONS, SEEDS  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402


def mutate(data: bytes, rnd: random.Random) -> bytes:
    how = rnd.choice(("truncate", "flip", "splice"))
    if how == "truncate":
        return data[: rnd.randrange(len(data) + 1)]
    if how == "flip":
        out = bytearray(data)
        for _ in range(rnd.randint(1, 32)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        return bytes(out)
    a, b = rnd.randrange(len(data) + 1), rnd.randrange(len(data) + 1)
    return data[:a] + rnd.randbytes(rnd.randint(0, 64)) + data[b:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    seeds = {fmt: (SAMPLES / "files" / path).read_bytes() for fmt, path in SEEDS.items()}
    deadline = time.monotonic() + args.minutes * 60
    runs = crashes = 0
    while time.monotonic() < deadline:
        fmt = rnd.choice(sorted(seeds))
        data = mutate(seeds[fmt], rnd)
        ext = SEEDS[fmt].rsplit(".", 1)[-1]
        try:
            read_document(Source(data=data, source_file=f"fuzzed.{ext}", limits=LIMITS))
        except ExtractionError:
            pass
        except Exception:
            crashes += 1
            REGRESSIONS.mkdir(exist_ok=True)
            name = f"{fmt}-{hashlib.sha256(data).hexdigest()[:12]}.{ext}"
            (REGRESSIONS / name).write_bytes(data)
            print(f"crash saved as tests/cases_fuzz/{name}:\n{traceback.format_exc(limit=3)}")
        runs += 1
    print(f"{runs} mutated files, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
