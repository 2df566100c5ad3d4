"""Small readings of the statement that the draft register needs beyond the analyzer's facts.

The analyzer reports elements and facts; a register also needs a country, a version and date,
subject groups, the event a retention period runs from, and register words for vendor kinds.
Each helper here reads one such thing from a phrase and returns None when the text does not say
it clearly, so the draft can write a TODO instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from waarborg.register import taxonomy
from waarborg.register.retention import UNIT_WORDS
from waarborg.register.text import Language

from .model import Analysis, RetentionFact

LEGAL_BASES = ("consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests")

# --- the controller's country ---------------------------------------------------------------------

_NL_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b")
_BE_POSTCODE = re.compile(r"(?:\bB(?:E)?-)?\b[1-9]\d{3}\s+[A-Z][a-zà-ÿ]")
_COUNTRY_WORDS = {
    "NL": re.compile(r"Kamer van Koophandel|\bKvK\b|Autoriteit Persoonsgegevens|\bNederland\b|Netherlands", re.I),
    "BE": re.compile(r"Gegevensbeschermingsautoriteit|\bGBA\b|Privacycommissie|ondernemingsnummer|\bKBO\b|"
                     r"\bv\.?z\.?w\.?\b|\bBelgi(?:ë|e|um)\b", re.I),
}


def controller_country(analysis: Analysis, text: str) -> str | None:
    """NL or BE from postcodes, phone prefixes, registration, authority and words; None when unclear."""
    votes = {"NL": 0, "BE": 0}
    facts = analysis.facts
    for address in facts.addresses:
        if _NL_POSTCODE.search(address):
            votes["NL"] += 2
        elif _BE_POSTCODE.search(address):
            votes["BE"] += 2
    for phone in facts.phones:
        compact = re.sub(r"[^\d+]", "", phone)
        if compact.startswith(("+31", "0031")):
            votes["NL"] += 2
        elif compact.startswith(("+32", "0032")):
            votes["BE"] += 2
    for number in facts.registration_numbers:
        kind = number.get("kind")
        if kind in ("kvk", "kbo"):
            votes["NL" if kind == "kvk" else "BE"] += 2
    for country, words in _COUNTRY_WORDS.items():
        if words.search(facts.supervisory_authority or ""):
            votes[country] += 2
        votes[country] += min(len(words.findall(text)), 2)
    best = max(votes, key=lambda country: votes[country])
    return best if votes[best] > 0 and votes["NL"] != votes["BE"] else None


_ADDRESS = re.compile(
    r"^\s*(?P<street>[^,\n]*?\d+\s?[A-Za-z]?(?:\s?[-/]\s?\d+[A-Za-z]?)?(?:\s?(?:bus|bte)\s?\d+)?)[,\s]+"
    r"(?P<postal>[1-9]\d{3}\s?[A-Z]{2}|(?:B(?:E)?-)?[1-9]\d{3})\s+(?:te\s+)?(?P<city>[A-Za-zÀ-ÿ'][\w'À-ÿ. -]*?)\s*$"
)


def parse_address(raw: str) -> dict[str, str] | None:
    """'Bernagietuin 24, 7813 BV Emmen' -> street, postal_code, city; None when it does not fit."""
    match = _ADDRESS.match(" ".join(raw.replace("**", "").split()))
    if match is None:
        return None
    postal = match.group("postal").upper()
    if re.fullmatch(r"\d{4}[A-Z]{2}", postal):
        postal = f"{postal[:4]} {postal[4:]}"
    return {"street": match.group("street").strip(), "postal_code": postal, "city": match.group("city").strip()}


# --- statement version and date -------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}|(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})"
)
_DATE_LABEL = re.compile(
    r"(?:\bdatum|\bdate|laatst\s+(?:gewijzigd|bijgewerkt|aangepast|herzien)(?:\s+op)?|gewijzigd\s+op|"
    r"vastgesteld\s+op|last\s+(?:updated|modified|changed|revised)(?:\s+on)?|updated\s+on|effective\s+(?:from|as\s+of))"
    rf"\s*:?\s*{_DATE}",
    re.IGNORECASE,
)
_VERSION = re.compile(r"\b(?:versie|version)\s*:?\s*(\d+(?:\.\d+){0,2})\b", re.IGNORECASE)


def statement_version(text: str) -> str | None:
    """The statement's version number ('Versie: 7.0' -> '7.0')."""
    match = _VERSION.search(text.replace("**", ""))
    return match.group(1) if match else None


def statement_date(text: str) -> date | None:
    """The first labelled date ('Datum: 29 januari 2019', 'Last updated: March 3, 2024')."""
    for match in _DATE_LABEL.finditer(text.replace("**", "")):
        parsed = _parse_date(match.group(1))
        if parsed is not None:
            return parsed
    return None


def _parse_date(raw: str) -> date | None:
    words = raw.lower().replace(",", " ").split()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return date.fromisoformat(raw)
        if len(words) == 3 and words[1] in _MONTHS:
            return date(int(words[2]), _MONTHS[words[1]], int(words[0]))
        if len(words) == 3 and words[0] in _MONTHS:
            return date(int(words[2]), _MONTHS[words[0]], int(words[1]))
        day, month, year = (int(part) for part in re.split(r"[-/.]", raw))
        return date(year, month, day)
    except ValueError:
        return None


# --- subject groups -------------------------------------------------------------------------------

_GROUP_WORDS: dict[str, str] = {
    "member": r"\bleden\b|\blidmaatschap|\bmembers?\b|\bmembership",
    "volunteer": r"vrijwilliger|\bvolunteers?\b",
    "donor": r"donateur|\bdonors?\b|\bschenker|\bgevers?\b",
    "customer": r"\bklant(?:en)?\b|\bcustomers?\b|\bkoper|\bbuyers?\b",
    "website_visitor": r"\bbezoekers?\b|\bvisitors?\b",
    "newsletter_subscriber": r"nieuwsbrief|newsletter",
    "job_applicant": r"sollicit|\bapplicants?\b|werkzoekende|jobseeker|\bcandidates?\b|kandidaten",
    "course_participant": r"\bcursist|\bleerling|\bstudents?\b|\bpupils?\b|\bdeelnemers?\b|\bparticipants?\b",
    "exam_candidate": r"examenkandida|exam candidate",
    "coaching_client": r"\bcoachee",
}


def subject_groups(text: str) -> list[str]:
    """Subject-group keys whose words occur in the statement, in vocabulary order."""
    known = taxonomy.subject_groups()
    return [key for key, words in _GROUP_WORDS.items() if key in known and re.search(words, text, re.I)]


def own_websites(websites: list[str], emails: list[str], name: str | None) -> list[str]:
    """The websites that belong to the controller: same domain as its e-mail, or its name in the address."""
    domains = {email.rsplit("@", 1)[-1].lower() for email in emails if "@" in email}
    squeezed = re.sub(r"[^a-z0-9]", "", (name or "").lower())
    own: list[str] = []
    for site in websites:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", site.lower()).split("/")[0]
        if host in domains or (len(squeezed) >= 4 and squeezed in re.sub(r"[^a-z0-9]", "", host)):
            own.append(site)
    return own


_AUTHORITY_NAMES = re.compile(r"Autoriteit Persoonsgegevens|Gegevensbeschermingsautoriteit|Data Protection Authority|"
                              r"College bescherming persoonsgegevens|Privacycommissie", re.I)


def is_supervisory_authority(name: str) -> bool:
    """True for the data protection authorities, which a statement names for complaints, not as recipients."""
    return bool(_AUTHORITY_NAMES.search(name))


# --- recipients -----------------------------------------------------------------------------------

_ROLE_OF_KIND = {
    "processor": "processor", "hosting": "processor", "email": "processor", "analytics": "processor",
    "crm": "processor", "newsletter": "processor", "ict": "processor", "cloud": "processor",
    "accounting": "processor", "payroll": "processor",
    "advertising": "controller", "social": "controller", "payment": "controller",
    "authority": "public_authority",
    "controller": "controller", "joint_controller": "joint_controller", "sub_processor": "sub_processor",
    "public_authority": "public_authority",
}
_SERVICE_OF_KIND: dict[str, tuple[str, str]] = {
    "analytics": ("websitestatistieken", "website statistics"),
    "advertising": ("advertenties", "advertising"),
    "social": ("sociale media", "social media"),
    "payment": ("afhandeling van betalingen", "payment processing"),
    "authority": ("verstrekking op grond van de wet", "disclosure required by law"),
    "hosting": ("hosting", "hosting"),
    "email": ("verzenden van e-mail", "sending e-mail"),
    "newsletter": ("verzenden van de nieuwsbrief", "sending the newsletter"),
}


def recipient_role(kind: str) -> str | None:
    """The register role for the analyzer's vendor kind; None when the kind says nothing about it."""
    return _ROLE_OF_KIND.get(kind.lower())


def service_label(kind: str, lang: Language) -> str | None:
    """A short description of the service for a vendor kind, in the statement's language."""
    labels = _SERVICE_OF_KIND.get(kind.lower())
    return None if labels is None else labels[0 if lang == "nl" else 1]


def transfer_mechanism(country: str, analysis: Analysis, finding_ids: set[str]) -> str | None:
    """The safeguard the statement relies on for a transfer to `country`, when it says so."""
    if country == "US" and "privacy-shield" in finding_ids:
        return "privacy_shield"  # what the text relies on; `waarborg check` flags it
    result = analysis.elements.get("transfers")
    said = " ".join(item.text for item in result.evidence).lower() if result is not None else ""
    if country == "US" and "data privacy framework" in said:
        return "dpf"
    if country in taxonomy.ADEQUATE_COUNTRIES:
        return "adequacy"
    return None


# --- activities -----------------------------------------------------------------------------------

_EVENTS: tuple[tuple[str, str], ...] = (
    ("membership_ended", r"lidmaatschap|membership"),
    ("employment_ended", r"dienstverband|uit dienst|employment"),
    ("application_closed", r"sollicitatie|procedure|application|vacature|vacancy"),
    ("coaching_ended", r"coaching"),
    ("training_ended", r"training|cursus|course|lessen|lessons"),
    ("exam_taken", r"examen|exam"),
    ("financial_year_ended", r"boekjaar|financial year|fiscal year|belastingjaar|tax year"),
    ("last_contact", r"laatste contact|last contact"),
    ("event_held", r"evenement|bijeenkomst|event"),
    ("assignment_ended", r"opdracht|assignment|engagement"),
    ("account_closed", r"account"),
    ("contract_ended", r"overeenkomst|contract|samenwerking|relatie"),
    ("relationship_ended", r"relationship|klantrelatie"),
)
_AFTER = r"(?:\bna\b|\bafter\b|\bvanaf\b|\bfollowing\b|from the end of|since)"
_UNTIL_UNSUBSCRIBED = re.compile(
    r"(?:\btot\b|\buntil\b|\btill\b).{0,40}?(?:afmeld|uitschrijf|uitschrijv|unsubscrib|opzeg|opt[- ]out)", re.I
)


def retention_event(phrase: str) -> str | None:
    """The event a period runs from, or 'until_unsubscribed'; None when the phrase does not say."""
    if _UNTIL_UNSUBSCRIBED.search(phrase):
        return "until_unsubscribed"
    for event, words in _EVENTS:
        if re.search(rf"{_AFTER}[^.;]{{0,60}}?(?:{words})", phrase, re.I):
            return event
    return None


_FISCAL = re.compile(r"fisca|belasting|\btax\b|boekhoud|bookkeeping|accounting|administratie|wettelijk|by law|"
                     r"bewaarplicht|statutory", re.I)


def bases_for_retention(phrase: str) -> list[str]:
    """A retention phrase about fiscal or statutory keeping points at Art. 6(1)(c); else nothing is known."""
    return ["legal_obligation"] if _FISCAL.search(phrase) else []


_FILLER = frozenset(
    "de het een en van voor in op aan met die dat je jouw uw onze ons wij we door om als over bij tot "
    "the a an and of for in on to with your our we by as about from at".split()
)


def short_key(phrase: str, words: int = 3) -> str:
    """A register key from the first content words: 'Het coachingsverslag in het kader' -> 'coachingsverslag_kader'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode().lower()
    content = [word for word in re.findall(r"[a-z0-9]+", ascii_text) if word not in _FILLER]
    key = "_".join(content[:words])
    return key if key[:1].isalpha() else f"retention_{key}".rstrip("_")


def source_kind(phrase: str) -> str:
    """Where data come from, as the register's source kind."""
    if re.search(r"openbare|openbaar|public(?:ly)?\b|kadaster|handelsregister", phrase, re.I):
        return "public"
    if re.search(r"\bderden\b|third part|andere organisaties|other organisations|werkgever|employer|"
                 r"via (?:je|uw|your) (?:club|school|bond)|federation|federatie|bond", phrase, re.I):
        return "third_party"
    return "data_subject"


def provision_kind(phrase: str) -> str | None:
    """statutory, contract_condition or voluntary from a sentence about having to give data."""
    if re.search(r"niet verplicht|vrijwillig|voluntar|not (?:obliged|required|mandatory)|optional|optioneel",
                 phrase, re.I):
        return "voluntary"
    if re.search(r"wettelijk verplicht|wettelijke verplichting|required by law|statutory|legally required",
                 phrase, re.I):
        return "statutory"
    if re.search(r"overeenkomst|contract|inschrijving|lidmaatschap|membership|aanmelding|registration|order|"
                 r"bestelling", phrase, re.I):
        return "contract_condition"
    return None


_NEGATION = re.compile(r"\b(?:geen|niet|nooit|no|not|never|none)\b|n't\b", re.I)


def is_negated(phrase: str) -> bool:
    """True for 'we do not take automated decisions' / 'er is geen FG'."""
    return bool(_NEGATION.search(phrase))


# --- cookies --------------------------------------------------------------------------------------

_COOKIE_PURPOSES: tuple[tuple[str, str], ...] = (
    ("analytics", r"analytics|matomo|piwik|hotjar|plausible|statisti|_ga\b|_gid|clicky|simple ?analytics"),
    ("advertising", r"doubleclick|openx|adwords|google ads|\bads\b|advert|tracking|pixel|remarketing|criteo|"
                    r"retarget|marketing"),
    ("social_media", r"facebook|linkedin|twitter|instagram|youtube|vimeo|social|addthis|sharethis|tiktok"),
    ("preferences", r"voorkeur|preference|taal|language"),
    ("functional", r"functione|functional|noodzakelijk|necessary|essential|session|sessie|phpsessid|csrf|"
                   r"cookiebot|consent|winkelwagen|cart"),
)


def cookie_purpose(name: str) -> str | None:
    """The register's cookie purpose from a cookie or tool name; None when the name does not tell."""
    for purpose, words in _COOKIE_PURPOSES:
        if re.search(words, name, re.I):
            return purpose
    return None


# --- retention, grouped per kind of record --------------------------------------------------------


@dataclass(frozen=True)
class Keep:
    """What the statement says about keeping one kind of record: a period and the event it runs from."""

    subject: str
    value: int | None
    unit: str | None
    event: str | None  # a retention event key, 'until_unsubscribed', or None when the text does not say
    phrase: str  # the sentences that say it

    @property
    def bounded(self) -> bool:
        return (self.value is not None and self.unit is not None) or self.event == "until_unsubscribed"


def sentence_around(text: str, start: int, end: int, limit: int = 320) -> str:
    """The sentence (or list line) that contains text[start:end]."""
    if not (0 <= start <= end <= len(text)):
        return ""
    left = max((text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n", "; ")), default=-1)
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n", "; ")) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    sentence = text[left + 1 : right].strip()
    return sentence if len(sentence) <= limit else text[start:end]


def retention_groups(analysis: Analysis, text: str) -> list[Keep]:
    """The analyzer's retention facts merged per record kind, with the event read from the sentence."""
    groups: dict[str, list[RetentionFact]] = {}
    for fact in analysis.facts.retention_periods:
        groups.setdefault(fact.applies_to.strip().lower(), []).append(fact)
    keeps: list[Keep] = []
    for facts in groups.values():
        sentences = [sentence_around(text, f.evidence.start, f.evidence.end) or f.evidence.text for f in facts]
        phrase = " ".join(dict.fromkeys(sentence for sentence in sentences if sentence))
        valued = next((f for f in facts if f.value is not None and f.unit is not None), None)
        subject = facts[0].applies_to.strip().rstrip("…").strip()
        unit = UNIT_WORDS.get((valued.unit or "").lower()) if valued is not None else None
        keeps.append(Keep(subject, valued.value if valued else None, unit, retention_event(phrase), phrase))
    return keeps


def categories_named_in(phrase: str, keys: list[str]) -> list[str]:
    """Those category keys whose Dutch or English label occurs in the phrase."""
    lowered = phrase.lower()
    terms = taxonomy.data_categories()
    return [key for key in keys if key in terms
            and (terms[key].nl.lower() in lowered or terms[key].en.lower() in lowered)]
