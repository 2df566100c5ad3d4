"""Proof of consent for one person (Art. 7(1)): every event of the ledger, as JSON and as a PDF.

The proof names the person by the identity the caller looked them up with (the store holds only
its hash), then lists for each event: the activity, given or withdrawn, when, how, the statement
version shown at that moment and the evidence; and the state that follows from it today.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.register.text import Language
from waarborg.register.wording import long_date
from waarborg.store.models import utcnow

from .ledger import Person, events_of, fact_of
from .state import current_state

WORDS: dict[str, dict[Language, str]] = {
    "title": {"nl": "Bewijs van toestemming", "en": "Proof of consent"},
    "intro": {
        "nl": "Dit overzicht toont elke toestemming die {person} aan {controller} gaf of introk, zoals "
              "vastgelegd in het toestemmingsregister (artikel 7, lid 1, AVG).",
        "en": "This overview shows every consent {person} gave to or withdrew from {controller}, as "
              "recorded in the consent ledger (Article 7(1) GDPR).",
    },
    "made": {"nl": "Opgemaakt op", "en": "Made on"},
    "current": {"nl": "Stand van vandaag", "en": "As it stands today"},
    "events": {"nl": "Alle vastgelegde gebeurtenissen", "en": "Every recorded event"},
    "activity": {"nl": "Verwerking", "en": "Activity"},
    "action": {"nl": "Handeling", "en": "Action"},
    "at": {"nl": "Moment", "en": "Moment"},
    "method": {"nl": "Hoe", "en": "How"},
    "version": {"nl": "Versie privacyverklaring", "en": "Privacy statement version"},
    "evidence": {"nl": "Bewijs", "en": "Evidence"},
    "none": {"nl": "Er is geen toestemming vastgelegd.", "en": "No consent has been recorded."},
    "given": {"nl": "gegeven", "en": "given"},
    "withdrawn": {"nl": "ingetrokken", "en": "withdrawn"},
    "web_form": {"nl": "webformulier", "en": "web form"},
    "import": {"nl": "import", "en": "import"},
    "paper": {"nl": "op papier", "en": "on paper"},
    "api": {"nl": "koppeling (API)", "en": "API"},
}


@dataclass(frozen=True)
class ProofEvent:
    purpose: str
    activity: str
    action: str
    at: str
    method: str
    statement_version: str
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Proof:
    """Everything the proof shows; `to_json` is the machine-readable form."""

    identity_kind: str
    identity: str
    controller: str
    made_at: str
    current: dict[str, str]  # purpose -> given | withdrawn
    events: list[ProofEvent]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False, sort_keys=True)


def build_proof(
    session: Session, key: bytes, register: Register, person: Person, lang: Language = "nl",
    now: datetime | None = None,
) -> Proof:
    """The proof of consent of one person, activity names in `lang`."""
    events = events_of(session, person.hashed(key))
    state = current_state(fact_of(event) for event in events)
    return Proof(
        identity_kind=person.kind,
        identity=person.value.strip(),
        controller=register.controller.name,
        made_at=(now or utcnow()).isoformat(timespec="seconds"),
        current={purpose: fact.action for purpose, fact in sorted(state.items())},
        events=[
            ProofEvent(e.purpose, _activity_name(register, e.purpose, lang), e.action,
                       e.at.isoformat(timespec="seconds"), e.method, e.statement_version, dict(e.evidence))
            for e in events
        ],
    )


def _activity_name(register: Register, purpose: str, lang: Language) -> str:
    activity = register.activities.get(purpose)
    # An activity removed from the register since: the proof still names the key it was given for.
    return purpose if activity is None else activity.name.get(lang, register.language)


def render_proof_html(proof: Proof, lang: Language) -> str:
    environment = Environment(
        loader=PackageLoader("waarborg.consent", "templates"), autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    words = {key: value[lang] for key, value in WORDS.items()}
    intro = words["intro"].format(person=proof.identity, controller=proof.controller)
    template = environment.get_template("proof.html.j2")
    return template.render(proof=proof, words=words, intro=intro, lang=lang, evidence=_evidence_lines,
                           moment=lambda iso: _moment(iso, lang))


def _evidence_lines(evidence: dict[str, Any], prefix: str = "") -> list[str]:
    """Nested evidence as readable lines: ``confirmation.kind: double_opt_in``."""
    lines: list[str] = []
    for name, value in sorted(evidence.items()):
        if isinstance(value, dict):
            lines.extend(_evidence_lines(value, f"{prefix}{name}."))
        else:
            lines.append(f"{prefix}{name}: {value}")
    return lines


def _moment(iso: str, lang: Language) -> str:
    """'2026-03-01T10:00:00+00:00' -> '1 maart 2026, 10:00 UTC'."""
    at = datetime.fromisoformat(iso)
    return f"{long_date(at.date(), lang)}, {at:%H:%M} UTC"


def render_proof_pdf(proof: Proof, lang: Language) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    pdf: bytes = HTML(string=render_proof_html(proof, lang)).write_pdf()
    return pdf
