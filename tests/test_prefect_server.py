"""Operating it: `foi ingest` and `foi serve` against a real Prefect server, and the UI in Chromium."""
import shutil
import signal
import subprocess
import time

import pytest

from tests.conftest import ROOT, SAMPLES
from tests.prefect_server import running_server, server_env

pytestmark = pytest.mark.server
FOI = ROOT / ".venv" / "bin" / "foi"
PICK = ["cheshire-east/FOI_4562_breaches.csv", "thames-valley-police/0912-2014 response.txt",
        "unsorted/Response_letter.pdf", "leeds-cc/14-0932 Data Protection Breaches 2011-2014.xlsx"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    with running_server(home) as api:
        yield api, home


@pytest.fixture(scope="module")
def ingested(server, tmp_path_factory):
    api, home = server
    work = tmp_path_factory.mktemp("work")
    raw = work / "raw"
    for name in PICK:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLES / "files" / name, raw / name)
    proc = subprocess.run([str(FOI), "ingest", str(raw), "--out", str(work / "out")], cwd=ROOT,
                          env=server_env(home, api.base), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    runs = api.post("/flow_runs/filter", {"sort": "START_TIME_DESC", "limit": 5})
    return api, home, work, runs[0]


def test_flow_run_completed_and_is_named_after_its_input(ingested):
    api, _, _, run = ingested
    assert run["state_type"] == "COMPLETED"
    assert run["name"].startswith("ingest-raw-")


def test_task_runs_are_named_after_their_files(ingested):
    api, _, _, run = ingested
    tasks = api.post("/task_runs/filter", {"flow_runs": {"id": {"any_": [run["id"]]}}, "limit": 200})
    names = {t["name"] for t in tasks}
    assert set(PICK) <= names


def test_the_four_artifacts_exist_with_their_content(ingested):
    api, _, work, run = ingested
    arts = api.post("/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run["id"]]}}})
    by_key = {a["key"]: a for a in arts}
    assert {"foi-summary", "foi-failed-files", "foi-rejected-rows", "foi-reconciliation"} <= set(by_key)
    assert by_key["foi-summary"]["data"] == (work / "out" / "summary.md").read_text()
    failed = by_key["foi-failed-files"]["data"]
    assert "unsorted/Response_letter.pdf" in str(failed)
    assert by_key["foi-summary"]["type"] == "markdown" and by_key["foi-failed-files"]["type"] == "table"


def test_foi_serve_registers_a_cron_deployment(server, tmp_path):
    api, home = server
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(SAMPLES / "files" / PICK[0], raw / "reply.csv")
    proc = subprocess.Popen([str(FOI), "serve", str(raw), "--out", str(tmp_path / "out"), "--cron", "30 1 * * *"],
                            cwd=ROOT, env=server_env(home, api.base), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        found = []
        while time.monotonic() < deadline and not found:
            time.sleep(1)
            found = [d for d in api.post("/deployments/filter", {}) if d["name"] == "ingest-nightly"]
        assert found, "foi serve registered no deployment"
        schedules = found[0]["schedules"]
        assert [s["schedule"]["cron"] for s in schedules] == ["30 1 * * *"]
        assert found[0]["parameters"]["input_dir"] == str(raw)
    finally:
        proc.send_signal(signal.SIGINT)  # stop the serve process before the server (stack notes)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _chromium_dom(url: str, profile) -> str:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs it (scripts/system-deps.sh --with-browser)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=15000",
             "--run-all-compositor-stages-before-draw", "--dump-dom", url]
    proc = subprocess.run([chromium, *flags], capture_output=True, text=True, timeout=120)
    return proc.stdout


def test_the_ui_shows_the_run_and_its_summary_artifact(ingested, tmp_path):
    api, _, _, run = ingested
    ui = api.base[: -len("/api")]
    dom = _chromium_dom(f"{ui}/runs/flow-run/{run['id']}", tmp_path / "p1")
    assert run["name"] in dom, dom[-2000:]
    art = _chromium_dom(f"{ui}/artifacts/key/foi-summary", tmp_path / "p2")
    assert "foi-summary" in art and "headline figures" in art.lower(), art[-2000:]
