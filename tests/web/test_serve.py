"""`waarborg serve` for real: uvicorn with two worker processes on a fresh `waarborg init`
workspace answers on loopback with the security headers, and the scheduled jobs run in it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from waarborg.office.init import init_workspace
from waarborg.office.models import JobRun
from waarborg.workspace import open_workspace


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, seconds: float) -> urllib.request.http.client.HTTPResponse:  # type: ignore[name-defined]
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=2)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_with_two_workers_answers_and_runs_the_jobs(tmp_path: Path) -> None:
    created = init_workspace(tmp_path / "kantoor")
    port = _free_port()
    waarborg = Path(sys.executable).with_name("waarborg")
    server = subprocess.Popen(
        [str(waarborg), "serve", "--register", str(created.register_path), "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "WAARBORG_JOBS_SECONDS": "1"},
    )
    try:
        answer = _wait_for(f"http://127.0.0.1:{port}/office/login", 60)
        assert answer.status == 200 and "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
        assert "Aanmelden bij het privacykantoor" in answer.read().decode("utf-8")
        deadline = time.monotonic() + 30
        jobs = {"deadline_reminders", "expire_sessions", "retention_forecast"}
        runs: list[JobRun] = []
        # Wait until each job has finished a round: a job seen while still running is not done yet.
        while time.monotonic() < deadline and not jobs <= {run.job for run in runs if run.status == "done"}:
            workspace = open_workspace(created.register_path)
            with workspace.store.session() as session:
                runs = list(session.query(JobRun))
            workspace.close()
            time.sleep(0.5)
        assert jobs <= {run.job for run in runs if run.status == "done"}, [(r.job, r.status, r.error) for r in runs]
    finally:
        server.terminate()
        server.wait(timeout=30)
