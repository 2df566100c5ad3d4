"""The message to the people affected (Art. 34): in clear language, with at least what Art. 34(2)
requires — what happened, the contact point (33(3)(b)), the likely consequences (33(3)(c)) and the
measures taken or proposed, including what people can do themselves (33(3)(d)).

Pure: `people_letter` builds plain data from a breach; the templates turn it into a letter (HTML,
PDF) or an e-mail (text). The officer's own message (section 8, "what did you tell them") is used
for what happened when given, since the summary for the authority is often not written for them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from waarborg.register.text import Language
from waarborg.register.wording import long_date

from . import options as O
from .belgium import AUTHORITY_NAMES
from .incident import LOCAL_ZONE
from .records import BreachView
from .render import environment

LETTER_WORDS: dict[str, dict[Language, str]] = {
    "subject": {"nl": "Uw persoonsgegevens zijn betrokken bij een datalek",
                "en": "Your personal data were involved in a data breach"},
    "salutation": {"nl": "Beste heer, mevrouw,", "en": "Dear Sir or Madam,"},
    "intro": {"nl": "Wij moeten u helaas laten weten dat er bij {org} een datalek is geweest waarbij ook uw "
                    "persoonsgegevens betrokken zijn. In deze brief leest u wat er is gebeurd, wat de gevolgen "
                    "kunnen zijn en wat wij en u eraan kunnen doen.",
              "en": "We regret to tell you that {org} has had a data breach that involves your personal data. "
                    "This letter tells you what happened, what the consequences may be and what we and you can do."},
    "what": {"nl": "Wat is er gebeurd?", "en": "What happened?"},
    "when": {"nl": "Wij ontdekten het datalek op {date}.", "en": "We discovered the breach on {date}."},
    "data": {"nl": "Om welke gegevens gaat het?", "en": "Which data are involved?"},
    "consequences": {"nl": "Wat kunnen de gevolgen voor u zijn?", "en": "What could this mean for you?"},
    "measures": {"nl": "Wat hebben wij gedaan?", "en": "What have we done?"},
    "planned": {"nl": "Wat gaan wij nog doen?", "en": "What will we still do?"},
    "advice": {"nl": "Wat kunt u zelf doen?", "en": "What can you do yourself?"},
    "contact": {"nl": "Vragen?", "en": "Questions?"},
    "contact_text": {"nl": "Met vragen kunt u terecht bij {who}.",
                     "en": "If you have questions, please contact {who}."},
    "complaint": {"nl": "Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij "
                        "de {authority}.",
                  "en": "If you disagree with how we handle your data, you can complain to the {authority}."},
    "sorry": {"nl": "Het spijt ons dat dit is gebeurd.", "en": "We are sorry that this happened."},
    "closing": {"nl": "Met vriendelijke groet,", "en": "Kind regards,"},
    "reference": {"nl": "Kenmerk", "en": "Reference"},
    "date": {"nl": "Datum", "en": "Date"},
    "no_harm": {"nl": "Wij verwachten geen grote gevolgen, maar willen u er toch over informeren.",
                "en": "We do not expect serious consequences, but we want you to know."},
}

ADVICE: dict[str, dict[Language, str]] = {
    "access": {"nl": "Verander uw wachtwoord, ook bij andere diensten waar u hetzelfde wachtwoord gebruikt.",
               "en": "Change your password, also for other services where you use the same password."},
    "financial": {"nl": "Controleer uw bankafschriften. Ziet u een afschrijving die u niet herkent, neem dan contact "
                        "op met uw bank.",
                  "en": "Check your bank statements. If you see a payment you do not recognise, contact your bank."},
    "phishing": {"nl": "Wees alert op e-mails, sms'jes en telefoontjes die om gegevens of een betaling vragen. Klik "
                       "niet op links en geef geen codes door; wij vragen u daar nooit om.",
                 "en": "Be alert to e-mails, text messages and calls asking for details or a payment. Do not click "
                       "links or pass on codes; we will never ask you for them."},
    "identity": {"nl": "Let op post of berichten over leningen, abonnementen of aankopen die u niet zelf heeft "
                       "gedaan. Merkt u zoiets, doe dan aangifte bij de politie en laat het ons weten.",
                 "en": "Watch for post or messages about loans, subscriptions or purchases you did not make. If "
                       "you notice any, report it to the police and let us know."},
}


def _advice(view: BreachView) -> list[str]:
    kinds, harms = set(view.incident.data.kinds), set(view.incident.consequences.harms)
    keys = []
    if "access" in kinds:
        keys.append("access")
    if "financial" in kinds:
        keys.append("financial")
    if "spam_phishing" in harms or {"email", "phone"} & kinds:
        keys.append("phishing")
    if "identity_fraud" in harms or {"bsn", "id_copy"} & kinds:
        keys.append("identity")
    return keys


def people_letter(view: BreachView, *, organisation: str, country: str, lang: Language,
                  written: date) -> dict[str, Any]:
    """The letter's contents as plain data, in `lang`."""
    incident = view.incident
    words = {key: value[lang] for key, value in LETTER_WORDS.items()}
    contact = incident.organisation.contact
    who = ", ".join(part for part in (contact.name, contact.function, contact.phone, contact.email) if part)
    harms = [O.label(O.HARM, harm, lang) for harm in incident.consequences.harms if harm != "other"]
    if incident.consequences.harm_other:
        harms.append(incident.consequences.harm_other)
    authority = AUTHORITY_NAMES["AP" if country == "NL" else "GBA"][lang]
    discovered = view.aware_at.astimezone(LOCAL_ZONE).date()
    return {
        "lang": lang, "organisation": organisation, "reference": view.reference,
        "date": long_date(written, lang), "words": words,
        "intro": words["intro"].format(org=organisation),
        "what": incident.follow_up.message or incident.what.summary or "",
        "when": words["when"].format(date=long_date(discovered, lang)),
        "data": [O.label(O.DATA_KIND, kind, lang) for kind in incident.data.kinds],
        "harms": harms, "consequences": incident.consequences.consequences,
        "measures": incident.follow_up.measures, "planned": incident.follow_up.measures_planned,
        "advice": [ADVICE[key][lang] for key in _advice(view)],
        "contact": words["contact_text"].format(who=who or organisation),
        "complaint": words["complaint"].format(authority=authority),
    }


def render_letter_html(letter: dict[str, Any]) -> str:
    from .render import css

    return environment().get_template("people_letter.html.j2").render(letter=letter, css=css())


def render_letter_text(letter: dict[str, Any]) -> str:
    """The same message as a plain-text e-mail body."""
    return environment().get_template("people_letter.txt.j2").render(letter=letter)
