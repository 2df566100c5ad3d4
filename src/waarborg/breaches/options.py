"""The answer options of the Dutch DPA's notification form, each with its Dutch and English label.

The option lists follow the Autoriteit Persoonsgegevens' online form as LAW.md and the Infogroen
seed describe it (verify against the AP's current questionnaire: the AP changes its form from time
to time; the keys stay, labels can be updated here in one place).
"""

from __future__ import annotations

from typing import Literal

from waarborg.register.text import Language

Label = dict[Language, str]

NotificationKind = Literal["new", "follow_up", "withdrawal"]
Regime = Literal["gdpr", "telecom", "police", "judicial"]
Role = Literal["controller", "processor"]
PartyRole = Literal["processor", "sub_processor", "joint_controller", "controller", "other"]
Period = Literal["on_date", "between_dates", "unknown"]
YesNoUnknown = Literal["yes", "no", "unknown"]
Nature = Literal["read", "copied", "altered", "deleted", "stolen", "unknown"]
IncidentKind = Literal[
    "device_lost", "paper_lost", "mail_returned", "hacking", "misdirected", "published", "not_destroyed", "other"
]
DataKind = Literal[
    "name_address", "phone", "email", "access", "financial", "bsn", "id_copy", "demographic", "special",
    "criminal", "other",
]
SpecialKind = Literal[
    "race_ethnicity", "political", "religion", "union", "genetic", "biometric", "health", "sex_life", "criminal"
]
Unintelligible = Literal["yes", "no", "partly"]
Harm = Literal["stigma_exclusion", "health", "identity_fraud", "spam_phishing", "other"]
Characteristic = Literal["minors", "vulnerable", "employees"]
Informed = Literal["yes", "no", "not_yet"]
InformChannel = Literal["letter", "email", "phone", "public", "other"]
NotInformedReason = Literal["no_high_risk", "unintelligible", "risk_removed", "disproportionate_effort", "other"]

KIND: dict[str, Label] = {
    "new": {"nl": "Nieuwe melding", "en": "New notification"},
    "follow_up": {"nl": "Vervolgmelding (aanvulling of wijziging)", "en": "Follow-up (supplement or change)"},
    "withdrawal": {"nl": "Intrekking van een melding", "en": "Withdrawal of a notification"},
}
REGIME: dict[str, Label] = {
    "gdpr": {"nl": "Algemene verordening gegevensbescherming (AVG)", "en": "General Data Protection Regulation (GDPR)"},
    "telecom": {"nl": "Telecommunicatiewet", "en": "Telecommunications Act"},
    "police": {"nl": "Wet politiegegevens", "en": "Police Data Act"},
    "judicial": {"nl": "Wet justitiële en strafvorderlijke gegevens", "en": "Judicial and Criminal Records Act"},
}
ROLE: dict[str, Label] = {
    "controller": {"nl": "Verwerkingsverantwoordelijke", "en": "Controller"},
    "processor": {"nl": "Verwerker (in opdracht van een andere organisatie)",
                  "en": "Processor (for another organisation)"},
}
PARTY_ROLE: dict[str, Label] = {
    "processor": {"nl": "Verwerker", "en": "Processor"},
    "sub_processor": {"nl": "Subverwerker", "en": "Sub-processor"},
    "joint_controller": {"nl": "Gezamenlijk verwerkingsverantwoordelijke", "en": "Joint controller"},
    "controller": {"nl": "Verwerkingsverantwoordelijke", "en": "Controller"},
    "other": {"nl": "Anders", "en": "Other"},
}
PERIOD: dict[str, Label] = {
    "on_date": {"nl": "Op de volgende datum", "en": "On the following date"},
    "between_dates": {"nl": "Tussen de volgende data", "en": "Between the following dates"},
    "unknown": {"nl": "Nog niet bekend", "en": "Not yet known"},
}
YES_NO_UNKNOWN: dict[str, Label] = {
    "yes": {"nl": "Ja", "en": "Yes"},
    "no": {"nl": "Nee", "en": "No"},
    "unknown": {"nl": "Nog niet bekend", "en": "Not yet known"},
}
NATURE: dict[str, Label] = {
    "read": {"nl": "Gelezen door personen die hiertoe geen recht hadden", "en": "Read by people not entitled to"},
    "copied": {"nl": "Gekopieerd door personen die hiertoe geen recht hadden",
               "en": "Copied by people not entitled to"},
    "altered": {"nl": "Veranderd door personen die hiertoe geen recht hadden",
                "en": "Altered by people not entitled to"},
    "deleted": {"nl": "Verwijderd of vernietigd", "en": "Deleted or destroyed"},
    "stolen": {"nl": "Gestolen", "en": "Stolen"},
    "unknown": {"nl": "Nog niet bekend", "en": "Not yet known"},
}
INCIDENT_KIND: dict[str, Label] = {
    "device_lost": {"nl": "Apparaat kwijt of gestolen (laptop, telefoon, usb-stick)",
                    "en": "Device lost or stolen (laptop, phone, USB stick)"},
    "paper_lost": {"nl": "Papieren kwijt, gestolen of op een onveilige plek achtergelaten",
                   "en": "Papers lost, stolen or left in an unsafe place"},
    "mail_returned": {"nl": "Post teruggekomen en geopend", "en": "Post returned and opened"},
    "hacking": {"nl": "Hacking, malware (bijvoorbeeld ransomware) of phishing",
                "en": "Hacking, malware (such as ransomware) or phishing"},
    "misdirected": {"nl": "Persoonsgegevens naar de verkeerde ontvanger gestuurd (e-mail of post)",
                    "en": "Personal data sent to the wrong recipient (e-mail or post)"},
    "published": {"nl": "Persoonsgegevens per ongeluk gepubliceerd of verstrekt",
                  "en": "Personal data published or disclosed by mistake"},
    "not_destroyed": {"nl": "Persoonsgegevens niet op de juiste manier vernietigd",
                      "en": "Personal data not destroyed properly"},
    "other": {"nl": "Anders", "en": "Other"},
}
DATA_KIND: dict[str, Label] = {
    "name_address": {"nl": "Naam-, adres- en woonplaatsgegevens", "en": "Name, address and place of residence"},
    "phone": {"nl": "Telefoonnummers", "en": "Telephone numbers"},
    "email": {"nl": "E-mailadressen of andere adressen voor elektronische communicatie",
              "en": "E-mail addresses or other addresses for electronic communication"},
    "access": {"nl": "Toegangs- of identificatiegegevens (inloggegevens, wachtwoorden, klantnummers)",
               "en": "Access or identification data (log-in details, passwords, customer numbers)"},
    "financial": {"nl": "Financiële gegevens (rekeningnummers, creditcardnummers)",
                  "en": "Financial data (account numbers, credit card numbers)"},
    "bsn": {"nl": "Burgerservicenummers (BSN) of sofinummers", "en": "Citizen service numbers (BSN) or tax numbers"},
    "id_copy": {"nl": "Paspoortkopieën of kopieën van andere legitimatiebewijzen",
                "en": "Copies of passports or other identity documents"},
    "demographic": {"nl": "Geslacht, geboortedatum en/of leeftijd", "en": "Gender, date of birth and/or age"},
    "special": {"nl": "Bijzondere persoonsgegevens", "en": "Special categories of personal data"},
    "criminal": {"nl": "Strafrechtelijke gegevens", "en": "Criminal-offence data"},
    "other": {"nl": "Overige gegevens", "en": "Other data"},
}
SPECIAL_KIND: dict[str, Label] = {
    "race_ethnicity": {"nl": "Ras of etnische afkomst", "en": "Racial or ethnic origin"},
    "political": {"nl": "Politieke opvattingen", "en": "Political opinions"},
    "religion": {"nl": "Religie of levensovertuiging", "en": "Religious or philosophical beliefs"},
    "union": {"nl": "Lidmaatschap van een vakbond", "en": "Trade-union membership"},
    "genetic": {"nl": "Genetische gegevens", "en": "Genetic data"},
    "biometric": {"nl": "Biometrische gegevens", "en": "Biometric data"},
    "health": {"nl": "Gezondheidsgegevens", "en": "Health data"},
    "sex_life": {"nl": "Seksueel gedrag of seksuele gerichtheid", "en": "Sex life or sexual orientation"},
    "criminal": {"nl": "Strafrechtelijke gegevens", "en": "Criminal-offence data"},
}
UNINTELLIGIBLE: dict[str, Label] = {
    "yes": {"nl": "Ja", "en": "Yes"},
    "no": {"nl": "Nee", "en": "No"},
    "partly": {"nl": "Deels", "en": "Partly"},
}
HARM: dict[str, Label] = {
    "stigma_exclusion": {"nl": "Stigmatisering of uitsluiting", "en": "Stigmatisation or exclusion"},
    "health": {"nl": "Schade aan de gezondheid", "en": "Damage to health"},
    "identity_fraud": {"nl": "Blootstelling aan (identiteits)fraude", "en": "Exposure to (identity) fraud"},
    "spam_phishing": {"nl": "Blootstelling aan spam of phishing", "en": "Exposure to spam or phishing"},
    "other": {"nl": "Anders", "en": "Other"},
}
CHARACTERISTIC: dict[str, Label] = {
    "minors": {"nl": "Kinderen (jonger dan 16)", "en": "Children (under 16)"},
    "vulnerable": {"nl": "Kwetsbare personen (bijvoorbeeld patiënten, cliënten, ouderen)",
                   "en": "Vulnerable people (for instance patients, clients, the elderly)"},
    "employees": {"nl": "Medewerkers (afhankelijke positie)", "en": "Employees (dependent position)"},
}
INFORMED: dict[str, Label] = {
    "yes": {"nl": "Ja", "en": "Yes"},
    "no": {"nl": "Nee, en dat gaan we ook niet doen", "en": "No, and we will not"},
    "not_yet": {"nl": "Nog niet, dat gaan we wel doen", "en": "Not yet, but we will"},
}
CHANNEL: dict[str, Label] = {
    "letter": {"nl": "Per brief", "en": "By letter"},
    "email": {"nl": "Per e-mail", "en": "By e-mail"},
    "phone": {"nl": "Per telefoon", "en": "By telephone"},
    "public": {"nl": "Openbare mededeling", "en": "Public communication"},
    "other": {"nl": "Anders", "en": "Other"},
}
NOT_INFORMED_REASON: dict[str, Label] = {
    "no_high_risk": {"nl": "De inbreuk leidt waarschijnlijk niet tot een hoog risico voor hen",
                     "en": "The breach is unlikely to result in a high risk to them"},
    "unintelligible": {"nl": "De gegevens waren onbegrijpelijk voor onbevoegden (art. 34 lid 3 onder a AVG)",
                       "en": "The data were unintelligible to unauthorised people (Art. 34(3)(a) GDPR)"},
    "risk_removed": {"nl": "Latere maatregelen hebben het hoge risico weggenomen (art. 34 lid 3 onder b AVG)",
                     "en": "Later measures removed the high risk (Art. 34(3)(b) GDPR)"},
    "disproportionate_effort": {
        "nl": "Het zou onevenredige inspanning vergen; er komt een openbare mededeling (art. 34 lid 3 onder c AVG)",
        "en": "It would take disproportionate effort; a public communication is made instead (Art. 34(3)(c) GDPR)"},
    "other": {"nl": "Andere reden", "en": "Other reason"},
}

OPTION_LISTS: dict[str, dict[str, Label]] = {
    "kind": KIND, "regime": REGIME, "role": ROLE, "party_role": PARTY_ROLE, "period": PERIOD,
    "yes_no_unknown": YES_NO_UNKNOWN, "nature": NATURE, "incident_kind": INCIDENT_KIND, "data_kind": DATA_KIND,
    "special_kind": SPECIAL_KIND, "unintelligible": UNINTELLIGIBLE, "harm": HARM, "characteristic": CHARACTERISTIC,
    "informed": INFORMED, "channel": CHANNEL, "not_informed_reason": NOT_INFORMED_REASON,
}


def label(options: dict[str, Label], key: str, lang: Language) -> str:
    """The label of one option in `lang` (the key itself for an option the list lacks)."""
    found = options.get(key)
    return found[lang] if found else key
