"""The form's questions as input fields, and submitted fields back into answers: what a web form
(or any other front end) needs to ask one section of the notification form at a time.

Pure. `section_fields` describes the inputs of a section with the current answers filled in;
`section_changes` turns submitted values (name -> list of strings, as HTML forms send them) into
the changes `waarborg.breaches.service.update_breach` takes. Moments are entered as Dutch local
time (an HTML `datetime-local` input has no zone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from waarborg.register.text import Language

from . import options as O
from .incident import LOCAL_ZONE, Incident, Party
from .questions import FORM, FormSection, Question, value_at

PERSON_PARTS: tuple[str, ...] = ("name", "function", "phone", "email")


class FormInputError(ValueError):
    """A submitted value that does not fit its question; names the field."""


def form_section(key: str) -> FormSection:
    for section in FORM:
        if section.key == key:
            return section
    raise FormInputError(f"unknown section {key!r} (sections: {', '.join(s.key for s in FORM)})")


def _input_value(question: Question, value: Any) -> Any:
    if value is None:
        return "" if question.shape not in ("choices", "flag") else ([] if question.shape == "choices" else False)
    if question.shape == "moment":
        return value.astimezone(LOCAL_ZONE).strftime("%Y-%m-%dT%H:%M")
    if question.shape == "list":
        return "\n".join(value)
    if question.shape == "parties":
        return "\n".join(f"{p.name}; {p.role}; {p.country}" for p in value)
    if question.shape == "person":
        return {part: getattr(value, part) or "" for part in PERSON_PARTS}
    return value


def section_fields(incident: Incident, key: str, lang: Language) -> list[dict[str, Any]]:
    """The inputs of one section: name, label, shape, options (key, label) and the current value."""
    fields = []
    for question in form_section(key).questions:
        choices = O.OPTION_LISTS[question.options] if question.options else {}
        fields.append({
            "name": question.path.split(".")[1], "path": question.path, "shape": question.shape,
            "label": question.nl if lang == "nl" else question.en,
            "options": [(option, O.label(choices, option, lang)) for option in choices],
            "value": _input_value(question, value_at(incident, question.path)),
        })
    return fields


def _first(values: Sequence[str]) -> str:
    return values[0].strip() if values else ""


def _parse(question: Question, name: str, submitted: Mapping[str, Sequence[str]]) -> Any:
    values = submitted.get(name, [])
    text = _first(values)
    shape = question.shape
    if shape == "choices":
        return [value for value in values if value]
    if shape == "flag":
        return text in ("1", "on", "true", "yes")
    if shape == "person":
        return {part: _first(submitted.get(f"{name}.{part}", [])) or None for part in PERSON_PARTS}
    if not text:
        return None
    if shape == "number":
        if not text.isdigit():
            raise FormInputError(f"{question.path}: {text!r} is not a whole number")
        return int(text)
    if shape == "moment":
        try:
            return datetime.fromisoformat(text).replace(tzinfo=LOCAL_ZONE)
        except ValueError:
            raise FormInputError(f"{question.path}: {text!r} is not a date and time") from None
    if shape == "list":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if shape == "parties":
        return [_party(question.path, line) for line in text.splitlines() if line.strip()]
    return text


def _party(path: str, line: str) -> dict[str, Any]:
    parts = [part.strip() for part in line.split(";")]
    role = parts[1] if len(parts) > 1 and parts[1] else "processor"
    if role not in O.PARTY_ROLE:
        raise FormInputError(f"{path}: role {role!r} is not one of {', '.join(O.PARTY_ROLE)}")
    party = {"name": parts[0], "role": role, "country": (parts[2] if len(parts) > 2 and parts[2] else "NL").upper()}
    Party.model_validate(party)  # a bad country code is named here, not later
    return party


def section_changes(key: str, submitted: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The changes to one section from submitted form values (every question of it, empty = open)."""
    section = form_section(key)
    model = Incident.model_fields[key].annotation
    defaults = {name: info.default for name, info in model.model_fields.items()}  # type: ignore[union-attr]
    fields: dict[str, Any] = {}
    for question in section.questions:
        name = question.path.split(".")[1]
        try:
            value = _parse(question, name, submitted)
        except ValueError as exc:
            raise FormInputError(str(exc)) from exc
        # An empty choice with a default ("not yet known", "controller") falls back to it.
        fields[name] = defaults.get(name) if value is None and defaults.get(name) is not None else value
    return {key: fields}
