"""The CLI's last line of defence: an unexpected exception ends with one line and exit status 70.

A traceback would exit with status 1, which a CI pipeline reads as "the check found errors", and
its text can carry personal data from the register or a database. So a bug is reported by the
exception's type only, with status 70 (EX_SOFTWARE in BSD's sysexits.h), distinct from 0 (fine),
1 (findings) and 2 (bad input). WAARBORG_DEBUG=1 prints the traceback for the developer.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_SOFTWARE = 70


@contextmanager
def exit_70_on_crash() -> Iterator[None]:
    """Run the CLI; any exception that is not Waarborg's own exit becomes one line and status 70."""
    try:
        yield
    except Exception as exc:  # the one place that must catch everything: see the module docstring
        if os.environ.get("WAARBORG_DEBUG"):
            traceback.print_exc()
        name = type(exc).__name__
        sys.stderr.write(
            f"waarborg: internal error ({name}); this is a bug in Waarborg, not in your input. "
            "Please report it with the command you ran; WAARBORG_DEBUG=1 shows the traceback.\n"
        )
        sys.exit(EXIT_SOFTWARE)
