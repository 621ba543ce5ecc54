"""The cache version changes with what shapes results, and only with that."""
import shutil

from foi.version import RESULT_SHAPING, compute_version, pipeline_version
from tests.conftest import ROOT


def _tree(tmp_path):
    for entry in RESULT_SHAPING + ("flows", "README.md"):
        src, dst = ROOT / entry, tmp_path / entry
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    return tmp_path


def test_version_follows_extractors_rules_and_model_not_docs_or_flows(tmp_path):
    root = _tree(tmp_path)
    base = compute_version(root)
    assert base == pipeline_version()  # the copy is the tree itself

    (root / "README.md").write_text("changed")
    (root / "flows" / "ingest.py").write_text("# changed orchestration\n")
    assert compute_version(root) == base

    with open(root / "extractors" / "pdf.py", "a") as fh:
        fh.write("\n# a changed extractor\n")
    changed_code = compute_version(root)
    assert changed_code != base

    model_files = sorted((root / "classifier" / "model").rglob("meta.json"))
    assert model_files, "the trained model is part of the version"
    model_files[0].write_text(model_files[0].read_text() + " ")
    assert compute_version(root) not in (base, changed_code)
