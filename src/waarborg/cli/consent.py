"""`waarborg consent give|withdraw|proof|import`: the consent ledger from the command line.

Giving and withdrawing take the same options (Art. 7(3): withdrawing is as easy as giving).
Heavy modules are imported inside the commands, so `waarborg --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="The consent ledger: record, prove and import consents (GDPR Art. 7).", no_args_is_help=True)

REGISTER = typer.Option(Path("waarborg.yaml"), "--register", help="The register (its folder is the workspace).")
IDENTITY = typer.Option(..., "--identity", help="Whose consent: KIND=VALUE, e.g. email=jan@example.nl.")
PURPOSE = typer.Option(..., "--purpose", help="The activity of the register (a mailing type such as newsletter).")
METHOD = typer.Option("paper", "--method", help="How: web_form, import, paper or api.")
EVIDENCE = typer.Option(None, "--evidence", help="The proof: the form's text, where the signed paper is kept, ...")
AT = typer.Option(None, "--at", help="When (ISO date or date-time; default now).")


def _person(raw: str):  # type: ignore[no-untyped-def]
    from waarborg.consent.ledger import Person

    from .common import fail

    kind, sep, value = raw.partition("=")
    if not sep or not kind.strip() or not value.strip():
        fail("--identity: write KIND=VALUE, e.g. email=jan@example.nl")
    return Person(kind.strip(), value.strip())


def _record(register: Path, identity: str, purpose: str, action: str, method: str, evidence: str | None,
            at: str | None) -> None:
    from waarborg.consent.ledger import ConsentChange, ConsentError, record

    from .common import fail
    from .sweep import cli_workspace, parse_moment

    person = _person(identity)
    moment = parse_moment(at, "--at")
    change = ConsentChange(purpose, action, method, {"note": evidence} if evidence else {}, moment)  # type: ignore[arg-type]
    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                event = record(session, workspace.erasure_key(), workspace.register, person, change,
                               contact=action == "given" and method != "import")
        except ConsentError as exc:
            fail(str(exc))
    typer.echo(f"consent {action} for {purpose} recorded (event {event.id}, statement {event.statement_version})")


@app.command("give")
def give(identity: str = IDENTITY, purpose: str = PURPOSE, method: str = METHOD, evidence: str | None = EVIDENCE,
         at: str | None = AT, register: Path = REGISTER) -> None:
    """Record a consent given (e.g. a signed paper form)."""
    _record(register, identity, purpose, "given", method, evidence, at)


@app.command("withdraw")
def withdraw(identity: str = IDENTITY, purpose: str = PURPOSE, method: str = METHOD, evidence: str | None = EVIDENCE,
             at: str | None = AT, register: Path = REGISTER) -> None:
    """Record a consent withdrawn (as easy as giving it, Art. 7(3))."""
    _record(register, identity, purpose, "withdrawn", method, evidence, at)


@app.command("proof")
def proof(
    identity: str = IDENTITY,
    output_format: str = typer.Option("json", "--format", help="json or pdf."),
    lang: str = typer.Option("nl", "--lang", help="nl or en."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here (default: standard output)."),
    register: Path = REGISTER,
) -> None:
    """The proof of consent of one person (Art. 7(1)): every event, the state today."""
    from waarborg.consent.proof import build_proof, render_proof_pdf

    from .common import write_output
    from .sweep import cli_workspace

    if output_format not in ("json", "pdf"):
        raise typer.BadParameter("choose json or pdf", param_hint="--format")
    if lang not in ("nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    person = _person(identity)
    with cli_workspace(register) as workspace, workspace.store.session() as session:
        made = build_proof(session, workspace.erasure_key(), workspace.register, person, lang)  # type: ignore[arg-type]
    write_output(made.to_json() + "\n" if output_format == "json" else render_proof_pdf(made, lang), output)  # type: ignore[arg-type]


@app.command("import")
def import_command(
    source: Path = typer.Argument(..., help="CSV exported from a mailing tool (see docs/consent.md).",
                                  metavar="FILE.csv"),
    register: Path = REGISTER,
) -> None:
    """Import consents and unsubscribes; errors by line and nothing written; importing twice changes nothing."""
    from waarborg.consent.importer import ImportProblems, import_consents, read_import

    from .common import EXIT_BAD_INPUT, err_console, fail
    from .sweep import cli_workspace

    if not source.is_file():
        fail(f"{source}: no such file")
    with cli_workspace(register) as workspace:
        try:
            rows = read_import(source, workspace.register)
        except ImportProblems as exc:
            for problem in exc.problems:
                err_console.print(problem, markup=False, soft_wrap=True)
            err_console.print(str(exc), markup=False)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        with workspace.store.session() as session:
            report = import_consents(session, workspace.erasure_key(), workspace.register, rows, source.name)
    typer.echo(f"{report.rows} rows: {report.recorded} recorded, {report.already_there} already in the ledger, "
               f"{report.suppressed} put on the suppression list")


@app.command("purge-pending")
def purge_pending(
    dry_run: bool = typer.Option(False, "--dry-run", help="Only count what would be removed."),
    register: Path = REGISTER,
) -> None:
    """Remove subscriptions whose confirmation link expired or was used (they hold a sealed address)."""
    from waarborg.consent.subscribe import purge_expired

    from .sweep import cli_workspace

    with cli_workspace(register) as workspace, workspace.store.session() as session:
        count = purge_expired(session, dry_run=dry_run)
    typer.echo(f"{count} pending subscriptions {'would be' if dry_run else 'were'} removed")


@app.command("demo-seed")
def demo_seed(
    mailing_list: Path | None = typer.Option(None, "--list", help="Where to write the demo mailing list "
                                             "(default: demo-mailing-list.csv in the workspace)."),
    register: Path = REGISTER,
) -> None:
    """Demo workspace only: the demo newsletter's subscribers as consents, and a mailing list to filter."""
    from waarborg.consent.demo import seed_demo_consents

    from .sweep import cli_workspace

    with cli_workspace(register) as workspace:
        seeded = seed_demo_consents(workspace, mailing_list)
    report = seeded.imported
    typer.echo(f"{report.recorded} consents recorded ({report.already_there} already there), {report.suppressed} "
               f"put on the suppression list; {seeded.list_rows} addresses written to {seeded.list_path}")
