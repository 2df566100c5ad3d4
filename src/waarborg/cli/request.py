"""`waarborg request access|erase|rectify|restrict|object|port|list`: data-subject requests.

Each command parses its input, calls one service of `waarborg.requests`, and prints the outcome.
Exit status: 0 done (or left open for a decision), 1 failed but retryable (run the same command
again), 2 bad input (nothing was changed or recorded).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .common import EXIT_FINDINGS, fail
from .help_format import Command, Group
from .sweep import REGISTER_OPTION, cli_workspace, parse_moment

# The request services (and SQLAlchemy under them) are imported inside each command, so that
# `waarborg --help` does not load them.
if TYPE_CHECKING:
    from waarborg.register import Register
    from waarborg.requests.identity import Identity
    from waarborg.requests.lifecycle import RequestKind
    from waarborg.requests.queue import RequestView
    from waarborg.requests.runner import Fulfil, RequestOutcome
    from waarborg.workspace import Workspace

app = typer.Typer(
    cls=Group, help="Handle data-subject requests (GDPR Art. 15-21) on the bound databases.", no_args_is_help=True
)

IDENTITY = typer.Option(
    ..., "--identity", metavar="KIND=VALUE", help="Who the request is about: KIND=VALUE, e.g. email=jan@example.nl."
)
DRY_RUN = typer.Option(False, "--dry-run", help="Report what would happen; change and record nothing.")
OUTPUT = typer.Option(Path("."), "--output", metavar="DIR", help="Directory in which the package directory is written.")
FORMAT = typer.Option("text", "--format", help="text or json.", metavar="text|json")
NOW = typer.Option(None, "--now", metavar="DATE", help="Treat this ISO date-time as now (for testing retention holds).")


def _identity(raw: str, register: Register) -> Identity:
    from waarborg.requests.identity import IdentityError, parse_identity

    try:
        return parse_identity(raw, register)
    except IdentityError as exc:
        fail(f"--identity: {exc}")


def _execute(
    workspace: Workspace,
    kind: RequestKind,
    identity: Identity,
    fulfil: Fulfil,
    dry_run: bool,
    output_format: str,
    now: str | None,
    secrets: tuple[str, ...] = (),
) -> RequestOutcome:
    if output_format not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    from waarborg.requests.runner import RequestBusy, run_request

    moment = parse_moment(now, "--now")
    try:
        outcome = run_request(workspace, kind, identity, fulfil, now=moment, dry_run=dry_run, secrets=secrets)
    except RequestBusy as exc:
        fail(str(exc))
    _print(outcome, output_format)
    if outcome.status == "failed":
        raise typer.Exit(EXIT_FINDINGS)
    return outcome


def _print(outcome: RequestOutcome, output_format: str) -> None:
    summary: dict[str, Any] = {
        "request": outcome.request_id,
        "kind": outcome.kind,
        "status": outcome.status or "dry run",
        "attempts": outcome.attempts,
        "due": outcome.due_at.date().isoformat(),
        "result": outcome.result,
    }
    if outcome.error:
        summary["error"] = outcome.error
    if output_format == "json":
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    status = summary["status"]
    style = {"completed": "green", "failed": "red", "in_progress": "yellow"}.get(status, "cyan")
    console.print(f"[{style}]{status}[/{style}] {outcome.kind} request {outcome.request_id or ''}".rstrip())
    console.print(f"due {summary['due']} (Art. 12(3)), attempt {outcome.attempts}")
    for line in _result_lines(outcome):
        console.print(f"  {line}", markup=False)
    if outcome.status == "failed":
        console.print(f"[red]error:[/red] {outcome.error}\nThe request is kept; run the same command again to retry.")


NO_DATA = "no data found: this person has no rows in any bound database (0 rows)"


def _result_lines(outcome: RequestOutcome) -> list[str]:
    result = outcome.result
    lines = [NO_DATA] if result.get("found_rows") == 0 else []
    lines += [f"{table}: {rows} row(s)" for table, rows in result.get("tables", {}).items()]
    for item in result.get("erased", []):
        lines.append(f"erased {item['table']}: {item['action']} {item['rows']} row(s) {', '.join(item['columns'])}")
    lines += _kept_lines(result.get("kept", []))
    lines += [f"updated {target}: {rows} row(s)" for target, rows in result.get("updated", {}).items()]
    lines += [f"to weigh by the privacy officer (Art. 21(1)): {a}" for a in result.get("to_weigh", [])]
    if "package" in result:
        lines.append(f"package: {result['package']}")
    if result.get("suppressed"):
        lines.append("on the suppression list (do not contact for marketing)")
    return lines


def _kept_lines(kept: list[dict[str, Any]]) -> list[str]:
    """One line per table, columns and reason; the dates until which rows are kept as a range."""
    grouped: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for item in kept:
        key = (item["table"], ", ".join(item["columns"]), item["activity"], item["basis"] or "", item["ground"] or "")
        grouped.setdefault(key, []).append(item)
    lines = []
    for (table, columns, activity, basis, ground), items in grouped.items():
        rows = sum(item["rows"] for item in items)
        if activity == "binding":
            lines.append(f"kept {table} {columns}: never erased (binding: keep), {rows} row(s)")
            continue
        dates = sorted(item["until"] for item in items if item["until"])
        until = f" until {dates[0]}" + (f" .. {dates[-1]}" if dates[-1] != dates[0] else "") if dates else ""
        lines.append(f"kept {table} {columns}: {activity} ({basis}, Art. 17(3): {ground}){until}, {rows} row(s)")
    return lines


@app.command("access", cls=Command)
def access(
    identity: str = IDENTITY,
    register: Path = REGISTER_OPTION,
    output: Path = OUTPUT,
    lang: str = typer.Option(
        "", "--lang", metavar="nl|en", help="Language of the letter (nl or en); default: the register's."
    ),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Leave out letter.pdf (the HTML letter stays)."),
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 15: a package with all the person's data (JSON, CSV) and a letter (HTML, PDF)."""
    if lang not in ("", "nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    from waarborg.requests.access import access_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        fulfil = access_fulfilment(output, lang or None, pdf=not no_pdf)  # type: ignore[arg-type]
        outcome = _execute(workspace, "access", person, fulfil, dry_run, output_format, now)
        if outcome.result.get("package") and output_format == "text":
            typer.echo(f"written to {output / outcome.result['package']}")


@app.command("erase", cls=Command)
def erase(
    identity: str = IDENTITY,
    register: Path = REGISTER_OPTION,
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 17: erase or mask everything about the person that no legal hold still needs."""
    from waarborg.requests.erase import erase_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        _execute(workspace, "erase", person, erase_fulfilment(), dry_run, output_format, now)


@app.command("rectify", cls=Command)
def rectify(
    identity: str = IDENTITY,
    corrections: list[str] = typer.Option(
        ..., "--set", metavar="COLUMN=VALUE", help="[system.]table.column=value; repeat for more."
    ),
    register: Path = REGISTER_OPTION,
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 16: correct named fields (bound personal-data columns only)."""
    from waarborg.requests.corrections import CorrectionError, parse_corrections
    from waarborg.requests.rectify import rectify_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        try:
            parsed = parse_corrections(corrections, workspace.register)
        except CorrectionError as exc:
            fail(str(exc))
        secrets = tuple(c.value for c in parsed)
        _execute(workspace, "rectify", person, rectify_fulfilment(parsed), dry_run, output_format, now, secrets)


@app.command("restrict", cls=Command)
def restrict(
    identity: str = IDENTITY,
    lift: bool = typer.Option(False, "--lift", help="Lift the restriction (tell the person first, Art. 18(3))."),
    reason: str | None = typer.Option(
        None, "--reason", metavar="TEXT", help="Why (e.g. accuracy contested, Art. 18(1)(a))."
    ),
    register: Path = REGISTER_OPTION,
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 18: mark the person so sweeps and marketing skip them, or lift that mark."""
    from waarborg.requests.restrict import restrict_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        _execute(workspace, "restrict", person, restrict_fulfilment(lift, reason), dry_run, output_format, now)
        if lift and output_format == "text":
            typer.echo("Art. 18(3): make sure the person was told before the restriction was lifted.")


@app.command("object", cls=Command)
def object_(
    identity: str = IDENTITY,
    activities: list[str] = typer.Option(
        [], "--activity", metavar="KEY", help="Activity objected to (default: direct marketing); repeat for more."
    ),
    register: Path = REGISTER_OPTION,
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 21: direct marketing -> suppression list; legitimate interests -> open for the officer to weigh."""
    from waarborg.requests.objection import ObjectionError, object_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        try:
            fulfil = object_fulfilment(workspace.register, activities)
        except ObjectionError as exc:
            fail(f"--activity: {exc}")
        _execute(workspace, "object", person, fulfil, dry_run, output_format, now)


@app.command("port", cls=Command)
def port(
    identity: str = IDENTITY,
    register: Path = REGISTER_OPTION,
    output: Path = OUTPUT,
    dry_run: bool = DRY_RUN,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """Art. 20: the data the person provided under consent or contract, as JSON and CSV."""
    from waarborg.requests.port import port_fulfilment

    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register)
        _execute(workspace, "port", person, port_fulfilment(output), dry_run, output_format, now)


@app.command("list", cls=Command)
def list_command(
    register: Path = REGISTER_OPTION,
    open_only: bool = typer.Option(False, "--open", help="Only requests that still need work."),
    kind: str = typer.Option("", "--kind", help="Only requests of this kind (access, erase, ...)."),
    status: str = typer.Option("", "--status", help="Only requests in this state (received, failed, ...)."),
    identity: str = typer.Option("", "--identity", metavar="KIND=VALUE",
                                 help="Only this person's requests, matched by the keyed hash."),
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """The requests by deadline, with their status and due date (no personal data); the same
    queue as the office's requests page."""
    from waarborg.requests.queue import QueueFilter, QueueFilterError, queue
    from waarborg.requests.runner import INTERRUPTED

    if output_format not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    with cli_workspace(register) as workspace:
        person = _identity(identity, workspace.register) if identity else None
        wanted = QueueFilter(kind, status or ("" if open_only else "all"),
                             person.kind if person else "", person.value if person else "")
        try:
            items = queue(workspace, _moment(now), wanted)
        except QueueFilterError as exc:
            fail(f"--kind/--status: {exc}")
        if output_format == "json":
            typer.echo(json.dumps(items, default=str, indent=2))
            return
        for item in items:
            interrupted = "  (interrupted: run it again)" if item["error"] == INTERRUPTED else ""
            late = "  OVERDUE" if item["overdue"] else ""
            typer.echo(
                f"{item['id']}  {item['kind']:<8} {item['status']:<11} received {item['received_at']:%Y-%m-%d}"
                f"  due {item['due_at']:%Y-%m-%d}  attempts {item['attempts']}{interrupted}{late}"
            )


@app.command("show", cls=Command)
def show_command(
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id (from `waarborg request list`)."),
    register: Path = REGISTER_OPTION,
    output_format: str = FORMAT,
    now: str | None = NOW,
) -> None:
    """One request: its state, deadline, extension, pauses, refusal, approval and its history from
    the audit trail; the same view as the office's request page."""
    from waarborg.requests.queue import show as show_request
    from waarborg.requests.workflow import RequestNotFound

    if output_format not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    with cli_workspace(register) as workspace:
        try:
            view = show_request(workspace, request_id, _moment(now))
        except RequestNotFound as exc:
            fail(str(exc))
        if output_format == "json":
            typer.echo(json.dumps(view.as_json(), default=str, indent=2))
            return
        for line in _view_lines(view):
            typer.echo(line)


def _moment(now: str | None) -> datetime:
    """--now as an aware moment (a date or naive time counts as UTC, like the store's times)."""
    moment = parse_moment(now, "--now") or datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _view_lines(view: RequestView) -> list[str]:
    r = view.request
    lines = [f"request {r['id']}  {r['kind']}  {r['status']}",
             f"received {r['received_at']:%Y-%m-%d %H:%M}  due {r['due_at']:%Y-%m-%d %H:%M}"
             + ("  OVERDUE" if r["overdue"] else "")]
    if view.extension:
        lines.append(f"extended by {view.extension['months']} month(s) on {view.extension['decided_at']:%Y-%m-%d}: "
                     f"{view.extension['reasons']}")
    lines += [f"waited for the requester {p['start'][:10]} - {(p['end'] or 'now')[:10]}" for p in view.pauses]
    if view.refusal:
        lines.append(f"refused ({view.refusal['ground']}): {view.refusal['note']}")
    if view.approval["approved_by"]:
        lines.append(f"approved by {view.approval['approved_by']}")
    if r["error"]:
        lines.append(f"error: {r['error']}")
    lines.append("history:")
    lines += [f"  {e['at']:%Y-%m-%d %H:%M}  {e['actor']:<24} {e['action']}" for e in view.history]
    return lines
