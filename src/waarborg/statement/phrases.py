"""Fixed wording the statement uses to explain the law in plain Dutch and English.

Kept apart from the templates because the HTML and the Markdown statement (and the diff)
must explain a legal basis or a transfer safeguard in exactly the same words.
"""

from __future__ import annotations

from waarborg.register.text import Language

Phrases = dict[str, dict[Language, str]]

# Art. 6(1): what each legal basis means for the reader.
LEGAL_BASIS: dict[str, dict[Language, tuple[str, str]]] = {
    "consent": {
        "nl": ("Toestemming", "U hebt ons daarvoor toestemming gegeven."),
        "en": ("Consent", "You have given us your consent for this."),
    },
    "contract": {
        "nl": ("Overeenkomst", "Wij hebben deze gegevens nodig om een overeenkomst met u uit te voeren, "
               "of om die op uw verzoek voor te bereiden."),
        "en": ("Contract", "We need these data to perform a contract with you, or to prepare one at your request."),
    },
    "legal_obligation": {
        "nl": ("Wettelijke plicht", "De wet verplicht ons deze gegevens te verwerken."),
        "en": ("Legal obligation", "The law requires us to process these data."),
    },
    "vital_interests": {
        "nl": ("Vitaal belang", "Dit is nodig om uw leven of gezondheid, of die van een ander, te beschermen."),
        "en": ("Vital interests", "This is needed to protect your life or health, or someone else's."),
    },
    "public_task": {
        "nl": ("Taak van algemeen belang", "Dit is nodig voor een taak van algemeen belang of een "
               "overheidstaak die aan ons is opgedragen."),
        "en": ("Public task", "This is needed for a task in the public interest or an official task given to us."),
    },
    "legitimate_interests": {
        "nl": ("Gerechtvaardigd belang", "Wij hebben een belang dat zwaarder weegt dan de inbreuk op uw "
               "privacy. Wij hebben die afweging zorgvuldig gemaakt en u mag er bezwaar tegen maken."),
        "en": ("Legitimate interests", "We have an interest that outweighs the impact on your privacy. We "
               "weighed this carefully, and you may object to it."),
    },
}


def article_6(basis_article: str, lang: Language) -> str:
    """'6(1)(a)' -> 'art. 6 lid 1 onder a AVG' or 'Art. 6(1)(a) GDPR'."""
    if lang == "en":
        return f"Art. {basis_article} GDPR"
    number, paragraph, letter = basis_article.replace(")", "").split("(")
    return f"art. {number} lid {paragraph} onder {letter} AVG"


# Art. 9(2)(a)-(j): why special categories may be processed after all.
ART9_CONDITION: dict[str, dict[Language, str]] = {
    "explicit_consent": {"nl": "u daarvoor uitdrukkelijk toestemming hebt gegeven (art. 9 lid 2 onder a AVG)",
                         "en": "you have given your explicit consent (Art. 9(2)(a) GDPR)"},
    "employment_law": {"nl": "dit nodig is voor verplichtingen uit het arbeidsrecht of de sociale zekerheid "
                             "(art. 9 lid 2 onder b AVG)",
                       "en": "this is needed for obligations under employment or social security law "
                             "(Art. 9(2)(b) GDPR)"},
    "vital_interests": {"nl": "dit nodig is om iemands vitale belangen te beschermen (art. 9 lid 2 onder c AVG)",
                        "en": "this is needed to protect someone's vital interests (Art. 9(2)(c) GDPR)"},
    "not_for_profit_body": {"nl": "wij een organisatie zonder winstoogmerk zijn en dit alleen over onze "
                                  "leden en vaste contacten verwerken (art. 9 lid 2 onder d AVG)",
                            "en": "we are a not-for-profit body and process this only about our members and "
                                  "regular contacts (Art. 9(2)(d) GDPR)"},
    "made_public": {"nl": "u deze gegevens zelf openbaar hebt gemaakt (art. 9 lid 2 onder e AVG)",
                    "en": "you have made these data public yourself (Art. 9(2)(e) GDPR)"},
    "legal_claims": {"nl": "dit nodig is om een recht vast te stellen, uit te oefenen of te verdedigen "
                           "(art. 9 lid 2 onder f AVG)",
                     "en": "this is needed to establish, exercise or defend legal claims (Art. 9(2)(f) GDPR)"},
    "substantial_public_interest": {"nl": "dit op grond van de wet nodig is om redenen van zwaarwegend "
                                          "algemeen belang (art. 9 lid 2 onder g AVG)",
                                    "en": "this is needed for reasons of substantial public interest, on the "
                                          "basis of law (Art. 9(2)(g) GDPR)"},
    "health_care": {"nl": "dit nodig is voor zorg of behandeling, onder beroepsgeheim (art. 9 lid 2 onder h AVG)",
                    "en": "this is needed for health or social care, under professional secrecy "
                          "(Art. 9(2)(h) GDPR)"},
    "public_health": {"nl": "dit nodig is in het algemeen belang van de volksgezondheid (art. 9 lid 2 onder i AVG)",
                      "en": "this is needed in the public interest of public health (Art. 9(2)(i) GDPR)"},
    "archiving_research": {"nl": "dit nodig is voor archivering, wetenschappelijk onderzoek of statistiek "
                                 "(art. 9 lid 2 onder j AVG)",
                           "en": "this is needed for archiving, scientific research or statistics "
                                 "(Art. 9(2)(j) GDPR)"},
}

# Art. 13(2)(e): whether people must give the data.
PROVISION: dict[str, dict[Language, str]] = {
    # Says that a law requires the data, not who it obliges: that is often the organisation, not the person.
    "statutory": {"nl": "Het verstrekken van deze gegevens is wettelijk voorgeschreven.",
                  "en": "Providing these data is a statutory requirement."},
    "contractual": {"nl": "U moet deze gegevens verstrekken op grond van de overeenkomst met ons.",
                    "en": "You must provide these data under your contract with us."},
    "contract_condition": {"nl": "Deze gegevens zijn nodig om een overeenkomst met ons te kunnen sluiten.",
                           "en": "These data are needed to enter into a contract with us."},
    "voluntary": {"nl": "U bent niet verplicht deze gegevens te verstrekken.",
                  "en": "You are not obliged to provide these data."},
}

# A statutory requirement on an activity based on a legal obligation: Art. 6(1)(c) speaks of "a legal
# obligation to which the controller is subject", so the duty is the organisation's own, not the person's.
OWN_LEGAL_DUTY_PROVISION: dict[Language, str] = {
    "nl": "Deze gegevens leggen wij vast omdat de wet dat van ons eist.",
    "en": "We record these data because the law requires it of us.",
}

# What Art. 7(4) makes true of every activity based on consent, when the register says no more.
CONSENT_PROVISION: dict[Language, str] = {
    "nl": "U bent niet verplicht hiervoor toestemming te geven. Geeft u geen toestemming, dan doen wij dit niet.",
    "en": "You are not obliged to give consent for this. Without your consent we do not do this.",
}

# Art. 44-49: how a transfer outside the EEA is protected, in plain words. {country} and {name}
# are filled in per recipient.
TRANSFER: dict[str, dict[Language, str]] = {
    "adequacy": {"nl": "De Europese Commissie heeft besloten dat het beschermingsniveau in dit land ({country}) "
                       "passend is (adequaatheidsbesluit, art. 45 AVG). Dat besluit is openbaar.",
                 "en": "The European Commission has decided that this country ({country}) offers an adequate "
                       "level of protection (adequacy decision, Art. 45 GDPR). That decision is public."},
    "dpf": {"nl": "{name} is aangesloten bij het EU-US Data Privacy Framework. De Europese Commissie heeft op "
                  "10 juli 2023 besloten dat gegevens bij aangesloten Amerikaanse bedrijven passend beschermd zijn.",
            "en": "{name} has joined the EU-US Data Privacy Framework. On 10 July 2023 the European Commission "
                  "decided that data held by participating US companies are adequately protected."},
    "scc_2021": {"nl": "Wij hebben met {name} de standaardcontractbepalingen van de Europese Commissie (2021) "
                       "afgesproken. Daarin belooft {name} uw gegevens net zo te beschermen als binnen Europa.",
                 "en": "We have agreed the European Commission's standard contractual clauses (2021) with {name}. "
                       "In them, {name} promises to protect your data as they would be protected in Europe."},
    "bcr": {"nl": "{name} werkt met bindende bedrijfsvoorschriften die een Europese toezichthouder heeft "
                  "goedgekeurd (art. 47 AVG).",
            "en": "{name} applies binding corporate rules approved by a European supervisory authority "
                  "(Art. 47 GDPR)."},
    "art49": {"nl": "Voor deze doorgifte geldt een uitzondering uit art. 49 AVG, bijvoorbeeld omdat u er "
                    "uitdrukkelijk mee instemt of omdat het nodig is voor een overeenkomst met u.",
              "en": "This transfer relies on an exception in Art. 49 GDPR, for instance your explicit consent "
                    "or because it is needed for a contract with you."},
    "privacy_shield": {"nl": "Wij baseren deze doorgifte op het EU-US Privacy Shield. Het Europese Hof van Justitie "
                             "heeft dat op 16 juli 2020 ongeldig verklaard.",
                       "en": "We base this transfer on the EU-US Privacy Shield. The Court of Justice of the EU "
                             "declared it invalid on 16 July 2020."},
    "scc_2010": {"nl": "Wij baseren deze doorgifte op de oude standaardcontractbepalingen uit 2010. Die zijn "
                       "inmiddels vervangen door de bepalingen van 2021.",
                 "en": "We base this transfer on the old standard contractual clauses of 2010. These have since "
                       "been replaced by the 2021 clauses."},
    "none": {"nl": "Voor deze doorgifte hebben wij geen waarborg vastgelegd.",
             "en": "We have not recorded a safeguard for this transfer."},
}

# Mechanisms whose text people can ask a copy of (Art. 13(1)(f): "the means by which to obtain a copy").
COPYABLE_MECHANISMS: frozenset[str] = frozenset({"scc_2021", "scc_2010", "bcr", "art49"})

MECHANISM_NAME: Phrases = {
    "adequacy": {"nl": "adequaatheidsbesluit", "en": "adequacy decision"},
    "dpf": {"nl": "EU-US Data Privacy Framework", "en": "EU-US Data Privacy Framework"},
    "scc_2021": {"nl": "standaardcontractbepalingen (2021)", "en": "standard contractual clauses (2021)"},
    "bcr": {"nl": "bindende bedrijfsvoorschriften", "en": "binding corporate rules"},
    "art49": {"nl": "uitzondering van art. 49 AVG", "en": "Art. 49 GDPR exception"},
    "privacy_shield": {"nl": "EU-US Privacy Shield (ongeldig)", "en": "EU-US Privacy Shield (invalid)"},
    "scc_2010": {"nl": "standaardcontractbepalingen (2010)", "en": "standard contractual clauses (2010)"},
    "none": {"nl": "geen waarborg", "en": "no safeguard"},
}

RECIPIENT_ROLE: Phrases = {
    "processor": {"nl": "verwerker", "en": "processor"},
    "sub_processor": {"nl": "subverwerker", "en": "sub-processor"},
    "controller": {"nl": "zelfstandige ontvanger", "en": "independent recipient"},
    "joint_controller": {"nl": "gezamenlijk verantwoordelijke", "en": "joint controller"},
    "public_authority": {"nl": "overheidsinstantie", "en": "public authority"},
}

COOKIE_PURPOSE: Phrases = {
    "functional": {"nl": "functioneel", "en": "functional"},
    "preferences": {"nl": "voorkeuren", "en": "preferences"},
    "analytics": {"nl": "statistieken", "en": "statistics"},
    "advertising": {"nl": "advertenties", "en": "advertising"},
    "social_media": {"nl": "sociale media", "en": "social media"},
}

REGISTRATION: Phrases = {
    "kvk": {"nl": "KvK-nummer", "en": "Chamber of Commerce (KvK) number"},
    "kbo": {"nl": "ondernemingsnummer", "en": "enterprise number (KBO)"},
    "other": {"nl": "registratienummer", "en": "registration number"},
}

# Where the register says only the kind of source, not where from: "... maar van: anderen". A recorded
# description is shown in the register's own words, without this lead (it may name the person too).
SOURCE_KIND: Phrases = {
    "third_party": {"nl": "Deze gegevens krijgen wij niet van u zelf, maar van: {description}.",
                    "en": "We do not receive these data from you, but from: {description}."},
    "public": {"nl": "Deze gegevens halen wij uit openbare bronnen: {description}.",
               "en": "We take these data from public sources: {description}."},
}

YES_NO: dict[bool, dict[Language, str]] = {True: {"nl": "ja", "en": "yes"}, False: {"nl": "nee", "en": "no"}}

SESSION: dict[Language, str] = {"nl": "tot u de browser sluit", "en": "until you close the browser"}
