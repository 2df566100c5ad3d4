"""What every command shares: loading a register, turning Waarborg's errors into exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from waarborg.register import Register, RegisterError, load_register

# Exit statuses: 0 fine, 1 the check found errors, 2 bad input (nothing was written).
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

err_console = Console(stderr=True, highlight=False)


def fail(message: str, status: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print a clean error (no traceback) and exit."""
    err_console.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(status)


def open_register(path: Path) -> Register:
    """Load a register or exit with status 2, listing every problem as file:line: path: message."""
    try:
        return load_register(path)
    except RegisterError as exc:
        for problem in exc.problems:
            err_console.print(str(problem), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write to a file atomically (temp file + rename), or to stdout when no file is given."""
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
