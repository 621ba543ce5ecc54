"""SIGKILL at several points of a run leaves the previous dataset intact; a rerun matches a clean run."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from foi.writer import OUTPUT_FILES
from tests.conftest import ROOT, SAMPLES

PICK = ["cheshire-east/FOI_4562_breaches.csv", "thames-valley-police/0912-2014 response.txt",
        "lewisham/FOI_Export_IG_Incidents.xls"]
EXTRA = "bristol-cc/CRN1402773_DP_breaches.xls"

# builds the dataset of a folder without Prefect and writes it, like the flow's last task
WRITE = """
import sys
from pathlib import Path
from foi.dataset import assemble
from foi.inputs import list_input_files
from foi.pipeline import process_bytes
from foi.writer import write_dataset
files = list_input_files(Path(sys.argv[1]))
write_dataset(assemble([process_bytes(f.path.read_bytes(), f.source_file) for f in files]), Path(sys.argv[2]))
"""


def _snapshot(out):
    return {n: (out / n).read_bytes() for n in OUTPUT_FILES}


def _write(raw, out, crash_at=None):
    env = dict(os.environ)
    if crash_at:
        env["FOI_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-c", WRITE, str(raw), str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    raw, clean_raw = root / "raw", root / "clean-raw"
    for name in PICK:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLES / "files" / name, raw / name)
    shutil.copytree(raw, clean_raw)
    (clean_raw / EXTRA).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLES / "files" / EXTRA, clean_raw / EXTRA)
    clean = root / "clean"
    assert _write(clean_raw, clean).returncode == 0  # the reference: a clean run with the extra file
    return root, raw, clean


@pytest.mark.parametrize("point", ["generation-written", "switched"])
def test_sigkill_at_a_point_keeps_a_complete_dataset_and_rerun_matches(corpus, tmp_path, point):
    root, raw, clean = corpus
    out = tmp_path / "out"
    assert _write(raw, out).returncode == 0
    before = _snapshot(out)
    new_raw = tmp_path / "raw"
    shutil.copytree(raw, new_raw)
    (new_raw / EXTRA).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLES / "files" / EXTRA, new_raw / EXTRA)

    killed = _write(new_raw, out, crash_at=point)
    assert killed.returncode == -signal.SIGKILL
    after = _snapshot(out)
    # readers see one whole dataset: the old one before the switch, the new one after
    assert after == before if point == "generation-written" else after == _snapshot(clean)

    assert _write(new_raw, out).returncode == 0
    assert _snapshot(out) == _snapshot(clean)


def test_sigkill_of_the_cli_at_several_moments_then_a_clean_rerun(corpus, tmp_path):
    root, raw, clean = corpus
    out = tmp_path / "out"
    new_raw = tmp_path / "raw"
    shutil.copytree(raw, new_raw)
    (new_raw / EXTRA).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLES / "files" / EXTRA, new_raw / EXTRA)
    foi = [str(ROOT / ".venv" / "bin" / "foi"), "ingest", str(new_raw), "--out", str(out)]
    for delay in (1.0, 4.0, 9.0):
        proc = subprocess.Popen(foi, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its temporary Prefect server
        proc.wait()
        if (out / "responses.csv").exists():  # whatever is published is whole
            assert _snapshot(out) == _snapshot(clean)
    done = subprocess.run(foi, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert _snapshot(out) == _snapshot(clean)
