"""Score the whole classifier on `classifier/evaluation/unseen.jsonl`.

The held-out split in `foi train --evaluate` comes from the same templates as
the training data, so it flatters the model. The unseen set was written
separately, in other registers (terse police entries, council log shorthand,
ICO category names, long narratives, passive voice, typos), and is never
trained on: a test checks it shares no run of five words with the training
data. Each item runs through `classify_rows` exactly as a reply's row would:

    {"text": description, "authority_type": "police", "cause": ..., "outcome": ...,
     "staff_type": ..., "outcome_text": optional outcome cell, "staff_text": optional staff cell}

    python -m classifier.evaluate_unseen [--errors] [--file PATH]
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from classifier.vocab import LABEL_FIELDS

UNSEEN_PATH = Path(__file__).parent / "evaluation" / "unseen.jsonl"


def read_unseen(path: Path = UNSEEN_PATH) -> list[dict[str, str]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        for field, vocabulary in LABEL_FIELDS.items():
            if item[field] not in vocabulary:
                raise ValueError(f"{path.name} line {number}: '{item[field]}' is not a {field} label")
        items.append(item)
    return items


def predict_unseen(items: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """The pipeline's labels for each item, in order (one classify_rows call per authority type)."""
    from classifier import classify_rows
    from interpret.records import IncidentRow, ResponseFacts

    predicted: list[dict[str, str] | None] = [None] * len(items)
    for authority in sorted({it["authority_type"] for it in items}):
        mine = [i for i, it in enumerate(items) if it["authority_type"] == authority]
        rows = [IncidentRow("unseen", f"line={i + 1}", description=items[i]["text"],
                            outcome_text=items[i].get("outcome_text"), staff_text=items[i].get("staff_text"))
                for i in mine]
        for i, labels in zip(mine, classify_rows(rows, ResponseFacts(authority_type=authority))):
            predicted[i] = {"cause": labels.cause, "outcome": labels.outcome, "staff_type": labels.staff_type}
    return predicted  # type: ignore[return-value]


def evaluate_unseen(path: Path = UNSEEN_PATH) -> dict[str, dict[str, object]]:
    """Per-field scores (train.score format) of the installed models and rules on the unseen set."""
    from classifier.train import score

    items = read_unseen(path)
    predicted = predict_unseen(items)
    return {field: score([it[field] for it in items], [p[field] for p in predicted], LABEL_FIELDS[field])
            for field in LABEL_FIELDS}


def errors(path: Path = UNSEEN_PATH) -> list[str]:
    items = read_unseen(path)
    lines = []
    for item, found in zip(items, predict_unseen(items)):
        for field in LABEL_FIELDS:
            if item[field] != found[field]:
                cells = " | ".join(item[k] for k in ("outcome_text", "staff_text") if item.get(k))
                lines.append(f"{field:<10} gold={item[field]:<24} got={found[field]:<24} "
                             f"[{item['authority_type']}] {item['text']}{' || ' + cells if cells else ''}")
    return sorted(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from classifier.train import format_scores

    parser = argparse.ArgumentParser(prog="python -m classifier.evaluate_unseen",
                                     description="Score the classifier on the independent unseen set.")
    parser.add_argument("--file", type=Path, default=UNSEEN_PATH)
    parser.add_argument("--errors", action="store_true", help="also list every wrong label")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = evaluate_unseen(args.file)
    elapsed = time.perf_counter() - started
    for field, result in results.items():
        print(format_scores(f"{field} (unseen set)", result).replace("held-out ", ""))
    print(f"{results['cause']['n']} items classified in {elapsed:.2f}s (includes model loading)")
    if args.errors:
        print("\n".join(errors(args.file)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
