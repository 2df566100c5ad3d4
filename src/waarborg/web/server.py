"""The app as `waarborg serve` runs it: built from the environment in each worker process, with
the scheduled jobs running every few minutes in a background thread. The jobs take a store lock,
so with several workers (or several machines on one PostgreSQL) one round runs at a time."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from waarborg.office.clock import SystemClock
from waarborg.office.jobs import run_due
from waarborg.office.settings import OfficeSettings, settings_from_env
from waarborg.workspace import Workspace, open_workspace

from .app import create_app

REGISTER_ENV = "WAARBORG_REGISTER"
INTERVAL_ENV = "WAARBORG_JOBS_SECONDS"
log = logging.getLogger("waarborg.jobs")


def _loop(workspace: Workspace, settings: OfficeSettings, stop: threading.Event, interval: float) -> None:
    clock = SystemClock()
    while not stop.is_set():
        try:
            report = run_due(workspace, settings, clock.now())
            if report.ran:
                log.info("scheduled jobs: %s", report.results)
        except Exception as exc:  # keep serving; the next round tries again
            log.warning("scheduled jobs failed: %s", type(exc).__name__)
        stop.wait(interval)


def app_from_env() -> FastAPI:
    """The factory uvicorn calls in every worker (`--factory`)."""
    workspace = open_workspace(Path(os.environ.get(REGISTER_ENV, "waarborg.yaml")))
    settings = settings_from_env(workspace.env, workspace.register.controller.email)
    interval = float(os.environ.get(INTERVAL_ENV, "300"))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(target=_loop, args=(workspace, settings, stop, interval), daemon=True,
                                  name="waarborg-jobs")
        if interval > 0:
            thread.start()
        yield
        stop.set()
        workspace.close()

    return create_app(workspace, settings, lifespan=lifespan)
