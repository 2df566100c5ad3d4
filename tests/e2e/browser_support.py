"""What the browser journeys share: Debian's Chromium, an office served by uvicorn in a thread on a
free loopback port, signing in, and screenshots kept when WAARBORG_SCREENSHOTS names a folder."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]
SKIP_REASON = "BROWSER TESTS SKIPPED: /usr/bin/chromium is not installed (apt-get install chromium)"
SHOTS = os.environ.get("WAARBORG_SCREENSHOTS")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(app: Any, port: int) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:`port` until the block ends; yields the base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def office_served(root: Path, clock: Any) -> Iterator[tuple[str, Any]]:
    """The office built in `root`, served on a free port with the links in its mails pointing at
    that server; yields (base URL, workspace) and closes the workspace at the end."""
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    port = free_port()
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_BASE_URL=http://127.0.0.1:{port}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        with served(create_app(workspace, settings_from_env(workspace.env), clock), port) as base:
            yield base, workspace
    finally:
        workspace.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/office/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
