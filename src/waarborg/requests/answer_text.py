"""Fixed wording of the mails that answer a requester, in Dutch and English.

Kept apart from `answers` (which fills them in) so both languages stay side by side and a test
can read them word for word. Placeholders are filled with `str.format`; nothing personal is
written into them except what the requester told us or the office wrote for them.
"""

from __future__ import annotations

from waarborg.register.text import Language

Words = dict[Language, str]

KIND: dict[str, Words] = {
    "access": {"nl": "inzage", "en": "access"},
    "erase": {"nl": "verwijdering van uw gegevens", "en": "erasure of your data"},
    "rectify": {"nl": "correctie van uw gegevens", "en": "rectification of your data"},
    "restrict": {"nl": "beperking van het gebruik van uw gegevens", "en": "restriction of the use of your data"},
    "object": {"nl": "bezwaar tegen het gebruik van uw gegevens", "en": "objection to the use of your data"},
    "port": {"nl": "overdracht van uw gegevens", "en": "a copy of your data to take elsewhere"},
}

SUBJECT: dict[str, Words] = {
    "identity": {"nl": "Uw verzoek {reference}: wij vragen een bewijs van uw identiteit",
                 "en": "Your request {reference}: we need proof of your identity"},
    "extension": {"nl": "Uw verzoek {reference}: wij hebben meer tijd nodig",
                  "en": "Your request {reference}: we need more time"},
    "refusal": {"nl": "Uw verzoek {reference}: ons besluit", "en": "Your request {reference}: our decision"},
    "download": {"nl": "Uw verzoek {reference}: uw gegevens staan klaar",
                 "en": "Your request {reference}: your data are ready"},
    "answer": {"nl": "Uw verzoek {reference}: wat wij hebben gedaan",
               "en": "Your request {reference}: what we have done"},
    "pending": {"nl": "Uw verzoek {reference}: wij wegen uw bezwaar",
                "en": "Your request {reference}: we are weighing your objection"},
}

SALUTATION: Words = {"nl": "Geachte heer, mevrouw,", "en": "Dear Sir or Madam,"}
CLOSING: Words = {"nl": "Met vriendelijke groet,", "en": "Kind regards,"}
RECEIVED: Words = {
    "nl": "Op {received} ontvingen wij uw verzoek om {kind} (kenmerk {reference}).",
    "en": "On {received} we received your request for {kind} (reference {reference}).",
}

IDENTITY: Words = {
    "nl": "Voordat wij iets met uw verzoek doen, moeten wij zeker weten dat het van u komt: zo voorkomen wij "
    "dat iemand anders uw gegevens krijgt of laat wissen (art. 12 lid 6 AVG). Beantwoord deze mail met een "
    "bewijs dat u het bent, bijvoorbeeld een mail vanaf het adres dat bij ons bekend is of uw klant- of "
    "lidnummer. Stuur geen kopie van uw paspoort. Zolang wij op uw antwoord wachten, staat de termijn stil.",
    "en": "Before we act on your request we must be sure it comes from you, so that nobody else receives or "
    "erases your data (Art. 12(6) GDPR). Please answer this mail with proof that it is you, for example a mail "
    "from the address we know or your customer or member number. Do not send a copy of your passport. While "
    "we wait for your answer, the deadline stands still.",
}

EXTENSION: Words = {
    "nl": "Wij hebben meer tijd nodig om uw verzoek goed te beantwoorden. De wet staat ons toe de termijn met "
    "ten hoogste twee maanden te verlengen (art. 12 lid 3 AVG). Wij verlengen met {months} maand(en), om "
    "deze reden: {reasons}. U krijgt ons antwoord uiterlijk op {due}.",
    "en": "We need more time to answer your request properly. The law allows us to extend the deadline by up "
    "to two months (Art. 12(3) GDPR). We extend it by {months} month(s), for this reason: {reasons}. You will "
    "have our answer by {due} at the latest.",
}

REFUSAL_GROUND: dict[str, Words] = {
    "manifestly_unfounded": {
        "nl": "wij doen niets met uw verzoek, omdat het kennelijk ongegrond is (art. 12 lid 5 AVG)",
        "en": "we will not act on your request because it is manifestly unfounded (Art. 12(5) GDPR)",
    },
    "excessive": {
        "nl": "wij doen niets met uw verzoek, omdat het buitensporig is, met name door herhaling "
        "(art. 12 lid 5 AVG)",
        "en": "we will not act on your request because it is excessive, in particular because it repeats "
        "earlier requests (Art. 12(5) GDPR)",
    },
    "identity_not_established": {
        "nl": "wij doen niets met uw verzoek, omdat wij niet konden vaststellen dat het van u komt "
        "(art. 11 lid 2 en art. 12 lid 6 AVG)",
        "en": "we will not act on your request because we could not establish that it comes from you "
        "(Art. 11(2) and Art. 12(6) GDPR)",
    },
}
REFUSAL: Words = {"nl": "Ons besluit: {ground}.", "en": "Our decision: {ground}."}
REFUSAL_NOTE: Words = {"nl": "Toelichting: {note}", "en": "Our reasons: {note}"}
COMPLAINT: Words = {
    "nl": "Bent u het hier niet mee eens, dan kunt u een klacht indienen bij {authority}, {address} ({website}), "
    "of naar de rechter stappen (art. 12 lid 4 AVG).",
    "en": "If you disagree, you can complain to {authority}, {address} ({website}), or go to court "
    "(Art. 12(4) GDPR).",
}
COMPLAINT_GENERIC: Words = {
    "nl": "Bent u het hier niet mee eens, dan kunt u een klacht indienen bij de toezichthouder op de "
    "bescherming van persoonsgegevens in uw land, of naar de rechter stappen (art. 12 lid 4 AVG).",
    "en": "If you disagree, you can complain to the data protection authority of your country, or go to "
    "court (Art. 12(4) GDPR).",
}

DOWNLOAD: dict[str, Words] = {
    "access": {
        "nl": "Uw gegevens staan klaar. In het pakket vindt u een brief die uitlegt welke gegevens wij van u "
        "hebben, waarvoor, met wie wij ze delen en hoe lang wij ze bewaren, en de gegevens zelf (JSON en CSV).",
        "en": "Your data are ready. The package holds a letter that explains which data we hold about you, what "
        "for, with whom we share them and how long we keep them, and the data themselves (JSON and CSV).",
    },
    "port": {
        "nl": "Uw gegevens staan klaar in een gangbaar digitaal formaat (JSON en CSV), zodat u ze kunt "
        "meenemen naar een andere organisatie (art. 20 AVG).",
        "en": "Your data are ready in a common digital format (JSON and CSV), so that you can take them to "
        "another organisation (Art. 20 GDPR).",
    },
}
DOWNLOAD_LINK: Words = {
    "nl": "Download het pakket hier: {link}\nDe link werkt één keer en tot {expires}. Daarna wissen wij het "
    "pakket. Stuur deze mail niet door: wie de link heeft, kan uw gegevens downloaden.",
    "en": "Download the package here: {link}\nThe link works once and until {expires}. After that we delete the "
    "package. Do not forward this mail: whoever has the link can download your data.",
}

ERASED_INTRO: Words = {"nl": "Wij hebben uw gegevens gewist:", "en": "We have erased your data:"}
ERASED_LINE: Words = {
    "nl": "- {what}: {rows} vastlegging(en) {action}",
    "en": "- {what}: {rows} record(s) {action}",
}
ERASED_ACTION: dict[str, Words] = {
    "delete": {"nl": "verwijderd", "en": "deleted"},
    "mask": {"nl": "onherkenbaar gemaakt", "en": "made unrecognisable"},
}
NOTHING_ERASED: Words = {
    "nl": "Wij vonden geen gegevens van u die wij konden wissen.",
    "en": "We found no data about you that we could erase.",
}
KEPT_INTRO: Words = {
    "nl": "Sommige gegevens moeten wij nog bewaren. Die gebruiken wij alleen nog daarvoor, en wij wissen ze "
    "zodra dat mag (art. 17 lid 3 AVG):",
    "en": "Some data we must still keep. We use them for that alone, and erase them as soon as we may "
    "(Art. 17(3) GDPR):",
}
KEPT_LINE: Words = {"nl": "- {what}: voor {activity}, op grond van {basis}{ground}{until}",
                    "en": "- {what}: for {activity}, on the basis of {basis}{ground}{until}"}
KEPT_UNTIL: Words = {"nl": ", tot {until}", "en": ", until {until}"}
KEPT_GROUND: dict[str, Words] = {
    "legal_obligation": {"nl": " (een wettelijke bewaarplicht)", "en": " (a legal duty to keep them)"},
    "legal_claims": {"nl": " (een rechtsvordering)", "en": " (legal claims)"},
    "expression": {"nl": " (de vrijheid van meningsuiting)", "en": " (freedom of expression)"},
    "public_health": {"nl": " (de volksgezondheid)", "en": " (public health)"},
    "archiving": {"nl": " (archief of onderzoek)", "en": " (archiving or research)"},
}
SUPPRESSED: Words = {
    "nl": "Om te zorgen dat wij u nooit meer mailen, bewaren wij alleen een onleesbaar gemaakte (versleutelde) "
    "vingerafdruk van uw adres op onze niet-mailen-lijst.",
    "en": "To make sure we never mail you again, we keep only an unreadable (keyed) fingerprint of your address "
    "on our do-not-contact list.",
}

RESTRICTED: Words = {
    "nl": "Wij hebben het gebruik van uw gegevens beperkt: wij bewaren ze, maar gebruiken ze niet meer, ook "
    "niet voor mailings of het opschonen. Voordat wij de beperking opheffen, laten wij u dat weten "
    "(art. 18 lid 3 AVG).",
    "en": "We have restricted the use of your data: we keep them but no longer use them, not for mailings nor "
    "for clean-ups. Before we lift the restriction we will tell you (Art. 18(3) GDPR).",
}
RESTRICTION_LIFTED: Words = {
    "nl": "Wij hebben de beperking van het gebruik van uw gegevens opgeheven.",
    "en": "We have lifted the restriction of the use of your data.",
}
RESTRICTED_ALREADY: Words = {
    "nl": "Het gebruik van uw gegevens was al beperkt; dat blijft zo.",
    "en": "The use of your data was restricted already; it stays so.",
}

OBJECTION_MARKETING: Words = {
    "nl": "Wij gebruiken uw gegevens niet meer voor direct marketing. Uw adres staat, onleesbaar gemaakt, op "
    "onze niet-mailen-lijst (art. 21 lid 3 AVG).",
    "en": "We no longer use your data for direct marketing. Your address is on our do-not-contact list, as an "
    "unreadable fingerprint (Art. 21(3) GDPR).",
}
OBJECTION_WEIGHED: Words = {
    "nl": "Uw bezwaar tegen {activities} wegen wij af: wij stoppen ermee, tenzij wij dwingende gerechtvaardigde "
    "gronden hebben die zwaarder wegen (art. 21 lid 1 AVG). U hoort ons besluit uiterlijk op {due}. Tot dan "
    "laten wij deze gegevens met rust.",
    "en": "We are weighing your objection to {activities}: we will stop unless we have compelling legitimate "
    "grounds that override your interests (Art. 21(1) GDPR). You will have our decision by {due}. Until then "
    "we leave these data alone.",
}

RECTIFIED_INTRO: Words = {"nl": "Wij hebben uw gegevens verbeterd:", "en": "We have corrected your data:"}
RECTIFIED_LINE: Words = {"nl": "- {what}: {rows} vastlegging(en)", "en": "- {what}: {rows} record(s)"}
NOTHING_RECTIFIED: Words = {
    "nl": "Uw gegevens waren al juist; wij hoefden niets te veranderen.",
    "en": "Your data were correct already; we did not have to change anything.",
}
RECIPIENTS_TOLD: Words = {
    "nl": "Wie wij uw gegevens hebben gegeven, laten wij dit ook weten (art. 19 AVG). Wilt u weten wie dat "
    "zijn, vraag het ons.",
    "en": "We also tell those to whom we gave your data (Art. 19 GDPR). Ask us if you want to know who they are.",
}
DATA_IN: Words = {"nl": "gegevens voor {used_for}", "en": "data for {used_for}"}
