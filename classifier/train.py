"""`foi train`: build the classifier's models from the project's own training data.

For each task with a config in `configs/<task>.cfg`, the JSONL asset in
`classifier/training/<task>.jsonl` is split deterministically (every 5th item
held out), converted to spaCy DocBin files in a temporary folder, and trained
with spaCy's own training loop from the config. The result goes to
`classifier/model/<task>/model-best` (git-ignored; built by set-up).

    foi train [--evaluate] [--unseen] [--corrections FILE [--incidents out/incidents.csv]] [--output DIR]

`--evaluate` prints per-label precision / recall / F1 on the held-out items.
`--unseen` also scores the whole classifier (rules and the new models) on the
independent set in `classifier/evaluation/unseen.jsonl` (see evaluate_unseen.py).
`--corrections FILE` adds researcher-corrected items to the training part:
the corrections.csv the ingest flow applies (texts looked up in the dataset's
incidents.csv), or JSONL lines {"text", "label", "task"}.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from classifier.text import prepare_text
from classifier.vocab import LABEL_FIELDS

PACKAGE_DIR = Path(__file__).parent
TRAINING_DIR = PACKAGE_DIR / "training"
CONFIG_DIR = PACKAGE_DIR.parent / "configs"
MODEL_DIR = PACKAGE_DIR / "model"
HOLD_OUT_EVERY = 5  # item i is held out when i % 5 == 4


def model_tasks(config_dir: Path = CONFIG_DIR) -> list[str]:
    """Tasks that have a trained model: those with a config file."""
    return [task for task in LABEL_FIELDS if (config_dir / f"{task}.cfg").is_file()]


def model_input(text: str) -> str:
    """The text a model sees, at training time as at prediction time (classifier.text)."""
    return prepare_text(text)


def read_items(task: str, training_dir: Path = TRAINING_DIR) -> list[dict[str, str]]:
    path = training_dir / f"{task}.jsonl"
    items = []
    vocabulary = LABEL_FIELDS[task]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item["label"] not in vocabulary:
            raise ValueError(f"{path.name} line {number}: '{item['label']}' is not a {task} label")
        items.append(item)
    return items


def split_items(items: Sequence[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(training part, held-out part): every 5th item is held out."""
    train = [it for i, it in enumerate(items) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]
    held_out = [it for i, it in enumerate(items) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    return train, held_out


def read_corrections(path: Path | None, incidents: Path | None = None) -> dict[str, list[dict[str, str]]]:
    """Researcher-corrected items by task; labels are checked against the vocabularies.

    `path` is either the researcher's corrections.csv (incident_id, field, value;
    the texts come from `incidents`, the dataset's incidents.csv) or JSONL items
    {"text", "label", "task"}.
    """
    by_task: dict[str, list[dict[str, str]]] = {task: [] for task in LABEL_FIELDS}
    if path is None:
        return by_task
    if path.suffix.lower() == ".csv":
        from foi.corrections import load_corrections, training_items

        if incidents is None or not incidents.is_file():
            raise ValueError(f"{path}: a corrections.csv needs the dataset's incidents.csv (--incidents) for the texts")
        corrections, problems = load_corrections(path)
        for problem in problems:
            print(f"foi train: {problem}", file=sys.stderr)
        for item in training_items(corrections, incidents):
            by_task[item["task"]].append(item)
        return by_task
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        task, label = item.get("task"), item.get("label")
        if task not in LABEL_FIELDS or label not in LABEL_FIELDS[task] or not item.get("text"):
            raise ValueError(f"{path}: line {number} needs a known task, a label of that task and a text: {line[:120]}")
        by_task[task].append(item)
    return by_task


def _write_docbin(task: str, items: Iterable[dict[str, str]], path: Path) -> None:
    nlp = spacy.blank("en")
    labels = LABEL_FIELDS[task]
    docs = DocBin()
    for item in items:
        doc = nlp.make_doc(model_input(item["text"]))
        doc.cats = {label: float(label == item["label"]) for label in labels}
        docs.add(doc)
    docs.to_disk(path)


def train_task(task: str, output_dir: Path, extra_items: Sequence[dict[str, str]] = (),
               overrides: dict[str, object] | None = None, config_dir: Path = CONFIG_DIR,
               training_dir: Path = TRAINING_DIR) -> Path:
    """Train one task's model into output_dir/<task>; returns the model-best path."""
    from spacy.cli.train import train as spacy_train  # heavy import, only when training

    train_items, held_out = split_items(read_items(task, training_dir))
    with tempfile.TemporaryDirectory(prefix=f"foi-train-{task}-") as tmp:
        train_path, dev_path = Path(tmp) / "train.spacy", Path(tmp) / "dev.spacy"
        _write_docbin(task, [*train_items, *extra_items], train_path)
        _write_docbin(task, held_out, dev_path)
        settings = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
        settings.update(overrides or {})
        spacy_train(config_dir / f"{task}.cfg", output_dir / task, use_gpu=-1, overrides=settings)
    return output_dir / task / "model-best"


def score(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, object]:
    """Per-label precision/recall/F1 (labels present in gold or predictions), macro F1, accuracy."""
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        if tp + fp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    macro = sum(v["f1"] for v in per_label.values()) / len(per_label) if per_label else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    return {"labels": per_label, "macro_f1": macro, "accuracy": accuracy, "n": len(gold)}


def evaluate_task(task: str, model_path: Path, training_dir: Path = TRAINING_DIR) -> dict[str, object]:
    """Score a trained model on the held-out part of the task's data."""
    _, held_out = split_items(read_items(task, training_dir))
    nlp = spacy.load(model_path)
    texts = [model_input(it["text"]) for it in held_out]
    predicted = [max(doc.cats, key=doc.cats.get) for doc in nlp.pipe(texts, batch_size=256)]
    return score([it["label"] for it in held_out], predicted, LABEL_FIELDS[task])


def evaluate_with_rules(task: str, model_dir: Path, training_dir: Path = TRAINING_DIR) -> dict[str, object]:
    """Score what the pipeline does for a task on the held-out part: rules first, then the model.

    Each held-out text is read as a description (no category cell): outcome
    phrases, then the outcome model when it is sure enough; staff roles, then
    not_stated.
    """
    from classifier.lexicon import match_label
    from classifier.outcome import load_outcome_rules, outcome_from_text
    from classifier.staff import staff_from_text

    _, held_out = split_items(read_items(task, training_dir))
    gold = [it["label"] for it in held_out]
    if task == "staff_type":
        predicted = [match_label(task, it["text"], it.get("authority_type"))
                     or staff_from_text(it["text"], it.get("authority_type")) or "not_stated" for it in held_out]
    elif task == "outcome":
        nlp = spacy.load(model_dir / task / "model-best")
        min_score = load_outcome_rules().description_model_min_score
        predicted = []
        for it in held_out:
            label = match_label(task, it["text"]) or outcome_from_text(it["text"], is_outcome_cell=False)
            if label is None:
                cats = nlp(model_input(it["text"])).cats
                best = max(cats, key=cats.get)
                label = best if cats[best] >= min_score else "not_stated"
            predicted.append(label)
    else:
        raise ValueError(f"no rules for {task}")
    return score(gold, predicted, LABEL_FIELDS[task])


def format_scores(task: str, result: dict[str, object]) -> str:
    lines = [f"{task}: held-out n={result['n']} accuracy={result['accuracy']:.3f} macro-F1={result['macro_f1']:.3f}",
             f"  {'label':<24}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
    for label, s in result["labels"].items():  # type: ignore[union-attr]
        lines.append(f"  {label:<24}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>10.3f}{s['support']:>9}")
    return "\n".join(lines)


def train(output_dir: Path = MODEL_DIR, evaluate: bool = False, corrections: Path | None = None,
          tasks: Sequence[str] | None = None, incidents: Path | None = None) -> dict[str, dict[str, object]]:
    """Train every task that has a config; with evaluate, return held-out scores per task."""
    extra = read_corrections(corrections, incidents)
    results: dict[str, dict[str, object]] = {}
    chosen = list(tasks or model_tasks())
    for task in chosen:
        model_path = train_task(task, output_dir, extra[task])
        results[task] = evaluate_task(task, model_path) if evaluate else {"model": str(model_path)}
    if evaluate:
        if "outcome" in chosen:
            results["outcome (rules, then model)"] = evaluate_with_rules("outcome", output_dir)
        results["staff_type (rules)"] = evaluate_with_rules("staff_type", output_dir)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="foi train", description="Train the cause/outcome/staff-type models.")
    parser.add_argument("--evaluate", action="store_true", help="print per-label scores on the held-out split")
    parser.add_argument("--unseen", action="store_true",
                        help="also score the classifier on the independent unseen set (classifier/evaluation)")
    parser.add_argument("--corrections", type=Path,
                        help="corrections.csv (incident_id, field, value) or JSONL items {text, label, task} to add")
    parser.add_argument("--incidents", type=Path, default=Path("out/incidents.csv"),
                        help="with a corrections.csv: the dataset whose descriptions it corrects (default out/incidents.csv)")
    parser.add_argument("--output", type=Path, default=MODEL_DIR, help="where to write the models")
    args = parser.parse_args(argv)
    if args.corrections is not None and not args.corrections.is_file():
        print(f"foi train: corrections file not found: {args.corrections}", file=sys.stderr)
        return 2
    try:
        results = train(args.output, evaluate=args.evaluate, corrections=args.corrections, incidents=args.incidents)
    except ValueError as exc:
        print(f"foi train: {exc}", file=sys.stderr)
        return 2
    for task, result in results.items():
        print(format_scores(task, result) if args.evaluate else f"{task}: {result['model']}")
    if args.unseen:
        import classifier
        from classifier.evaluate_unseen import evaluate_unseen

        classifier.MODEL_DIR, classifier._models = args.output, {}  # the models just trained
        for field, result in evaluate_unseen().items():
            print(format_scores(f"{field} (unseen set)", result).replace("held-out ", ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
