"""The notification and the breach register as HTML and PDF (Jinja2 templates, WeasyPrint).

Templates receive plain data (`document.notification_document`), so what the PDF shows is what
the JSON export holds. WeasyPrint is imported only when a PDF is asked for: it is slow to load.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from waarborg.register.text import Language

WORDS: dict[str, dict[Language, str]] = {
    "to": {"nl": "Aan:", "en": "To:"},
    "verify_authority": {"nl": "bevoegdheid controleren", "en": "verify competence"},
    "draft": {"nl": "Concept", "en": "Draft"},
    "reference": {"nl": "Kenmerk", "en": "Reference"},
    "status": {"nl": "Status", "en": "Status"},
    "follows": {"nl": "vervolg op", "en": "follows"},
    "authority_reference": {"nl": "meldnummer", "en": "authority's number"},
    "aware": {"nl": "Ontdekt", "en": "Became aware"},
    "deadline": {"nl": "Uiterste meldtermijn", "en": "Deadline"},
    "clock": {"nl": "72-uursklok", "en": "72-hour clock"},
    "notified": {"nl": "Gemeld op", "en": "Notified on"},
    "art33": {"nl": "Art. 33 lid 1 AVG: binnen 72 uur melden", "en": "Art. 33(1) GDPR: notify within 72 hours"},
    "aid": {"nl": "Beoordeling (hulpmiddel)", "en": "Assessment (decision aid)"},
    "score": {"nl": "ernstscore", "en": "severity score"},
    "decision": {"nl": "Besluit", "en": "Decision"},
    "reasons": {"nl": "Redenen", "en": "Reasons"},
    "no_decision": {"nl": "De privacy officer heeft nog geen besluit genomen.",
                    "en": "The privacy officer has not decided yet."},
    "open": {"nl": "nog niet beantwoord", "en": "not answered yet"},
    "gba_verify": {"nl": "Ingedeeld volgens het meldformulier van de Gegevensbeschermingsautoriteit; controleer de "
                         "indeling met het actuele formulier.",
                   "en": "Arranged as the Belgian authority's notification form; check the arrangement against its "
                         "current form."},
    "phases": {"nl": "Vervolgmeldingen", "en": "Follow-ups"},
}


def _escapes_html(name: str | None) -> bool:
    # HTML templates escape what they show; the plain-text e-mail must not (it would show &#39;).
    return name is not None and ".html" in name


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("waarborg.breaches", "templates"),
        autoescape=_escapes_html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def css() -> str:
    env = environment()
    return env.loader.get_source(env, "breach.css")[0]  # type: ignore[union-attr]


def words(lang: Language) -> dict[str, str]:
    return {key: value[lang] for key, value in WORDS.items()}


def render_notification_html(document: dict[str, Any], organisation: str) -> str:
    """The notification as a standalone HTML page."""
    template = environment().get_template("notification.html.j2")
    return template.render(doc=document, organisation=organisation, words=words(document["language"]), css=css())


def html_to_pdf(html: str) -> bytes:
    """An HTML page printed to A4."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
