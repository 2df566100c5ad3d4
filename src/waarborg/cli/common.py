"""What every command shares: loading a register, turning Waarborg's errors into exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from waarborg.register import Register

# Exit statuses: 0 fine, 1 the check found errors, 2 bad input (nothing was written).
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2



class _StderrConsole:
    """rich's Console on stderr, made on first use: `waarborg --help` must not pay for rich
    (nor for the register model), so nothing heavy is built when the CLI modules are imported."""

    _console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False)
        return getattr(self._console, name)


err_console = _StderrConsole()


def fail(message: str, status: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print a clean error (no traceback) and exit."""
    err_console.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(status)


def open_register(path: Path) -> Register:
    """Load a register or exit with status 2, listing every problem as file:line: path: message."""
    from waarborg.register import RegisterError, load_register

    try:
        return load_register(path)
    except RegisterError as exc:
        for problem in exc.problems:
            err_console.print(str(problem), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def write_output(data: str | bytes, output: Path | None, what: str | None = None) -> None:
    """Write to a file atomically (temp file + rename), or to stdout when no file is given.

    A file written is announced on stderr as "wrote FILE: WHAT (SIZE)", so a person sees what went
    where, and stdout stays free for a report that goes there."""
    if output is None:
        if isinstance(data, bytes):
            typer.get_binary_stream("stdout").write(data)
        else:
            typer.echo(data, nl=not data.endswith("\n"))
        return
    temporary = output.with_name(f".{output.name}.tmp")
    try:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            temporary.write_text(data, encoding="utf-8")
        temporary.replace(output)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        fail(f"cannot write {output}: {exc.strerror or exc}")
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    err_console.print(f"wrote {output}" + (f": {what}" if what else "") + f" ({size:,} bytes)",
                      markup=False, highlight=False, soft_wrap=True)
