"""The classifier: lexicon, rules, training data hygiene, trained model quality and determinism."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import classifier
from classifier import Labels, classify_rows
from classifier.lexicon import label_dimension, match_label
from classifier.outcome import outcome_from_text
from classifier.staff import staff_from_text
from classifier.train import (evaluate_task, evaluate_with_rules, read_corrections, read_items,
                              split_items, train_task)
from classifier.vocab import LABEL_FIELDS
from interpret.records import IncidentRow, ResponseFacts

SAMPLES_GOLD = Path("/work/shared/samples/gold.json")
TRAINING_DIR = Path(classifier.__file__).parent / "training"
# a quick but complete training run for tests: fewer epochs, bigger first batches
QUICK = {"training.max_epochs": 6, "training.batcher.size.start": 64}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _gold() -> dict:
    return json.loads(SAMPLES_GOLD.read_text(encoding="utf-8"))


def _gold_incidents() -> list[tuple[str, dict]]:
    return [(entry["authority_type"], incident)
            for entry in _gold()["files"].values() for incident in entry.get("incidents", [])]


# ----------------------------------------------------------------- training data
def test_training_data_shares_no_five_word_run_with_samples():
    sample_runs: dict[tuple[str, ...], str] = {}
    for _, incident in _gold_incidents():
        words = _words(incident.get("description") or "")
        for i in range(len(words) - 4):
            sample_runs[tuple(words[i:i + 5])] = incident["description"]
    assert sample_runs, "the samples' gold file has descriptions to compare with"
    shared = []
    for task in LABEL_FIELDS:
        for item in read_items(task, TRAINING_DIR):
            words = _words(item["text"])
            for i in range(len(words) - 4):
                run = tuple(words[i:i + 5])
                if run in sample_runs:
                    shared.append(f"{task}: {item['text']!r} ~ {sample_runs[run]!r}")
    assert shared == []


@pytest.mark.parametrize("task", list(LABEL_FIELDS))
def test_training_data_covers_every_label_in_both_splits(task):
    train, held_out = split_items(read_items(task, TRAINING_DIR))
    assert len(train) + len(held_out) >= 500
    for part in (train, held_out):
        assert {item["label"] for item in part} == set(LABEL_FIELDS[task])


def test_training_data_is_regenerated_identically(tmp_path):
    from classifier.training.make_training_data import build, write

    write(build(), tmp_path)
    for task in LABEL_FIELDS:
        assert (tmp_path / f"{task}.jsonl").read_bytes() == (TRAINING_DIR / f"{task}.jsonl").read_bytes()


# ----------------------------------------------------------------- lexicon
@pytest.mark.parametrize("field, text, label", [
    ("outcome", "Written warning", "written_warning"),
    ("outcome", "Final Written Warning", "final_written_warning"),
    ("outcome", "FWW", "final_written_warning"),
    ("outcome", "NFA", "no_action"),
    ("outcome", "Words of advice", "management_action"),
    ("outcome", "Management advice", "management_action"),
    ("outcome", "Dismissed", "dismissed"),
    ("outcome", "Dismissed (2)", "dismissed"),
    ("outcome", "Resigned", "resigned"),
    ("outcome", "Resigned / retired", "resigned"),
    ("outcome", "-", "not_stated"),
    ("outcome", "Other", "other"),
    ("staff_type", "Police Officer", "police_officer"),
    ("staff_type", "Police officers", "police_officer"),
    ("staff_type", "Police Staff", "police_staff"),
    ("staff_type", "PCSO", "pcso"),
    ("staff_type", "Special Constable", "special_constable"),
    ("staff_type", "Agency", "agency"),
    ("staff_type", "Contractor", "contractor"),
    ("staff_type", "Councillor", "councillor"),
    ("staff_type", "Cllr.", "councillor"),
    ("staff_type", "Volunteer", "volunteer"),
    ("staff_type", "Employee", "employee"),
    ("staff_type", "N/A", "not_stated"),
    ("staff_type", "Sgt", "police_officer"),
    ("cause", "Misuse of PNC", "unauthorised_access"),
    ("cause", "Lost", "loss"),
    ("cause", "Stolen", "theft"),
    ("cause", "Email sent to wrong recipient", "disclosed_in_error"),
    ("cause", "E-mail sent to the wrong recipient", "disclosed_in_error"),
    ("cause", "Failure to use BCC", "disclosed_in_error"),
    ("cause", "Insecure disposal", "insecure_disposal"),
    ("cause", "Other", "other"),
    ("cause", "Loss or theft of paperwork", "not_stated"),  # one count spanning two causes
])
def test_match_label_maps_category_values(field, text, label):
    assert match_label(field, text) == label


@pytest.mark.parametrize("field, text", [
    ("cause", "Officer accessed the records of a neighbour and told his wife"),
    ("outcome", "Written warning issued, then dismissed on appeal"),
    ("staff_type", "Officer"),  # needs to know who replied
    ("cause", "2012/13"),
    ("outcome", ""),
])
def test_match_label_is_conservative(field, text):
    assert match_label(field, text) is None


def test_officer_depends_on_who_replied():
    assert match_label("staff_type", "Officer", "police") == "police_officer"
    assert match_label("staff_type", "Officers", "council") == "employee"


@pytest.mark.parametrize("text, field", [
    ("Written warning", "outcome"), ("No further action", "outcome"), ("Dismissal", "outcome"),
    ("Police staff", "staff_type"), ("PCSO", "staff_type"), ("Misuse of PNC", "cause"),
    ("Theft of equipment", "cause"),
    ("Other", None), ("N/A", None), ("None", None), ("Total", None), ("2011/12", None),
])
def test_label_dimension(text, field):
    assert label_dimension(text) == field


def test_match_label_rejects_unknown_field():
    with pytest.raises(ValueError, match="unknown label field"):
        match_label("colour", "red")


# ----------------------------------------------------------------- rules
@pytest.mark.parametrize("text, label", [
    ("Retired prior to misconduct hearing", "resigned"),
    ("Reflective practice", "management_action"),
    ("Charged, awaiting court", "prosecuted"),
    ("Pleaded guilty, fined £200", "convicted"),
    ("Contract terminated", "dismissed"),
    ("Agency assignment terminated", "dismissed"),
    ("Referred to standards committee - no breach of code found", "not_upheld"),
    ("Resigned - would otherwise have been dismissed", "resigned"),
    ("Not dismissed; final written warning", "final_written_warning"),
    ("No formal action, words of advice given", "management_action"),
    ("Investigation ongoing", "ongoing"),
    ("Reduction in rank", "other"),
])
def test_outcome_cells(text, label):
    assert outcome_from_text(text, is_outcome_cell=True) == label


def test_outcome_words_in_a_description_must_be_about_the_action():
    assert outcome_from_text("Officer told a friend about an ongoing investigation", is_outcome_cell=False) is None
    assert outcome_from_text("Advice letter posted to the wrong tenant", is_outcome_cell=False) is None
    assert outcome_from_text("PC checked PNC for a friend and was dismissed.", is_outcome_cell=False) == "dismissed"


@pytest.mark.parametrize("text, authority, label", [
    ("Payslip sent to the wrong employee", "council", None),
    ("Letter meant for one councillor sent to another councillor", "council", None),
    ("E-mail about a police officer's sickness sent to the wrong team", "police", None),
    ("Minutes disclosed to a local councillor by a PCSO", "police", "pcso"),
    ("Care plan left on a bus by a social worker", "council", "employee"),
    ("Laptop stolen from an officer's car", "council", "employee"),
    ("Laptop stolen from an officer's car", "police", "police_officer"),
    ("Agency social worker left files in a cafe", "council", "agency"),
    ("Contractor's employee put files in a skip", "council", "contractor"),
    ("Virus found on a PC in the office", "council", None),
    ("PC 123 checked PNC for a friend", "police", "police_officer"),
    ("Papers left in a room used by contractors", "council", None),
    ("Breaches by officers and staff", "police", "not_stated"),
    ("Call handler read logs about a neighbour", "police", "police_staff"),
])
def test_staff_roles_name_the_actor_not_the_victim(text, authority, label):
    assert staff_from_text(text, authority) == label


# ----------------------------------------------------------------- trained model
@pytest.fixture(scope="module")
def quick_models(tmp_path_factory) -> Path:
    """A models folder like classifier/model, trained quickly for the tests."""
    folder = tmp_path_factory.mktemp("models")
    for task in ("cause", "outcome"):
        train_task(task, folder, overrides=QUICK)
    return folder


@pytest.fixture()
def use_quick_models(quick_models, monkeypatch) -> Path:
    monkeypatch.setattr(classifier, "MODEL_DIR", quick_models)
    monkeypatch.setattr(classifier, "_models", {})
    return quick_models


def test_models_reach_macro_f1_on_held_out_split(quick_models):
    cause = evaluate_task("cause", quick_models / "cause" / "model-best")
    assert cause["macro_f1"] >= 0.90, cause
    assert cause["accuracy"] >= 0.93, cause
    outcome = evaluate_with_rules("outcome", quick_models)
    assert outcome["macro_f1"] >= 0.90, outcome


def test_staff_rules_on_held_out_split():
    result = evaluate_with_rules("staff_type", Path("unused"))
    assert result["macro_f1"] >= 0.95, result


def test_classify_sample_descriptions(use_quick_models):
    """The shared samples are test data: neither the model nor the rules were built from them."""
    incidents = [(a, i) for a, i in _gold_incidents() if i["description"]]
    labels = []
    for authority in ("council", "police"):
        mine = [i for a, i in incidents if a == authority]
        rows = [IncidentRow("x", f"row={n}", description=i["description"]) for n, i in enumerate(mine)]
        labels += list(zip(mine, classify_rows(rows, ResponseFacts(authority_type=authority))))
    cause_correct = sum(lab.cause == i["cause"] for i, lab in labels)
    assert cause_correct / len(labels) >= 0.90
    assert all(0.0 <= lab.cause_confidence <= 1.0 for _, lab in labels)
    # descriptions rarely state the outcome ("... charged with an offence"); none may be invented
    stated = [(i["outcome"], lab.outcome) for i, lab in labels if lab.outcome != "not_stated"]
    assert len(stated) <= 3 and all(gold == found for gold, found in stated), stated
    # where the description names who did it, that is the staff type
    named = [(i, lab) for i, lab in labels if lab.staff_type != "not_stated"]
    assert len(named) >= 60
    assert sum(lab.staff_type == i["staff_type"] for i, lab in named) / len(named) >= 0.95


def test_training_is_deterministic(tmp_path):
    small = {"training.max_epochs": 2, "corpora.train.limit": 300, "training.batcher.size.start": 64}
    first = train_task("cause", tmp_path / "a", overrides=small)
    second = train_task("cause", tmp_path / "b", overrides=small)
    import spacy

    _, held_out = split_items(read_items("cause", TRAINING_DIR))
    texts = [item["text"].lower() for item in held_out[:80]]
    cats_a = [d.cats for d in spacy.load(first).pipe(texts)]
    cats_b = [d.cats for d in spacy.load(second).pipe(texts)]
    assert cats_a == cats_b


# ----------------------------------------------------------------- classify_rows
def test_classify_rows_rules_without_a_model(monkeypatch, tmp_path):
    """Rows that explicit cells settle never need a model."""
    monkeypatch.setattr(classifier, "MODEL_DIR", tmp_path)  # no models here
    monkeypatch.setattr(classifier, "_models", {})
    rows = [
        IncidentRow("f", "row=1", description=None, outcome_text="NFA", staff_text="Police Staff"),
        IncidentRow("f", "row=2", description="Payslip sent to the wrong employee", cause_text="Misdirected post",
                    outcome_text="-"),
        IncidentRow("f", "row=3", cause_text="Other", outcome_text="Words of advice", staff_text="N/A"),
        IncidentRow("f", "row=4", cause_text="Loss or theft of devices", outcome_text="Retired", staff_text="Officer"),
        IncidentRow("f", "row=5", description="Lost or stolen equipment", outcome_text="FWW"),
    ]
    labels = classify_rows(rows, ResponseFacts(authority_type="police", default_staff_type=None))
    assert labels == [
        Labels("not_stated", 1.0, "no_action", "police_staff"),
        Labels("disclosed_in_error", 1.0, "not_stated", "not_stated"),
        Labels("other", 1.0, "management_action", "not_stated"),
        Labels("not_stated", 1.0, "resigned", "police_officer"),
        Labels("not_stated", 1.0, "final_written_warning", "not_stated"),
    ]
    council = classify_rows(rows[1:2], ResponseFacts(authority_type="council", default_staff_type="employee"))
    assert council[0].staff_type == "employee"  # the blanket statement, not the victim word


def test_outcome_sentence_in_a_description(use_quick_models):
    rows = [IncidentRow("f", "line=1", description="PC checked PNC for a friend. He received a written warning.")]
    assert classify_rows(rows, ResponseFacts(authority_type="police")) == [
        Labels("unauthorised_access", classify_rows(rows, ResponseFacts(authority_type="police"))[0].cause_confidence,
               "written_warning", "police_officer")]


def test_missing_model_is_reported_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(classifier, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(classifier, "_models", {})
    rows = [IncidentRow("f", "row=1", description="Officer looked up a neighbour", outcome_text="NFA")]
    with pytest.raises(classifier.ModelMissingError, match="foi train"):
        classify_rows(rows, ResponseFacts(authority_type="council"))


def test_corrections_are_checked(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "Stolen iPad", "label": "theft", "task": "cause"}\n', encoding="utf-8")
    assert read_corrections(good)["cause"] == [{"text": "Stolen iPad", "label": "theft", "task": "cause"}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Stolen iPad", "label": "burglary", "task": "cause"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        read_corrections(bad)


# ----------------------------------------------------------------- independent unseen set
def _runs(texts) -> dict[tuple[str, ...], str]:
    runs: dict[tuple[str, ...], str] = {}
    for text in texts:
        words = _words(text or "")
        for i in range(len(words) - 4):
            runs[tuple(words[i:i + 5])] = text
    return runs


def _unseen_texts() -> list[str]:
    from classifier.evaluate_unseen import read_unseen

    return [item.get(key) or "" for item in read_unseen() for key in ("text", "outcome_text", "staff_text")]


def test_unseen_set_shares_no_five_word_run_with_training_data_or_samples():
    """The unseen set measures wording the models never saw: it must stay apart from both."""
    training = _runs(item["text"] for task in LABEL_FIELDS for item in read_items(task, TRAINING_DIR))
    samples = _runs(incident.get("description") for _, incident in _gold_incidents())
    shared = []
    for text in _unseen_texts():
        for run, other in _runs([text]).items():
            if run in training or run in samples:
                shared.append(f"{text!r} ~ {training.get(run) or samples.get(run)!r}")
    assert shared == []


def test_unseen_set_is_labelled_in_the_vocabularies_and_covers_them():
    from classifier.evaluate_unseen import read_unseen

    items = read_unseen()
    assert len(items) >= 250
    for field in LABEL_FIELDS:
        assert {item[field] for item in items} == set(LABEL_FIELDS[field]), field


def test_unseen_set_accuracy_stays_above_floor(use_quick_models):
    """Floors a little below what the quick models reach (docs/classifier.md has the full-model figures)."""
    from classifier.evaluate_unseen import evaluate_unseen

    results = evaluate_unseen()
    floors = {"cause": 0.90, "outcome": 0.97, "staff_type": 0.95}
    reached = {field: round(results[field]["accuracy"], 3) for field in floors}
    assert all(reached[field] >= floor for field, floor in floors.items()), reached


@pytest.mark.parametrize("text, prepared", [
    ("Bag w/ case files stolen - NFA", "bag with case files stolen - nfa"),
    ("Sgt disclosed intel to journalist w/o authority", "sgt disclosed intelligence to journalist without authority"),
    ("Viewed council tax a/c of a friend", "viewed council tax account of a friend"),
    ("Emial sent to wrong reciepient", "email sent to wrong recipient"),
    ("Information not held", "information not held"),  # whole words only: "info" inside a word stays
])
def test_prepare_text_expands_register_shorthand(text, prepared):
    from classifier.text import prepare_text

    assert prepare_text(text) == prepared


def test_staff_word_after_on_is_the_victim():
    # "on" must be read as a word from the YAML rules, not as the boolean true
    assert staff_from_text("Occupational health report on a PCSO sent to the wrong supervisor", "police") is None
    assert staff_from_text("Civilian staff member's access to a log was investigated", "police") == "police_staff"
    assert staff_from_text("Temp in Revenues viewed a neighbour's account", "council") == "agency"
