"""A bug in the CLI ends with one line and exit status 70, never a traceback with data (issue 10 item 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kvgo.yaml"
# Runs the real entry point with one library function replaced by a bug that carries personal data.
CRASHING_CLI = """
import sys
import waarborg.rules
def broken(*args, **kwargs):
    raise KeyError("jan.jansen@example.org")
waarborg.rules.run_checks = broken  # before the CLI imports it, eagerly or lazily
from waarborg.cli.app import main
sys.argv = ["waarborg", "check", sys.argv[1], "--no-live"]
main()
"""


def _run(debug: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "WAARBORG_DEBUG"}
    if debug:
        env["WAARBORG_DEBUG"] = "1"
    command = [sys.executable, "-c", CRASHING_CLI, str(EXAMPLE)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_unexpected_exception_is_one_line_and_exit_70_without_data() -> None:
    result = _run(debug=False)
    assert result.returncode == 70
    assert result.stderr.splitlines() == [
        "waarborg: internal error (KeyError); this is a bug in Waarborg, not in your input. "
        "Please report it with the command you ran; WAARBORG_DEBUG=1 shows the traceback."
    ]
    assert "jan.jansen" not in result.stdout + result.stderr


def test_waarborg_debug_shows_the_traceback_and_still_exits_70() -> None:
    result = _run(debug=True)
    assert result.returncode == 70
    assert "Traceback" in result.stderr and "jan.jansen@example.org" in result.stderr
