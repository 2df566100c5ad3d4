"""Fixed wording of the access letter (Art. 15) in Dutch and English.

Kept out of the template so the view-model can be tested word for word and both languages stay
side by side.
"""

from __future__ import annotations

from waarborg.register.text import Language

Words = dict[Language, str]

HEADINGS: dict[str, Words] = {
    "subject": {"nl": "Uw verzoek om inzage", "en": "Your request for access"},
    "found": {"nl": "Welke gegevens wij van u hebben", "en": "The data we hold about you"},
    "activities": {"nl": "Waarvoor wij uw gegevens gebruiken", "en": "What we use your data for"},
    "rights": {"nl": "Uw rechten", "en": "Your rights"},
    "attachments": {"nl": "Bijlagen", "en": "Enclosures"},
    "purposes": {"nl": "Doelen", "en": "Purposes"},
    "basis": {"nl": "Grondslag", "en": "Legal basis"},
    "interest": {"nl": "Ons belang", "en": "Our interest"},
    "categories": {"nl": "Gegevens", "en": "Data"},
    "recipients": {"nl": "Ontvangers", "en": "Recipients"},
    "retention": {"nl": "Bewaartermijn", "en": "Retention"},
    "source": {"nl": "Herkomst", "en": "Source"},
    "automated": {"nl": "Geautomatiseerde besluiten", "en": "Automated decisions"},
    "reference": {"nl": "Kenmerk", "en": "Reference"},
    "date": {"nl": "Datum", "en": "Date"},
    "system": {"nl": "Systeem", "en": "System"},
    "used_for": {"nl": "Gebruikt voor", "en": "Used for"},
    "found_data": {"nl": "Gegevens", "en": "Data"},
    "records": {"nl": "Aantal vastleggingen", "en": "Records"},
}

SALUTATION: Words = {"nl": "Geachte heer, mevrouw,", "en": "Dear Sir or Madam,"}
CLOSING: Words = {"nl": "Met vriendelijke groet,", "en": "Yours faithfully,"}

INTRO: Words = {
    "nl": "Op {received} vroeg u ons welke persoonsgegevens wij van u verwerken. In deze brief leest u "
    "wat wij hebben gevonden, waarvoor wij die gegevens gebruiken, met wie wij ze delen en hoe lang wij ze "
    "bewaren.",
    "en": "On {received} you asked us which personal data we process about you. This letter tells you "
    "what we found, what we use the data for, with whom we share them and how long we keep them.",
}

# Only when data were found: a person without data gets no promise of an enclosure.
COPY_ENCLOSED: Words = {
    "nl": "Een volledige kopie van de gegevens zit als bijlage bij deze brief.",
    "en": "A full copy of the data is enclosed.",
}

NOTHING_FOUND: Words = {
    "nl": "Wij hebben in onze systemen geen persoonsgegevens van u gevonden.",
    "en": "We found no personal data about you in our systems.",
}

NO_RECIPIENTS: Words = {"nl": "Wij delen deze gegevens met niemand.", "en": "We do not share these data."}
NO_AUTOMATED: Words = {
    "nl": "Wij nemen over u geen besluiten die uitsluitend door een computer worden genomen.",
    "en": "We take no decisions about you that are made solely by a computer.",
}

BASIS: dict[str, Words] = {
    "consent": {"nl": "uw toestemming (art. 6 lid 1 onder a AVG)", "en": "your consent (Art. 6(1)(a) GDPR)"},
    "contract": {
        "nl": "de overeenkomst met u (art. 6 lid 1 onder b AVG)",
        "en": "our contract with you (Art. 6(1)(b) GDPR)",
    },
    "legal_obligation": {
        "nl": "een wettelijke plicht (art. 6 lid 1 onder c AVG)",
        "en": "a legal obligation (Art. 6(1)(c) GDPR)",
    },
    "vital_interests": {
        "nl": "een vitaal belang (art. 6 lid 1 onder d AVG)",
        "en": "vital interests (Art. 6(1)(d) GDPR)",
    },
    "public_task": {
        "nl": "een taak van algemeen belang (art. 6 lid 1 onder e AVG)",
        "en": "a task in the public interest (Art. 6(1)(e) GDPR)",
    },
    "legitimate_interests": {
        "nl": "ons gerechtvaardigd belang (art. 6 lid 1 onder f AVG)",
        "en": "our legitimate interests (Art. 6(1)(f) GDPR)",
    },
}
NO_BASIS: Words = {"nl": "niet vastgelegd", "en": "not recorded"}

# Art. 15(2): the safeguard that protects data sent outside the EEA.
SAFEGUARD: dict[str, Words] = {
    "adequacy": {
        "nl": "een adequaatheidsbesluit van de Europese Commissie",
        "en": "an adequacy decision of the European Commission",
    },
    "dpf": {
        "nl": "het EU-VS Data Privacy Framework (besluit (EU) 2023/1795)",
        "en": "the EU-US Data Privacy Framework (Decision (EU) 2023/1795)",
    },
    "scc_2021": {
        "nl": "de modelcontractbepalingen van de Europese Commissie (besluit (EU) 2021/914)",
        "en": "the European Commission's standard contractual clauses (Decision (EU) 2021/914)",
    },
    "bcr": {"nl": "bindende bedrijfsvoorschriften (art. 47 AVG)", "en": "binding corporate rules (Art. 47 GDPR)"},
    "art49": {"nl": "een uitzondering van art. 49 AVG", "en": "a derogation under Art. 49 GDPR"},
    "privacy_shield": {
        "nl": "het EU-VS Privacy Shield (sinds 16 juli 2020 ongeldig)",
        "en": "the EU-US Privacy Shield (invalid since 16 July 2020)",
    },
    "scc_2010": {
        "nl": "de oude modelcontractbepalingen uit 2010 (vervallen)",
        "en": "the old standard contractual clauses of 2010 (repealed)",
    },
    "none": {"nl": "geen passende waarborg", "en": "no appropriate safeguard"},
}
TRANSFER: Words = {
    "nl": "gevestigd in {country}, buiten de EER; waarborg: {safeguard}",
    "en": "established in {country}, outside the EEA; safeguard: {safeguard}",
}
NO_SAFEGUARD_RECORDED: Words = {"nl": "niet vastgelegd", "en": "not recorded"}
COPY_AT: Words = {"nl": "een kopie vindt u op {url}", "en": "you can get a copy at {url}"}

SOURCE: dict[str, Words] = {
    "data_subject": {"nl": "van uzelf", "en": "from you"},
    "third_party": {"nl": "van een ander dan uzelf", "en": "from someone other than you"},
    "public": {"nl": "uit openbare bronnen", "en": "from public sources"},
}

RETENTION_UNKNOWN: Words = {"nl": "geen vaste termijn vastgelegd", "en": "no fixed period recorded"}
AUTOMATED_LOGIC: Words = {"nl": "Hoe het werkt: {text}", "en": "How it works: {text}"}
AUTOMATED_EFFECT: Words = {"nl": "Gevolgen voor u: {text}", "en": "What it means for you: {text}"}

RIGHTS: dict[str, Words] = {
    "rectification": {
        "nl": "Kloppen uw gegevens niet, dan kunt u ons vragen ze te verbeteren of aan te vullen (art. 16 AVG).",
        "en": "If your data are wrong, you can ask us to correct or complete them (Art. 16 GDPR).",
    },
    "erasure": {
        "nl": "U kunt ons vragen uw gegevens te wissen (art. 17 AVG). Gegevens die wij volgens de wet moeten "
        "bewaren, wissen wij pas als die plicht voorbij is; dat laten wij u dan weten.",
        "en": "You can ask us to erase your data (Art. 17 GDPR). Data the law requires us to keep are erased "
        "once that duty ends; we will tell you which.",
    },
    "restriction": {
        "nl": "U kunt ons vragen het gebruik van uw gegevens tijdelijk te beperken, bijvoorbeeld zolang wij "
        "nagaan of ze kloppen (art. 18 AVG).",
        "en": "You can ask us to restrict the use of your data for a while, for example while we check "
        "whether they are correct (Art. 18 GDPR).",
    },
    "objection": {
        "nl": "U kunt bezwaar maken tegen gebruik op grond van ons gerechtvaardigd belang of een taak van "
        "algemeen belang. Tegen direct marketing kunt u altijd bezwaar maken; dan stoppen wij daar meteen mee "
        "(art. 21 AVG).",
        "en": "You can object to use based on our legitimate interests or a task in the public interest. You "
        "can always object to direct marketing, and we will then stop at once (Art. 21 GDPR).",
    },
    "portability": {
        "nl": "Gegevens die u zelf aan ons gaf op grond van toestemming of een overeenkomst, kunt u in een "
        "gangbaar digitaal formaat krijgen of laten doorsturen naar een andere organisatie (art. 20 AVG).",
        "en": "Data you gave us under your consent or a contract can be given to you in a common digital "
        "format, or sent on to another organisation (Art. 20 GDPR).",
    },
    "withdraw_consent": {
        "nl": "Waar wij uw gegevens gebruiken met uw toestemming, kunt u die toestemming altijd intrekken. Wat "
        "wij daarvoor deden, blijft rechtmatig.",
        "en": "Where we use your data with your consent, you can withdraw it at any time. What we did before "
        "remains lawful.",
    },
    "complaint": {
        "nl": "Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij "
        "{authority}, {address} ({website}).",
        "en": "If you disagree with how we handle your data, you can complain to {authority}, {address} ({website}).",
    },
    "complaint_generic": {
        "nl": "Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij de "
        "toezichthouder op de bescherming van persoonsgegevens in uw land.",
        "en": "If you disagree with how we handle your data, you can complain to the data protection "
        "authority of your country.",
    },
}
CONTACT: Words = {
    "nl": "Hebt u vragen over deze brief of wilt u een van deze rechten gebruiken? Neem dan contact op via {contact}.",
    "en": "Questions about this letter, or want to use one of these rights? Contact us at {contact}.",
}
DPO: Words = {"nl": "Onze functionaris gegevensbescherming: {dpo}.", "en": "Our data protection officer: {dpo}."}
ATTACHMENT_JSON: Words = {"nl": "alle gegevens in één bestand (JSON)", "en": "all data in one file (JSON)"}
ATTACHMENT_CSV: Words = {
    "nl": "gegevens voor {used_for} (CSV, te openen in Excel)",
    "en": "data for {used_for} (CSV, opens in Excel)",
}
