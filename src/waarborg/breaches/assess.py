"""The decision aid: a short, explained assessment of the risk a breach poses to the people, and a
proposal — no notification, notify the authority, or also tell the people (Art. 33, 34).

Pure. The score follows the severity method ENISA published for personal-data breaches (2013),
which the EDPB's guidelines (9/2022; examples 01/2021) build on, with the EDPB's factors named:

    severity = data context (DPC) x ease of identification (EI) x exposure + circumstances (CB)
               + volume + consequences

- DPC, the kind of data (1 simple, 2 access data, 3 financial/BSN/ID copies, 4 special or
  criminal), one step higher for children or vulnerable people (EDPB: special characteristics);
- EI, how easily the data point to a person (1 directly ... 0.25 unintelligible with a safe key);
- exposure (Waarborg's addition after the EDPB's ransomware examples): 1 when confidentiality or
  integrity was lost, 0.75 for a loss of availability only, 0.25 when that was restored quickly;
- CB, the circumstances: confidentiality lost (+0.25, +0.25 more to unknown recipients),
  integrity lost (+0.25), availability lost and not restored (+0.25), malice (+0.5);
- volume (Waarborg's choice, verify): +0.5 at 1,000 people or more;
- consequences the officer foresees: +0.5 for identity fraud, damage to health or stigma.

Below 2 the risk is unlikely (no notification, documented: Art. 33(5)); 2 to 3 a risk (notify
the authority); 3 and above a high risk (also tell the people, Art. 34(1)), unless an Art. 34(3)
exception holds. A processor always tells its controllers (Art. 33(2) has no threshold). The
proposal is advice: the officer decides, and both are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from waarborg.register.text import Language

from .incident import Incident

Risk = Literal["unlikely", "risk", "high"]
Proposal = Literal["none", "authority", "authority_and_people", "authority_and_public", "controllers"]
Exception34 = Literal["unintelligible", "risk_removed", "disproportionate_effort"]

VOLUME_THRESHOLD = 1_000

_DPC_BY_KIND: dict[str, int] = {
    "name_address": 1, "phone": 1, "email": 1, "demographic": 1, "other": 1, "access": 2,
    "financial": 3, "bsn": 3, "id_copy": 3, "special": 4, "criminal": 4,
}
_DIRECT_IDENTIFIERS = frozenset({"name_address", "phone", "email", "bsn", "id_copy"})
_UNKNOWN_RECIPIENTS = frozenset({"hacking", "published", "device_lost", "paper_lost"})
_SEVERE_HARMS = frozenset({"identity_fraud", "health", "stigma_exclusion"})


@dataclass(frozen=True)
class Factor:
    """One line of the explanation: which factor, what it added, why (in Dutch and English)."""

    key: str
    value: float
    nl: str
    en: str

    def text(self, lang: Language) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass
class Assessment:
    """The score, its factors, the risk and the proposal, each explained."""

    score: float
    risk: Risk
    proposal: Proposal
    exception: Exception34 | None = None
    factors: list[Factor] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The assessment as stored next to the incident (no personal data: keys and numbers only)."""
        return {"score": self.score, "risk": self.risk, "proposal": self.proposal, "exception": self.exception,
                "factors": [{"key": f.key, "value": f.value} for f in self.factors]}


def assess(incident: Incident) -> Assessment:
    """The explained proposal for an incident; unanswered questions are assumed the cautious way."""
    factors = [_data_context(incident), _identification(incident), _exposure(incident)]
    factors += _circumstances(incident) + _volume(incident) + _consequences(incident)
    score = round(factors[0].value * factors[1].value * factors[2].value + sum(f.value for f in factors[3:]), 2)
    risk: Risk = "unlikely" if score < 2 else "risk" if score < 3 else "high"
    if incident.organisation.role == "processor":
        return Assessment(score, risk, "controllers", None, factors)
    proposal, exception = _proposal(incident, risk)
    return Assessment(score, risk, proposal, exception, factors)


def _data_context(incident: Incident) -> Factor:
    kinds = incident.data.kinds
    base = max((_DPC_BY_KIND[kind] for kind in kinds), default=2)
    vulnerable = bool({"minors", "vulnerable"} & set(incident.people.characteristics))
    value = min(4, base + (1 if vulnerable else 0))
    if not kinds:
        return Factor("data_context", value,
                      "Soort gegevens nog onbekend: voorzichtig beoordeeld als toegangsgegevens.",
                      "Kind of data not yet known: assessed cautiously as access data.")
    nl = f"Soort gegevens: zwaarte {base} van 4"
    en = f"Kind of data: weight {base} of 4"
    if vulnerable:
        nl, en = nl + ", één stap hoger omdat het kinderen of kwetsbare personen betreft", \
            en + ", one step higher because children or vulnerable people are concerned"
    return Factor("data_context", value, nl + ".", en + ".")


def _identification(incident: Incident) -> Factor:
    protection = incident.protection
    if _protected(incident):
        return Factor("identification", 0.25,
                      "De gegevens zijn onbegrijpelijk voor onbevoegden en de sleutel is veilig.",
                      "The data are unintelligible to unauthorised people and the key is safe.")
    direct = bool(_DIRECT_IDENTIFIERS & set(incident.data.kinds)) or not incident.data.kinds
    value = 1.0 if direct else 0.5
    if protection.unintelligible == "partly":
        value -= 0.25
    nl = "Personen zijn direct herkenbaar" if direct else "Personen zijn alleen met moeite herkenbaar"
    en = "People can be identified directly" if direct else "People can be identified only with effort"
    if protection.unintelligible == "partly":
        nl, en = nl + " (deels versleuteld)", en + " (partly encrypted)"
    return Factor("identification", value, nl + ".", en + ".")


def _protected(incident: Incident) -> bool:
    """Wholly unintelligible with a safe key: nobody can read the data (EDPB 9/2022, Art. 34(3)(a))."""
    return incident.protection.unintelligible == "yes" and not incident.protection.key_compromised


def _lost_confidentiality(incident: Incident) -> bool:
    if _protected(incident):
        return False
    nature = set(incident.what.nature)
    return incident.consequences.confidentiality or bool(nature & {"read", "copied", "stolen", "unknown"}) \
        or not nature


def _lost_integrity(incident: Incident) -> bool:
    return incident.consequences.integrity or "altered" in incident.what.nature


def _lost_availability(incident: Incident) -> bool:
    return incident.consequences.availability or "deleted" in incident.what.nature


def _exposure(incident: Incident) -> Factor:
    if _lost_confidentiality(incident) or _lost_integrity(incident):
        return Factor("exposure", 1.0, "Vertrouwelijkheid of juistheid van de gegevens is aangetast.",
                      "The confidentiality or integrity of the data was affected.")
    if incident.consequences.availability_restored:
        return Factor("exposure", 0.25, "Alleen de beschikbaarheid was aangetast en is snel hersteld.",
                      "Only availability was affected, and it was restored quickly.")
    return Factor("exposure", 0.75, "Alleen de beschikbaarheid is aangetast.", "Only availability was affected.")


def _circumstances(incident: Incident) -> list[Factor]:
    found: list[Factor] = []
    kind = incident.what.incident_kind
    if _lost_confidentiality(incident):
        unknown = kind in _UNKNOWN_RECIPIENTS or kind is None
        found.append(Factor("confidentiality", 0.5 if unknown else 0.25,
                            "Onbevoegden konden de gegevens zien" + (", mogelijk onbekend wie." if unknown else "."),
                            "Unauthorised people could see the data" + (", possibly unknown who." if unknown else ".")))
    if _lost_integrity(incident):
        found.append(Factor("integrity", 0.25, "Gegevens zijn veranderd.", "Data were altered."))
    if _lost_availability(incident) and not incident.consequences.availability_restored:
        found.append(Factor("availability", 0.25, "Gegevens zijn (nog) niet beschikbaar.",
                            "Data are not (yet) available."))
    if kind == "hacking" or ("stolen" in incident.what.nature and not _protected(incident)):
        found.append(Factor("malice", 0.5, "Er is opzet in het spel (hacking, diefstal).",
                            "Malice is involved (hacking, theft)."))
    return found


def _volume(incident: Incident) -> list[Factor]:
    people = incident.people.maximum
    if people is None or people < VOLUME_THRESHOLD:
        return []
    nl = f"Het gaat om maximaal {people:,} personen ({VOLUME_THRESHOLD:,} of meer).".replace(",", ".")
    return [Factor("volume", 0.5, nl, f"Up to {people:,} people are concerned ({VOLUME_THRESHOLD:,} or more).")]


def _consequences(incident: Incident) -> list[Factor]:
    severe = sorted(_SEVERE_HARMS & set(incident.consequences.harms))
    only_read = not (_lost_integrity(incident) or _lost_availability(incident))
    if not severe or (_protected(incident) and only_read):
        return []
    return [Factor("consequences", 0.5, "Ernstige gevolgen mogelijk (fraude, gezondheid of stigmatisering).",
                   "Severe consequences are possible (fraud, health or stigmatisation).")]


def _proposal(incident: Incident, risk: Risk) -> tuple[Proposal, Exception34 | None]:
    if risk == "unlikely":
        return "none", None
    if risk == "risk":
        return "authority", None
    if _protected(incident):
        return "authority", "unintelligible"
    reason = incident.follow_up.not_informed_reason
    if reason == "risk_removed" and incident.follow_up.not_informed_explanation:
        return "authority", "risk_removed"
    if reason == "disproportionate_effort":
        return "authority_and_public", "disproportionate_effort"
    return "authority_and_people", None


PROPOSAL_TEXT: dict[str, dict[Language, str]] = {
    "none": {"nl": "Niet melden: de inbreuk leidt waarschijnlijk niet tot een risico. Leg haar vast in het "
                   "register met deze redenen (art. 33 lid 5 AVG).",
             "en": "Do not notify: the breach is unlikely to result in a risk. Record it in the register with these "
                   "reasons (Art. 33(5) GDPR)."},
    "authority": {"nl": "Melden bij de toezichthouder binnen 72 uur (art. 33 lid 1 AVG).",
                  "en": "Notify the supervisory authority within 72 hours (Art. 33(1) GDPR)."},
    "authority_and_people": {"nl": "Melden bij de toezichthouder én de betrokkenen zonder onnodige vertraging "
                                   "informeren: het risico is hoog (art. 34 lid 1 AVG).",
                             "en": "Notify the supervisory authority and tell the people affected without undue "
                                   "delay: the risk is high (Art. 34(1) GDPR)."},
    "authority_and_public": {"nl": "Melden bij de toezichthouder en een openbare mededeling doen, omdat de "
                                   "betrokkenen afzonderlijk informeren onevenredig veel inspanning vergt "
                                   "(art. 34 lid 3 onder c AVG).",
                             "en": "Notify the supervisory authority and make a public communication, since telling "
                                   "each person would take disproportionate effort (Art. 34(3)(c) GDPR)."},
    "controllers": {"nl": "Als verwerker: de verwerkingsverantwoordelijke(n) zonder onnodige vertraging informeren "
                          "(art. 33 lid 2 AVG); die beslissen over de melding.",
                    "en": "As a processor: tell the controller(s) without undue delay (Art. 33(2) GDPR); they decide "
                          "on the notification."},
}

RISK_TEXT: dict[str, dict[Language, str]] = {
    "unlikely": {"nl": "Risico onwaarschijnlijk", "en": "Risk unlikely"},
    "risk": {"nl": "Risico", "en": "Risk"},
    "high": {"nl": "Hoog risico", "en": "High risk"},
}

EXCEPTION_TEXT: dict[str, dict[Language, str]] = {
    "unintelligible": {"nl": "De betrokkenen hoeven niet te worden geïnformeerd: de gegevens waren onbegrijpelijk "
                             "(art. 34 lid 3 onder a AVG).",
                       "en": "The people need not be told: the data were unintelligible (Art. 34(3)(a) GDPR)."},
    "risk_removed": {"nl": "De betrokkenen hoeven niet te worden geïnformeerd: latere maatregelen hebben het hoge "
                           "risico weggenomen (art. 34 lid 3 onder b AVG).",
                     "en": "The people need not be told: later measures removed the high risk (Art. 34(3)(b) GDPR)."},
    "disproportionate_effort": {"nl": "In plaats van ieder persoon te informeren volstaat een openbare mededeling "
                                      "(art. 34 lid 3 onder c AVG).",
                                "en": "A public communication replaces telling each person (Art. 34(3)(c) GDPR)."},
}
