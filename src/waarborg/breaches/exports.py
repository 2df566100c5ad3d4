"""The breach register's downloads from a workspace: one call each, for the office, the API and the CLI.

Why here and not in a web handler: the notification PDF needs the organisation's name (the answer,
else the register's controller) and the register export needs the controller's legal name; both
belong to the register, and an API route must produce the same file as the office's button.
"""

from __future__ import annotations

from datetime import date, datetime

from waarborg.register.text import Language
from waarborg.workspace import Workspace

from .records import BreachError

REGISTER_FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "pdf": "application/pdf"}


def notification_pdf(workspace: Workspace, reference: str, lang: Language, now: datetime) -> bytes:
    """The notification of a breach or phase as the PDF the office downloads."""
    from .reading import read_document
    from .render import html_to_pdf, render_notification_html

    document = read_document(workspace, reference, lang, now)
    organisation = document["answers"]["organisation"]["organisation"] or workspace.register.controller.name
    return html_to_pdf(render_notification_html(document, organisation))


def register_file(workspace: Workspace, kind: str, lang: Language, today: date) -> bytes:
    """The register of all breaches (Art. 33(5)) as xlsx or pdf; BreachError for another format."""
    from .reading import read_register
    from .register_export import register_pdf, register_xlsx

    if kind not in REGISTER_FORMATS:
        raise BreachError(f"format {kind!r}: choose xlsx or pdf")
    controller = workspace.register.controller
    write = register_xlsx if kind == "xlsx" else register_pdf
    return write(read_register(workspace), lang, controller.legal_name or controller.name, today)
