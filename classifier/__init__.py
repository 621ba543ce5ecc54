"""Classify incident rows: cause (+ confidence), outcome and staff type.

The pipeline calls `classify_rows(rows, facts)` once per reply. For each field
an explicit category cell that maps exactly (`lexicon.match_label`) wins;
otherwise:

- cause: a description that is itself a category name ("Misuse of PNC") maps
  like a cell (confidence 1.0); else the trained text classifier on the cause
  cell, else the description (confidence = the winning score); nothing to
  read -> not_stated.
- outcome: outcome phrases in the outcome cell, else in the description
  (`outcome.py`); an outcome cell the rules cannot read goes to the trained
  outcome classifier ("other" if it finds none); a description the rules
  cannot read goes to it too, and its answer counts only above the score set
  in `outcome_rules.yaml`; nothing stated -> not_stated.
- staff type: role words naming the person responsible in the staff cell,
  else the description (`staff.py`); else the reply's blanket statement
  (`facts.default_staff_type`); else not_stated.

Models are loaded once per process from `classifier/model/<task>/model-best`
(built by `foi train`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.lexicon import label_dimension, match_label

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from interpret.records import IncidentRow, ResponseFacts

__all__ = ["Labels", "ModelMissingError", "classify_rows", "label_dimension", "match_label"]

MODEL_DIR = Path(__file__).with_name("model")
_models: dict[str, "Language"] = {}


class ModelMissingError(RuntimeError):
    """The trained model has not been built yet (run `foi train`)."""


@dataclass(frozen=True)
class Labels:
    cause: str
    cause_confidence: float
    outcome: str
    staff_type: str


def load_model(task: str, model_dir: Path | None = None) -> "Language":
    """The trained pipeline for a task, loaded once per process."""
    if task not in _models:
        import spacy

        path = (model_dir or MODEL_DIR) / task / "model-best"
        if not (path / "config.cfg").is_file():
            raise ModelMissingError(
                f"no trained {task} model at {path}; build the models with `foi train` (README set-up)")
        _models[task] = spacy.load(path)
    return _models[task]


def _present(text: str | None) -> str | None:
    return text if text is not None and text.strip() else None


class _Tokens:
    """Each distinct text prepared and tokenised once per call, shared by models and outcome rules."""

    def __init__(self) -> None:
        self._docs: dict[str, "Doc"] = {}

    def __call__(self, text: str) -> "Doc":
        if text not in self._docs:
            from classifier.phrases import blank_nlp
            from classifier.text import prepare_text

            self._docs[text] = blank_nlp().make_doc(prepare_text(text))
        return self._docs[text]


def _predict(task: str, docs: list["Doc"]) -> list[tuple[str, float]]:
    """(label, score) for each prepared doc, in one batch."""
    if not docs:
        return []
    nlp = load_model(task)
    # the docs are shared between the cause and outcome models, and each model
    # adds its scores to doc.cats: read only this model's labels
    labels = nlp.get_pipe("textcat").labels
    results = []
    for doc in nlp.pipe(docs, batch_size=256):
        label = max(labels, key=lambda lab: doc.cats[lab])
        results.append((label, float(doc.cats[label])))
    return results


def _causes(rows: list["IncidentRow"], tokens: _Tokens) -> list[tuple[str, float]]:
    decided: list[tuple[str, float] | None] = []
    to_model: list[tuple[int, str]] = []
    for i, row in enumerate(rows):
        cell, description = _present(row.cause_text), _present(row.description)
        exact = match_label("cause", cell) if cell else None
        if exact is None and cell is None and description:
            # a short description that is itself a category name ("Misuse of PNC")
            exact = match_label("cause", description)
        if exact is not None:
            decided.append((exact, 1.0))
        elif cell or description:
            decided.append(None)
            to_model.append((i, cell or description))  # type: ignore[arg-type]
        else:
            decided.append(("not_stated", 1.0))
    for (i, _), (label, score) in zip(to_model, _predict("cause", [tokens(t) for _, t in to_model])):
        decided[i] = (label, round(score, 4))
    return decided  # type: ignore[return-value]


def _outcomes(rows: list["IncidentRow"], tokens: _Tokens) -> list[str]:
    # imported here, not at the top: spaCy stays out of processes that only need the vocabulary (schemas)
    from classifier.outcome import load_outcome_rules, outcome_from_doc

    decided: list[str] = []
    cells_to_model: list[tuple[int, str]] = []
    descriptions_to_model: list[tuple[int, str]] = []
    for i, row in enumerate(rows):
        cell, description = _present(row.outcome_text), _present(row.description)
        label = None
        if cell is not None:
            label = match_label("outcome", cell) or outcome_from_doc(tokens(cell), is_outcome_cell=True)
            if label is None:
                cells_to_model.append((i, cell))
        elif description is not None:
            label = outcome_from_doc(tokens(description), is_outcome_cell=False)
            if label is None:
                descriptions_to_model.append((i, description))
        decided.append(label or "not_stated")
    for (i, _), (label, _score) in zip(cells_to_model, _predict("outcome", [tokens(t) for _, t in cells_to_model])):
        # the cell states an outcome, so "not stated" would be wrong: it is one the vocabulary has no name for
        decided[i] = "other" if label == "not_stated" else label
    min_score = load_outcome_rules().description_model_min_score
    for (i, _), (label, score) in zip(descriptions_to_model,
                                      _predict("outcome", [tokens(t) for _, t in descriptions_to_model])):
        decided[i] = label if score >= min_score else "not_stated"
    return decided


def _staff_type(row: "IncidentRow", facts: "ResponseFacts") -> str:
    from classifier.staff import staff_from_text  # spaCy: see _outcomes

    authority = facts.authority_type
    cell = _present(row.staff_text)
    if cell is not None:
        label = match_label("staff_type", cell, authority) or staff_from_text(cell, authority)
        if label is not None:
            return label
    label = staff_from_text(row.description, authority)
    if label is not None:
        return label
    return facts.default_staff_type or "not_stated"


def classify_rows(rows: list["IncidentRow"], facts: "ResponseFacts") -> list[Labels]:
    """Labels for each row of one reply, in the same order."""
    tokens = _Tokens()
    causes = _causes(rows, tokens)
    outcomes = _outcomes(rows, tokens)
    return [Labels(cause=cause, cause_confidence=confidence, outcome=outcome, staff_type=_staff_type(row, facts))
            for row, (cause, confidence), outcome in zip(rows, causes, outcomes)]
