"""Taking a breach in: an answers file (YAML or JSON) checked against the form, the register's
facts filled in, people counted in the bound databases, then recorded through the service.

This is the one function the CLI's `breach new` (and the office's form) calls; it works on a
workspace (register, store, erasure key, connections).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from waarborg.register import Register
from waarborg.workspace import Workspace

from .counting import PeopleCount, count_people
from .incident import Incident, merge
from .prefill import Prefill, UnknownChoice, apply_counts, apply_prefill, prefill_from_register
from .records import BreachError, BreachView
from .service import open_breach


def load_answers(path: Path) -> dict[str, Any]:
    """The answers of a YAML or JSON file as sections; BreachError naming the file when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BreachError(f"{path}: cannot read the answers file ({exc.strerror or exc})") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            from ruamel.yaml import YAML

            data = YAML(typ="safe").load(text)
    except Exception as exc:  # the parsers raise many kinds; all mean "not valid YAML/JSON"
        raise BreachError(f"{path}: not valid {path.suffix.lstrip('.') or 'YAML'}: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BreachError(f"{path}: the answers must be a mapping of sections (notification, organisation, ...)")
    return data


def with_options(answers: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The answers with command-line options (`section.field` -> value; None = not given) laid over them.

    >>> with_options({"what": {"summary": "a"}}, {"what.summary": "b", "what.nature": None})
    {'what': {'summary': 'b'}}
    """
    merged = {section: dict(fields) if isinstance(fields, dict) else fields for section, fields in answers.items()}
    for path, value in options.items():
        if value is None:
            continue
        section, name = path.split(".")
        target = merged.setdefault(section, {})
        if isinstance(target, dict):
            target[name] = value
    return merged


def check_answers(answers: dict[str, Any], source: str) -> Incident:
    """The answers as an Incident; BreachError listing each wrong field as `source: section.field: message`."""
    try:
        return Incident.model_validate(answers)
    except ValidationError as exc:
        lines = [f"{source}: {'.'.join(str(p) for p in error['loc']) or '(top)'}: {error['msg']}"
                 for error in exc.errors()]
        raise BreachError("\n".join(lines)) from None


def organisation_from_register(register: Register) -> dict[str, Any]:
    """Section 1's answers the register already holds: the organisation and, when there is one, the DPO."""
    controller = register.controller
    section: dict[str, Any] = {"organisation": controller.legal_name or controller.name}
    if controller.registration is not None:
        section["registration"] = controller.registration.number
    if controller.address is not None:
        section["address"] = controller.address.one_line()
    if controller.dpo is not None and controller.dpo.name:
        function = "Functionaris gegevensbescherming" if register.language == "nl" else "Data protection officer"
        section["contact"] = {"name": controller.dpo.name, "function": function,
                              "phone": controller.dpo.phone, "email": controller.dpo.email}
    return section


def _fill_organisation(incident: Incident, register: Register) -> Incident:
    known = organisation_from_register(register)
    current = incident.organisation.model_dump()
    missing = {key: value for key, value in known.items()
               if not current.get(key) or (key == "contact" and not incident.organisation.contact.name)}
    return merge(incident, {"organisation": missing}) if missing else incident


@dataclass
class NewBreach:
    """What `new_breach` recorded, and where the pre-filled facts came from."""

    view: BreachView
    prefill: Prefill | None = None
    counted: PeopleCount | None = None
    missing: list[str] = field(default_factory=list)


def new_breach(workspace: Workspace, answers: dict[str, Any], *, source: str, activities: list[str],
               systems: list[str], count: bool, actor: str, now: datetime) -> NewBreach:
    """Check the answers, fill them from the register (and counts), and record the breach."""
    from .incident import missing as unanswered

    incident = _fill_organisation(check_answers(answers, source), workspace.register)
    prefill = counted = None
    if activities or systems:
        try:
            prefill = prefill_from_register(workspace.register, activities, systems)
        except UnknownChoice as exc:
            raise BreachError(str(exc)) from exc
        incident = apply_prefill(incident, prefill)
        if count and prefill.tables:
            counted = count_people(workspace.connections(), prefill.tables)
            incident = apply_counts(incident, counted.minimum, counted.maximum, counted.records)
    with workspace.store.session() as session:
        view = open_breach(session, workspace.erasure_key(), incident, actor=actor, now=now)
    return NewBreach(view, prefill, counted, unanswered(view.incident))
