"""The corrections loop: corrected values win, unknown ids are reported, training picks them up."""
import csv

from foi.corrections import apply_corrections, load_corrections, training_items


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["incident_id", "field", "value"])
        w.writerows(rows)


def _incidents():
    return [{"incident_id": "a" * 16, "cause": "loss", "cause_confidence": 0.61, "outcome": "not_stated",
             "staff_type": "employee", "description": "Files left behind after a home visit", "notes": None},
            {"incident_id": "b" * 16, "cause": "theft", "cause_confidence": 0.9, "outcome": "no_action",
             "staff_type": "employee", "description": "Phone taken from a desk", "notes": None}]


def test_corrected_values_win_and_unknown_ids_are_reported(tmp_path):
    path = tmp_path / "corrections.csv"
    _write(path, [["a" * 16, "cause", "human_error"], ["a" * 16, "outcome", "verbal_warning"],
                  ["f" * 16, "cause", "loss"], ["b" * 16, "cause", "not_a_label"], ["b" * 16, "colour", "red"]])
    corrections, problems = load_corrections(path)
    assert len(corrections) == 3 and len(problems) == 2
    incidents = _incidents()
    report = apply_corrections(incidents, corrections)
    assert incidents[0]["cause"] == "human_error" and incidents[0]["cause_confidence"] == 1.0
    assert incidents[0]["outcome"] == "verbal_warning"
    assert "corrected by researcher" in incidents[0]["notes"]
    assert incidents[1]["cause"] == "theft"
    assert report.applied == 2 and report.unknown_ids == ["f" * 16]
    assert any("no longer in the data" in line for line in report.lines())


def test_corrections_become_training_items(tmp_path):
    path = tmp_path / "corrections.csv"
    _write(path, [["a" * 16, "cause", "human_error"], ["a" * 16, "description", "new words"]])
    incidents_csv = tmp_path / "incidents.csv"
    with open(incidents_csv, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["incident_id", "description"])
        w.writeheader()
        w.writerow({"incident_id": "a" * 16, "description": "Files left behind after a home visit"})
    corrections, _ = load_corrections(path)
    assert training_items(corrections, incidents_csv) == [
        {"text": "Files left behind after a home visit", "label": "human_error", "task": "cause"}]


def test_train_reads_a_corrections_csv(tmp_path):
    from classifier.train import read_corrections

    path = tmp_path / "corrections.csv"
    _write(path, [["a" * 16, "outcome", "dismissed"]])
    incidents_csv = tmp_path / "incidents.csv"
    incidents_csv.write_text("incident_id,description\n" + "a" * 16 + ",Agency worker let go after audit\n")
    by_task = read_corrections(path, incidents_csv)
    assert by_task["outcome"] == [{"text": "Agency worker let go after audit", "label": "dismissed", "task": "outcome"}]
