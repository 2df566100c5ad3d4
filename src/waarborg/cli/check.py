"""`waarborg check`: the compliance checks, fit for CI (exit 1 on any error)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from .common import EXIT_FINDINGS, open_register

if TYPE_CHECKING:
    from waarborg.register import Register
    from waarborg.rules import Finding

SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def check(
    register_file: Path = typer.Argument(..., help="The register YAML file.", metavar="REGISTER"),
    output_format: str = typer.Option("text", "--format", help="text or json.", metavar="text|json"),
    lang: str = typer.Option(
        "", "--lang", metavar="nl|en", help="Language of the messages (nl or en); default: the register's."
    ),
    no_live: bool = typer.Option(
        False, "--no-live", help="Do not verify database bindings against the live databases."
    ),
) -> None:
    """Check a register against the GDPR/AVG; exit status 1 when any error is found."""
    from waarborg.rules import run_checks

    if output_format not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    register = open_register(register_file)
    language: Literal["nl", "en"] = "en" if (lang or register.language) == "en" else "nl"
    findings = run_checks(register)
    if not no_live:
        findings += _live_findings(register, register_file)
    if output_format == "json":
        typer.echo(json.dumps([f.as_json(language) for f in findings], ensure_ascii=False, indent=2))
    else:
        _print_text(findings, language, register_file)
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def _live_findings(register: Register, register_file: Path) -> list[Finding]:
    """Verify database bindings against the live schemas (only reads; info when a URL is unset)."""
    if not any(system.database is not None for system in register.systems.values()):
        return []
    from waarborg.datasets.connect import connect
    from waarborg.datasets.inspect import verify_bindings
    from waarborg.workspace import workspace_env

    connections = connect(register, workspace_env(register_file.resolve().parent))
    try:
        return verify_bindings(register, connections)
    finally:
        connections.close()


def _print_text(findings: list[Finding], language: Literal["nl", "en"], register_file: Path) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    for finding in findings:
        style = SEVERITY_STYLE[finding.severity]
        console.print(
            f"[{style}]{finding.severity:<7}[/{style}] {finding.rule:<28} {escape(finding.path)}\n"
            f"        {escape(finding.message(language))}  [dim]({escape(finding.article)})[/dim]"
        )
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    console.print(f"{register_file}: {summary}")
