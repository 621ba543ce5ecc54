"""A real Prefect server for tests: temporary PREFECT_HOME, a free loopback port."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

PREFECT = ROOT / ".venv" / "bin" / "prefect"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(home: Path, api_url: str | None = None) -> dict:
    env = dict(os.environ)
    env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/prefect.db"})
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


class Api:
    def __init__(self, base: str):
        self.base = base  # http://127.0.0.1:PORT/api

    def post(self, path: str, body: dict | None = None):
        req = urllib.request.Request(self.base + path, data=json.dumps(body or {}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def get(self, path: str):
        with urllib.request.urlopen(self.base + path, timeout=30) as resp:
            return json.loads(resp.read())


@contextmanager
def running_server(home: Path):
    port = free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = open(home / "server.log", "wb")
    env = server_env(home)
    # the UI is a browser app that calls the API itself: tell it where (default is port 4200)
    env["PREFECT_UI_API_URL"] = f"http://127.0.0.1:{port}/api"
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    api = Api(f"http://127.0.0.1:{port}/api")
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                api.get("/health")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Prefect server did not start:\n" + (home / "server.log").read_text()[-3000:])
                time.sleep(0.5)
        yield api
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
