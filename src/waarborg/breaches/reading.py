"""Reading a breach as the office and the CLI show it: one call from a workspace to the document
(clock, assessment, decision, answers in the form's order, group names from the register)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from waarborg.register import Register
from waarborg.register.text import Language
from waarborg.workspace import Workspace

from .document import notification_document
from .records import BreachView
from .service import list_breaches, show_breach


def group_namer(register: Register, lang: Language) -> Any:
    """Register subject-group keys as words ('employee' -> 'medewerkers'); unknown keys stay as given."""
    def name(key: str) -> str:
        try:
            return register.group_label(key, lang)
        except KeyError:
            return key
    return name


def read_breach(workspace: Workspace, reference: str) -> BreachView:
    """The breach or phase a reference names (a phase with its first notification's reference)."""
    with workspace.store.session() as session:
        view = show_breach(session, workspace.erasure_key(), reference)
    if reference in (view.reference, view.id):
        return view
    return next(phase for phase in view.phases if reference in (phase.reference, phase.id))


def read_document(workspace: Workspace, reference: str, lang: Language, now: datetime) -> dict[str, Any]:
    """The notification document of a breach or phase, in `lang`."""
    register = workspace.register
    view = read_breach(workspace, reference)
    return notification_document(view, lang, country=register.controller.country, now=now,
                                 group_label=group_namer(register, lang))


def read_register(workspace: Workspace) -> list[BreachView]:
    """Every breach with its phases, newest first."""
    with workspace.store.session() as session:
        return list_breaches(session, workspace.erasure_key())
