"""`waarborg breach new|list|show|export|...`: the data-breach register from the command line.

Each command parses its input, calls one function of `waarborg.breaches`, and prints. Heavy
modules (the store, WeasyPrint) are imported inside the commands so `waarborg --help` stays fast.
Exit status: 0 done, 2 bad input or a refused step (nothing was changed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .common import fail, write_output

if TYPE_CHECKING:
    from waarborg.workspace import Workspace

app = typer.Typer(help="The data-breach register (GDPR Art. 33, 34): the AP's questions and the 72-hour clock.",
                  no_args_is_help=True)

ACTOR = "cli"
REGISTER = typer.Option(Path("waarborg.yaml"), "--register", help="The register (its folder is the workspace).")
LANG = typer.Option(None, "--lang", help="nl or en (default: the register's language).")
FORMAT = typer.Option("text", "--format", help="text or json.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output.")
REFERENCE = typer.Argument(..., help="The breach's reference, e.g. 2026-001 (a follow-up: 2026-001-1).")
ANSWERS = typer.Option(None, "--answers", help="A YAML or JSON file with answers per section of the form.")


@contextmanager
def _workspace(register: Path) -> Iterator[Workspace]:
    """The workspace, with Waarborg's breach errors turned into a clean message (exit 2)."""
    from waarborg.breaches.records import BreachError

    from .sweep import cli_workspace

    with cli_workspace(register) as workspace:
        try:
            yield workspace
        except BreachError as exc:  # DelayReasonRequired and the form's errors included
            fail(str(exc))
        except ValueError as exc:
            fail(str(exc))


def _now() -> datetime:
    return datetime.now(UTC)


def _moment(value: str | None, option: str) -> datetime:
    """An ISO moment from the command line; without a zone it is Dutch local time."""
    from waarborg.breaches.incident import as_utc

    if value is None:
        return _now()
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        fail(f"{option}: {value!r} is not a moment (write e.g. 2026-10-24T10:00)")


def _lang(workspace: Workspace, lang: str | None) -> Any:
    chosen = lang or workspace.register.language
    if chosen not in ("nl", "en"):
        fail(f"--lang: choose nl or en, not {chosen!r}")
    return chosen


def _answers(path: Path | None) -> dict[str, Any]:
    from waarborg.breaches.intake import load_answers

    return {} if path is None else load_answers(path)


@app.command("new")
def new(
    answers: Path | None = ANSWERS,
    activity: list[str] = typer.Option([], "--activity", help="An affected activity of the register (repeatable)."),
    system: list[str] = typer.Option([], "--system", help="An affected system of the register (repeatable)."),
    no_count: bool = typer.Option(False, "--no-count", help="Do not count people in the bound databases."),
    discovered: str | None = typer.Option(None, "--discovered", help="When the organisation became aware "
                                          "(ISO; Dutch local time without a zone; default now)."),
    summary: str | None = typer.Option(None, "--summary", help="What happened, in a few sentences."),
    nature: list[str] = typer.Option([], "--nature", help="read, copied, altered, deleted, stolen or unknown "
                                     "(repeatable)."),
    incident_kind: str | None = typer.Option(None, "--incident-kind", help="device_lost, paper_lost, "
                                             "mail_returned, hacking, misdirected, published, not_destroyed, other."),
    role: str | None = typer.Option(None, "--role", help="controller, or processor (then the controllers are told)."),
    register: Path = REGISTER,
    output_format: str = FORMAT,
) -> None:
    """Record a breach: the answers so far (a file and/or options), filled from the register; starts the clock."""
    from waarborg.breaches.intake import new_breach, with_options

    given = {"timing.discovered_at": discovered, "what.summary": summary, "what.nature": nature or None,
             "what.incident_kind": incident_kind, "organisation.role": role}
    with _workspace(register) as workspace:
        source = str(answers) if answers else "options"
        made = new_breach(workspace, with_options(_answers(answers), given), source=source, activities=activity,
                          systems=system, count=not no_count, actor=ACTOR, now=_now())
        lang = _lang(workspace, None)
    _print_new(made, lang, output_format)


def _print_new(made: Any, lang: Any, output_format: str) -> None:
    view, counted, now = made.view, made.counted, _now()
    outcome = {"reference": view.reference, "deadline": view.reading(now).deadline_local.isoformat(),
               "clock": view.reading(now).text(lang), "proposal": view.proposal, "missing": made.missing,
               "counted": None if counted is None else {"minimum": counted.minimum, "maximum": counted.maximum,
                                                        "records": counted.records, "failures": counted.failures}}
    if output_format == "json":
        typer.echo(json.dumps(outcome, ensure_ascii=False, indent=2))
        return
    typer.echo(f"breach {view.reference} recorded; {outcome['clock']} (deadline {outcome['deadline']})")
    typer.echo(f"proposal: {view.proposal}")
    if counted is not None:
        typer.echo(f"people counted: {counted.minimum}-{counted.maximum}, records {counted.records}")
        for failure in counted.failures:
            typer.echo(f"  not counted: {failure}", err=True)
    if made.missing:
        typer.echo(f"still to answer: {', '.join(made.missing)}")


@app.command("update")
def update(reference: str = REFERENCE, answers: Path = typer.Option(..., "--answers", help="A YAML or JSON file "
           "with the changed answers per section."), register: Path = REGISTER) -> None:
    """Change the answers of a breach that has not been notified yet."""
    from waarborg.breaches.service import update_breach

    with _workspace(register) as workspace, workspace.store.session() as session:
        view = update_breach(session, workspace.erasure_key(), reference, _answers(answers), actor=ACTOR, now=_now())
    typer.echo(f"breach {view.reference}: version {view.version}; proposal: {view.proposal}")


@app.command("list")
def list_command(register: Path = REGISTER, lang: str | None = LANG, output_format: str = FORMAT) -> None:
    """Every breach, notified or not (Art. 33(5)), newest first, with its clock."""
    from waarborg.breaches.service import list_breaches

    with _workspace(register) as workspace, workspace.store.session() as session:
        views = list_breaches(session, workspace.erasure_key())
        chosen = _lang(workspace, lang)
    now = _now()
    rows = [{"reference": v.reference, "status": v.status, "aware": v.aware_at.isoformat(),
             "clock": v.reading(now).text(chosen), "proposal": v.proposal, "decision": v.decision,
             "people_max": v.incident.people.maximum, "phases": [p.reference for p in v.phases]} for v in views]
    if output_format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no breaches recorded")
    for view, row in zip(views, rows, strict=True):
        phases = f" (+{', '.join(p.reference for p in view.phases)})" if view.phases else ""
        typer.echo(f"{view.reference}{phases}  {view.status:<12}  {row['clock']}  decision: {view.decision or '-'}")


@app.command("show")
def show(reference: str = REFERENCE, register: Path = REGISTER, lang: str | None = LANG,
         output_format: str = FORMAT) -> None:
    """One breach: the clock, the proposal, the decision and every answer in the form's order."""
    document = _document(register, reference, lang)
    if output_format == "json":
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{document['title']} {document['reference']} — {document['status_text']}")
    typer.echo(f"{document['clock']['text']} (deadline {document['clock']['deadline']['local']})")
    typer.echo(f"{document['assessment']['risk_text']}: {document['assessment']['proposal_text']}")
    for factor in document["assessment"]["factors"]:
        typer.echo(f"  - {factor['explanation']}")
    for section in document["sections"]:
        typer.echo(f"\n{section['number']} {section['title']}")
        for row in section["questions"]:
            answer = row["answer"]
            shown = "—" if answer is None else answer if isinstance(answer, str) else "; ".join(answer)
            typer.echo(f"  {row['question']}: {shown}")


def _document(register: Path, reference: str, lang: str | None) -> dict[str, Any]:
    from waarborg.breaches.document import notification_document
    from waarborg.breaches.service import show_breach

    with _workspace(register) as workspace, workspace.store.session() as session:
        view = show_breach(session, workspace.erasure_key(), reference)
        if reference != view.reference:
            view = next(phase for phase in view.phases if phase.reference == reference)
        registered = workspace.register
        chosen = _lang(workspace, lang)
        return notification_document(view, chosen, country=registered.controller.country, now=_now(),
                                     group_label=lambda key: _group(registered, key, chosen))


def _group(register: Any, key: str, lang: Any) -> str:
    try:
        return str(register.group_label(key, lang))
    except KeyError:
        return key


@app.command("export")
def export(reference: str = REFERENCE, export_format: str = typer.Option("json", "--format", help="json or pdf."),
           register: Path = REGISTER, lang: str | None = LANG, output: Path | None = OUTPUT) -> None:
    """The notification in the form's structure: JSON to type into the authority's form, or a PDF."""
    if export_format not in ("json", "pdf"):
        fail(f"--format: choose json or pdf, not {export_format!r}")
    document = _document(register, reference, lang)
    if export_format == "json":
        write_output(json.dumps(document, ensure_ascii=False, indent=2) + "\n", output)
        return
    from waarborg.breaches.render import html_to_pdf, render_notification_html

    organisation = document["answers"]["organisation"]["organisation"] or ""
    write_output(html_to_pdf(render_notification_html(document, organisation)), output)


@app.command("decide")
def decide(reference: str = REFERENCE,
           decision: str = typer.Option(..., "--decision", help="none, authority, authority_and_people, "
                                        "authority_and_public or (a processor) controllers."),
           reasons: str | None = typer.Option(None, "--reasons", help="Why (required for none and when departing "
                                              "from the proposal)."),
           register: Path = REGISTER) -> None:
    """Record the officer's decision next to the decision aid's proposal."""
    from waarborg.breaches.service import decide as decide_breach

    with _workspace(register) as workspace, workspace.store.session() as session:
        view = decide_breach(session, workspace.erasure_key(), reference, decision, reasons, actor=ACTOR, now=_now())
    typer.echo(f"breach {view.reference}: decided {view.decision} (proposal was {view.proposal}); status {view.status}")


@app.command("notify")
def notify(reference: str = REFERENCE,
           at: str | None = typer.Option(None, "--at", help="When the notification was sent (ISO; default now)."),
           authority_reference: str | None = typer.Option(None, "--authority-reference",
                                                          help="The number the authority gave the notification."),
           delay_reason: str | None = typer.Option(None, "--delay-reason", help="Why the notification comes after "
                                                   "72 hours (required then, Art. 33(1))."),
           register: Path = REGISTER) -> None:
    """Record that the notification (or follow-up) was sent; refused after 72 hours without reasons."""
    from waarborg.breaches.service import notify as notify_breach

    moment = _moment(at, "--at")
    with _workspace(register) as workspace, workspace.store.session() as session:
        view = notify_breach(session, workspace.erasure_key(), reference, notified_at=moment,
                             authority_reference=authority_reference, delay_reason=delay_reason, actor=ACTOR,
                             now=_now())
    typer.echo(f"breach {view.reference}: notified{' late, with reasons' if view.late else ' in time'}")


@app.command("follow-up")
def follow_up(reference: str = REFERENCE, answers: Path = typer.Option(..., "--answers", help="A YAML or JSON file "
              "with what changed or was learnt, per section."), register: Path = REGISTER) -> None:
    """Supplement a notified breach (Art. 33(4)): a follow-up linked to the first notification."""
    from waarborg.breaches.service import add_follow_up

    with _workspace(register) as workspace, workspace.store.session() as session:
        view = add_follow_up(session, workspace.erasure_key(), reference, _answers(answers), actor=ACTOR, now=_now())
    typer.echo(f"follow-up {view.reference} of {view.parent_reference} recorded; notify it when sent")


@app.command("withdraw")
def withdraw(reference: str = REFERENCE, reason: str = typer.Option(..., "--reason", help="Why the notification "
             "is withdrawn."), at: str | None = typer.Option(None, "--at", help="When it was withdrawn at the "
             "authority (ISO; default now)."), register: Path = REGISTER) -> None:
    """Withdraw a notification (it was not a breach after all); kept as a phase of the first."""
    from waarborg.breaches.service import withdraw as withdraw_breach

    moment = _moment(at, "--at")
    with _workspace(register) as workspace, workspace.store.session() as session:
        view = withdraw_breach(session, workspace.erasure_key(), reference, reason, at=moment, actor=ACTOR,
                               now=_now())
    typer.echo(f"breach {view.parent_reference} withdrawn ({view.reference})")


@app.command("letter")
def letter(reference: str = REFERENCE, letter_format: str = typer.Option("pdf", "--format", help="pdf, html or "
           "text (an e-mail body)."), register: Path = REGISTER, lang: str | None = LANG,
           output: Path | None = OUTPUT) -> None:
    """The message to the people affected, with the contents Art. 34(2) requires."""
    from waarborg.breaches.letter import people_letter, render_letter_html, render_letter_text
    from waarborg.breaches.service import show_breach

    if letter_format not in ("pdf", "html", "text"):
        fail(f"--format: choose pdf, html or text, not {letter_format!r}")
    with _workspace(register) as workspace, workspace.store.session() as session:
        view = show_breach(session, workspace.erasure_key(), reference)
        controller = workspace.register.controller
        contents = people_letter(view, organisation=controller.legal_name or controller.name,
                                 country=controller.country, lang=_lang(workspace, lang), written=_now().date())
    if letter_format == "text":
        write_output(render_letter_text(contents), output)
        return
    html = render_letter_html(contents)
    if letter_format == "html":
        write_output(html, output)
        return
    from waarborg.breaches.render import html_to_pdf

    write_output(html_to_pdf(html), output)


@app.command("register")
def register_command(register_format: str = typer.Option("xlsx", "--format", help="xlsx or pdf."),
                     register: Path = REGISTER, lang: str | None = LANG,
                     output: Path = typer.Option(..., "--output", "-o", help="The file to write.")) -> None:
    """The register of all breaches (Art. 33(5)) as an Excel workbook or a PDF."""
    from waarborg.breaches.register_export import register_pdf, register_xlsx
    from waarborg.breaches.service import list_breaches

    if register_format not in ("xlsx", "pdf"):
        fail(f"--format: choose xlsx or pdf, not {register_format!r}")
    with _workspace(register) as workspace, workspace.store.session() as session:
        views = list_breaches(session, workspace.erasure_key())
        controller = workspace.register.controller
        chosen = _lang(workspace, lang)
    write = register_xlsx if register_format == "xlsx" else register_pdf
    write_output(write(views, chosen, controller.legal_name or controller.name, _now().date()), output)
    typer.echo(f"{len(views)} breaches written to {output}")


@app.command("reminders")
def reminders(mark: bool = typer.Option(False, "--mark", help="Record the reminders as sent."),
              register: Path = REGISTER) -> None:
    """Breaches whose clock reached 24, 12 or 1 hour left since the last reminder (for a scheduler)."""
    from waarborg.breaches.service import record_reminders, reminders_to_send

    with _workspace(register) as workspace, workspace.store.session() as session:
        due = reminders_to_send(session, _now())
        for item in due:
            typer.echo(f"{item.reference}: {min(item.hours)} hour(s) left or less")
            if mark:
                record_reminders(session, item.reference, item.hours, actor=ACTOR)
    if not due:
        typer.echo("no reminders due")
