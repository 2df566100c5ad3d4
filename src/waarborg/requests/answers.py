"""The mails that answer a requester: the ask for proof of identity, the extension with its
reasons, the refusal with its ground and the complaint route, and the answer to an erasure,
restriction, objection or rectification saying what was done and what was kept and why.

Each mail is written in the requester's language from the request's stored outcome (the engine's
result holds tables, columns, counts and the holds that kept data: never values), put in the
outbox linked to the request id (`OutboxMessage.request_id`) so the request's page shows every
mail sent for it, and noted in the audit trail (`request.mailed`, without the text). The
wording lives in `answer_text`; the builders here are pure (register + stored facts -> text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, object_session

from waarborg.audit import chain
from waarborg.datasets.identities import is_email_kind
from waarborg.office.mail import Mail, deliver
from waarborg.office.settings import mail_settings_from_env
from waarborg.register import Register
from waarborg.register.text import Language
from waarborg.register.wording import long_date
from waarborg.store.intake_models import RequestIntake
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import unseal
from waarborg.workspace import Workspace

from . import answer_text as T
from . import letter_text
from .letter import table_words

# The kinds the engine runs from the CLI or API with what they ask; their answer is sent from the
# request's page once the run has settled.
ANSWERED_AFTERWARDS = ("rectify", "restrict", "object")


class AnswerError(ValueError):
    """No answer can be sent for this request now (its kind or state); nothing was mailed."""


@dataclass(frozen=True)
class Addressee:
    """Where and in which language a requester is answered (no address: the office posts it)."""

    email: str | None
    lang: Language


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str


def addressee(workspace: Workspace, request: DataSubjectRequest, session: Session | None = None) -> Addressee:
    """The requester's e-mail address and language: those given in the public centre
    (`RequestIntake`), else the identity when it is an e-mail address, in the register's language.
    Pass the session of an open transaction to read within it."""
    if session is None:
        with workspace.store.session() as own:
            return addressee(workspace, request, own)
    key = workspace.erasure_key()
    intake = session.get(RequestIntake, request.id)
    if intake is not None:
        given = json.loads(unseal(key, intake.identities_sealed))
        lang: Language = "en" if intake.language == "en" else "nl"
        return Addressee(next((v for k, v in given.items() if is_email_kind(k)), None), lang)
    email = unseal(key, request.identity_sealed) if is_email_kind(request.identity_kind) else None
    return Addressee(email, workspace.register.language)


def _frame(register: Register, request: DataSubjectRequest, lang: Language, kind_of_mail: str,
           paragraphs: Sequence[str]) -> Letter:
    """Subject, salutation, what was asked when, the paragraphs, and the controller's name."""
    reference = request.id[:8]
    received = T.RECEIVED[lang].format(received=long_date(request.received_at.date(), lang),
                                       kind=T.KIND[request.kind][lang], reference=reference)
    body = "\n\n".join([T.SALUTATION[lang], received, *paragraphs,
                        f"{T.CLOSING[lang]}\n{register.controller.full_name}"]) + "\n"
    return Letter(T.SUBJECT[kind_of_mail][lang].format(reference=reference), body)


def identity_letter(register: Register, request: DataSubjectRequest, lang: Language) -> Letter:
    """Art. 12(6): the ask for proof of identity (the deadline stands still meanwhile)."""
    return _frame(register, request, lang, "identity", [T.IDENTITY[lang]])


def extension_letter(register: Register, request: DataSubjectRequest, reasons: str, lang: Language) -> Letter:
    """Art. 12(3): the extension, its reasons and the new deadline."""
    text = T.EXTENSION[lang].format(months=request.extension_months, reasons=reasons.strip(),
                                    due=long_date(request.due_at.date(), lang))
    return _frame(register, request, lang, "extension", [text])


def refusal_letter(register: Register, request: DataSubjectRequest, note: str, lang: Language) -> Letter:
    """Art. 12(4): not acting, why, and the complaint route of the controller's country."""
    ground = T.REFUSAL_GROUND[request.refusal_ground or "manifestly_unfounded"][lang]
    return _frame(register, request, lang, "refusal", [T.REFUSAL[lang].format(ground=ground),
                                                       T.REFUSAL_NOTE[lang].format(note=note.strip()),
                                                       complaint_text(register, lang)])


def complaint_text(register: Register, lang: Language) -> str:
    """The supervisory authority of the controller's country (NL: AP, BE: GBA), or a general line."""
    authority = register.authority()
    if authority is None:
        return T.COMPLAINT_GENERIC[lang]
    name = authority["name_nl"] if lang == "nl" else authority["name_en"]
    return T.COMPLAINT[lang].format(authority=name, address=authority["address"], website=authority["website"])


def download_letter(register: Register, request: DataSubjectRequest, link: str, expires: datetime,
                    lang: Language) -> Letter:
    """The link to the access or portability package: single use, until it expires."""
    text = T.DOWNLOAD_LINK[lang].format(link=link, expires=long_date(expires.date(), lang))
    return _frame(register, request, lang, "download", [T.DOWNLOAD[request.kind][lang], text])


def outcome_letter(register: Register, request: DataSubjectRequest, lang: Language) -> Letter | None:
    """What was done (and kept, and why) for an erasure, restriction, objection or rectification;
    None for kinds answered otherwise (access and portability: the package)."""
    result = request.result or {}
    if request.kind == "erase":
        return _frame(register, request, lang, "answer", erasure_paragraphs(register, result, lang))
    if request.kind == "restrict":
        return _frame(register, request, lang, "answer", [_restriction_text(result, lang)])
    if request.kind == "object":
        weighed = result.get("to_weigh") or []
        paragraphs = [T.OBJECTION_MARKETING[lang]] if result.get("direct_marketing") else []
        if weighed:
            names = ", ".join(_activity_name(register, key, lang) for key in weighed)
            paragraphs.append(T.OBJECTION_WEIGHED[lang].format(activities=names,
                                                               due=long_date(request.due_at.date(), lang)))
        return _frame(register, request, lang, "pending" if weighed else "answer", paragraphs)
    if request.kind == "rectify":
        return _frame(register, request, lang, "answer", rectification_paragraphs(register, result, lang))
    return None


def erasure_paragraphs(register: Register, result: dict[str, Any], lang: Language) -> list[str]:
    """What went (per kind of data, deleted or masked) and what stays under which hold until when."""
    erased: dict[tuple[str, str], int] = {}
    for item in result.get("erased", []):
        if item.get("rows"):
            what = _fields(register, item["table"], item.get("columns") or [], lang)
            erased[(what, item["action"])] = erased.get((what, item["action"]), 0) + int(item["rows"])
    lines = [T.ERASED_LINE[lang].format(what=what, rows=rows, action=T.ERASED_ACTION[action][lang])
             for (what, action), rows in erased.items()]
    paragraphs = ["\n".join([T.ERASED_INTRO[lang], *lines]) if lines else T.NOTHING_ERASED[lang]]
    kept = [_kept_line(register, k, lang) for k in result.get("kept", [])]
    if kept:
        paragraphs.append("\n".join([T.KEPT_INTRO[lang], *dict.fromkeys(kept)]))
    if result.get("suppressed"):
        paragraphs.append(T.SUPPRESSED[lang])
    if lines:
        paragraphs.append(T.RECIPIENTS_TOLD[lang])
    return paragraphs


def _kept_line(register: Register, kept: dict[str, Any], lang: Language) -> str:
    what = _fields(register, kept["table"], kept.get("columns") or [], lang)
    if kept.get("activity") == "binding":  # the register never erases this field (an identifier)
        return T.KEPT_REFERENCE[lang].format(what=what)
    basis = letter_text.BASIS[kept["basis"]][lang] if kept.get("basis") in letter_text.BASIS else \
        letter_text.NO_BASIS[lang]
    ground = T.KEPT_GROUND[kept["ground"]][lang] if kept.get("ground") in T.KEPT_GROUND else ""
    until = kept.get("until")
    until_text = T.KEPT_UNTIL[lang].format(until=long_date(datetime.fromisoformat(until).date(), lang)) \
        if until else ""
    return T.KEPT_LINE[lang].format(what=what, activity=_activity_name(register, kept["activity"], lang),
                                    basis=basis, ground=ground, until=until_text)


def _fields(register: Register, qualified: str, columns: Sequence[str], lang: Language) -> str:
    """'e-mailadres, telefoonnummer (Ledenadministratie)': the kinds of data of the columns and what
    the table is used for; the whole table's description when no columns are named (a deleted row)."""
    system, _, table = qualified.partition(".")
    database = register.systems[system].database if system in register.systems else None
    binding = database.tables.get(table) if database is not None else None
    if binding is None or not columns:
        return _data_of(register, qualified, lang)
    labels = [register.category_label(binding.columns[c].category, lang) for c in columns if c in binding.columns]
    used_for = table_words(register, system, table, lang)[0]
    return f"{', '.join(dict.fromkeys(labels))} ({', '.join(used_for)})" if used_for else ", ".join(labels)


def rectification_paragraphs(register: Register, result: dict[str, Any], lang: Language) -> list[str]:
    """Which data were corrected, named by what they are used for (never the values)."""
    changed: dict[str, int] = {}
    for target, rows in (result.get("updated") or {}).items():
        if rows:
            table, _, column = target.rpartition(".")
            what = _fields(register, table, [column], lang)
            changed[what] = changed.get(what, 0) + int(rows)
    if not changed:
        return [T.NOTHING_RECTIFIED[lang]]
    lines = [T.RECTIFIED_LINE[lang].format(what=what, rows=rows) for what, rows in changed.items()]
    return ["\n".join([T.RECTIFIED_INTRO[lang], *lines]), T.RECIPIENTS_TOLD[lang]]


def _restriction_text(result: dict[str, Any], lang: Language) -> str:
    if not result.get("restricted", True):
        return T.RESTRICTION_LIFTED[lang]
    return T.RESTRICTED[lang] if result.get("changed", True) else T.RESTRICTED_ALREADY[lang]


def _data_of(register: Register, qualified: str, lang: Language) -> str:
    """`crm.persons` -> 'gegevens voor Ledenadministratie': what the data are used for."""
    system, _, table = qualified.partition(".")
    used_for = table_words(register, system, table, lang)[0] if system in register.systems else []
    if not used_for and system in register.systems:
        used_for = [register.systems[system].name.get(lang, register.language)]
    return T.DATA_IN[lang].format(used_for=", ".join(used_for) or qualified)


def _activity_name(register: Register, key: str, lang: Language) -> str:
    activity = register.activities.get(key)
    return activity.name.get(lang, register.language) if activity is not None else key


def send_letter(session: Session, workspace: Workspace, request: DataSubjectRequest, letter: Letter,
                what: str, actor: str, now: datetime) -> int:
    """Put one answer in the outbox (or send it), linked to the request; audit that it went. Its id."""
    to = addressee(workspace, request, session)
    smtp_url, sender, _base = mail_settings_from_env(workspace.env, workspace.register.controller.email)
    message = deliver(session, Mail(to.email or "", letter.subject, letter.body, request_id=request.id),
                      smtp_url, sender, now)
    chain.append(session, actor, "request.mailed", {"request_id": request.id, "mail": what,
                                                    "outbox_id": message.id, "delivery": message.status})
    return message.id


def mail_about(workspace: Workspace, request_id: str, what: str, actor: str, now: datetime) -> int | None:
    """Write the mail `what` (identity | extension | refusal | outcome) for a stored request; its
    outbox id, or None when the outcome needs no mail of its own (access, portability)."""
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise LookupError(f"no request {request_id!r}")
        letter = _letter(workspace, request, what)
        return None if letter is None else send_letter(session, workspace, request, letter, what, actor, now)


def send_outcome(workspace: Workspace, request_id: str, actor: str, now: datetime) -> int:
    """Mail what came of a rectification, restriction or objection that ran (CLI or API)."""
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise AnswerError(f"no request {request_id!r}")
        if request.kind not in ANSWERED_AFTERWARDS or request.status not in ("completed", "in_progress") \
                or not request.result:
            raise AnswerError(f"a {request.kind} request that is {request.status} has no outcome to answer with "
                              "here: the office answers access, portability and erasure when it runs them")
    outbox_id = mail_about(workspace, request_id, "outcome", actor, now)
    assert outbox_id is not None  # every kind of ANSWERED_AFTERWARDS has an outcome letter
    return outbox_id


def _letter(workspace: Workspace, request: DataSubjectRequest, what: str) -> Letter | None:
    register, key = workspace.register, workspace.erasure_key()
    lang = addressee(workspace, request, object_session(request)).lang
    if what == "identity":
        return identity_letter(register, request, lang)
    if what == "extension":
        reasons = unseal(key, request.extension_reasons_sealed) if request.extension_reasons_sealed else ""
        return extension_letter(register, request, reasons, lang)
    if what == "refusal":
        note = unseal(key, request.refusal_note_sealed) if request.refusal_note_sealed else ""
        return refusal_letter(register, request, note, lang)
    if what == "outcome":
        return outcome_letter(register, request, lang)
    raise ValueError(f"unknown mail {what!r}")
