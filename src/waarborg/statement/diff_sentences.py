"""The sentences `describe_changes` uses, in Dutch and English: each tells a person what changed for them."""

from __future__ import annotations

from waarborg.register.text import Language

SENTENCES: dict[str, dict[Language, str]] = {
    "controller_name": {"nl": "Onze naam is gewijzigd: wij heten nu {new}.",
                        "en": "Our name has changed: we are now called {new}."},
    "controller_email": {"nl": "Ons e-mailadres is gewijzigd in {new}.", "en": "Our e-mail address is now {new}."},
    "controller_phone": {"nl": "Ons telefoonnummer is gewijzigd in {new}.", "en": "Our phone number is now {new}."},
    "controller_address": {"nl": "Ons adres is gewijzigd in {new}.", "en": "Our address is now {new}."},
    "controller_website": {"nl": "Onze website is nu {new}.", "en": "Our website is now {new}."},
    "dpo_added": {"nl": "Wij hebben een functionaris gegevensbescherming aangesteld, bereikbaar via {contact}.",
                  "en": "We have appointed a data protection officer, who can be reached at {contact}."},
    "dpo_changed": {"nl": "Onze functionaris gegevensbescherming is nu bereikbaar via {contact}.",
                    "en": "Our data protection officer can now be reached at {contact}."},
    "dpo_removed": {"nl": "Wij hebben geen functionaris gegevensbescherming meer; u kunt ons rechtstreeks benaderen.",
                    "en": "We no longer have a data protection officer; you can contact us directly."},
    "activity_added": {"nl": "Nieuw: wij verwerken gegevens van {groups} voor ‘{name}’, met als doel: {purposes}. "
                             "Het gaat om: {categories}.",
                       "en": "New: we process data of {groups} for ‘{name}’, for this purpose: {purposes}. "
                             "This concerns: {categories}."},
    "activity_removed": {"nl": "Wij verwerken geen gegevens meer voor ‘{name}’.",
                         "en": "We no longer process data for ‘{name}’."},
    "purpose_added": {"nl": "Bij ‘{name}’ gebruiken wij uw gegevens nu ook voor een nieuw doel: {items}.",
                      "en": "For ‘{name}’ we now also use your data for a new purpose: {items}."},
    "purpose_removed": {"nl": "Bij ‘{name}’ gebruiken wij uw gegevens niet meer voor: {items}.",
                        "en": "For ‘{name}’ we no longer use your data for: {items}."},
    "groups_added": {"nl": "‘{name}’ geldt nu ook voor {items}.", "en": "‘{name}’ now also concerns {items}."},
    "categories_added": {"nl": "Bij ‘{name}’ verzamelen wij nu ook: {items}.",
                         "en": "For ‘{name}’ we now also collect: {items}."},
    "categories_removed": {"nl": "Bij ‘{name}’ verzamelen wij niet langer: {items}.",
                           "en": "For ‘{name}’ we no longer collect: {items}."},
    "special_added": {"nl": "Bij ‘{name}’ verwerken wij nu ook bijzondere persoonsgegevens: {items}.",
                      "en": "For ‘{name}’ we now also process special categories of data: {items}."},
    "basis_changed": {"nl": "De grondslag voor ‘{name}’ is gewijzigd van {old} naar {new}.",
                      "en": "The legal basis for ‘{name}’ has changed from {old} to {new}."},
    "retention_longer": {"nl": "Wij bewaren de gegevens voor ‘{name}’ langer: {new} in plaats van {old}.",
                         "en": "We keep the data for ‘{name}’ longer: {new} instead of {old}."},
    "retention_shorter": {"nl": "Wij bewaren de gegevens voor ‘{name}’ korter: {new} in plaats van {old}.",
                          "en": "We keep the data for ‘{name}’ for a shorter time: {new} instead of {old}."},
    "retention_changed": {"nl": "De bewaartermijn voor ‘{name}’ is gewijzigd: {new} (was: {old}).",
                          "en": "The retention period for ‘{name}’ has changed: {new} (was: {old})."},
    "source_changed": {"nl": "Voor ‘{name}’ krijgen wij gegevens nu van: {new}.",
                       "en": "For ‘{name}’ we now receive data from: {new}."},
    "automated_added": {"nl": "Bij ‘{name}’ neemt nu een computer besluiten over u zonder menselijke tussenkomst: "
                              "{new}",
                        "en": "For ‘{name}’ a computer now makes decisions about you without human involvement: "
                              "{new}"},
    "automated_removed": {"nl": "Bij ‘{name}’ nemen wij geen geautomatiseerde besluiten meer.",
                          "en": "For ‘{name}’ we no longer make automated decisions."},
    "processor_added": {"nl": "Nieuwe verwerker: {name} ({service}, {country}) verwerkt gegevens in onze opdracht.",
                        "en": "New processor: {name} ({service}, {country}) processes data on our behalf."},
    "recipient_added": {"nl": "Nieuwe ontvanger van uw gegevens: {name} ({service}).",
                        "en": "New recipient of your data: {name} ({service})."},
    "recipient_removed": {"nl": "{name} ontvangt geen gegevens meer van ons.",
                          "en": "{name} no longer receives data from us."},
    "recipient_renamed": {"nl": "{old} heet nu {new}.", "en": "{old} is now called {new}."},
    "recipient_moved": {"nl": "{name} verwerkt uw gegevens nu in {new} (was: {old}).",
                        "en": "{name} now processes your data in {new} (was: {old})."},
    "recipient_service": {"nl": "{name} doet nu voor ons: {new} (was: {old}).",
                          "en": "{name} now does this for us: {new} (was: {old})."},
    "recipient_role": {"nl": "{name} is nu {new} (was: {old}).", "en": "{name} is now {new} (was: {old})."},
    "activity_renamed": {"nl": "‘{old}’ heet nu ‘{new}’.", "en": "‘{old}’ is now called ‘{new}’."},
    "activity_parts": {"nl": "Bij ‘{name}’ is ook gewijzigd: {items}.",
                       "en": "For ‘{name}’ this also changed: {items}."},
    "sections": {"nl": "Ook gewijzigd in de privacyverklaring: {items}.",
                 "en": "Also changed in the privacy statement: {items}."},
    "activity_recipients_added": {"nl": "Bij ‘{name}’ geven wij gegevens nu ook aan: {items}.",
                                  "en": "For ‘{name}’ we now also share data with: {items}."},
    "transfer_added": {"nl": "Uw gegevens gaan nu ook naar een land buiten de EER: {country} (via {name}). "
                             "Waarborg: {mechanism}.",
                       "en": "Your data now also go to a country outside the EEA: {country} (through {name}). "
                             "Safeguard: {mechanism}."},
    "transfer_changed": {"nl": "De waarborg voor de doorgifte via {name} ({country}) is gewijzigd: nu {mechanism} "
                               "(was: {old}).",
                         "en": "The safeguard for the transfer through {name} ({country}) has changed: now "
                               "{mechanism} (was: {old})."},
    "transfer_removed": {"nl": "Uw gegevens gaan niet meer via {name} naar een land buiten de EER ({country}).",
                         "en": "Your data no longer go through {name} to a country outside the EEA ({country})."},
    "cookie_consent_added": {"nl": "Nieuwe cookie waarvoor wij uw toestemming vragen: {cookie} van {provider} "
                                   "({purpose}, {lifetime}).",
                             "en": "New cookie for which we ask your consent: {cookie} from {provider} "
                                   "({purpose}, {lifetime})."},
    "cookie_added": {"nl": "Nieuwe cookie zonder toestemming: {cookie} van {provider} ({purpose}, {lifetime}).",
                     "en": "New cookie placed without consent: {cookie} from {provider} ({purpose}, {lifetime})."},
    "cookie_now_consent": {"nl": "Voor de cookie {cookie} vragen wij voortaan uw toestemming.",
                           "en": "We now ask your consent for the cookie {cookie}."},
    "cookie_no_consent": {"nl": "Voor de cookie {cookie} vragen wij niet langer uw toestemming.",
                          "en": "We no longer ask your consent for the cookie {cookie}."},
    "cookie_removed": {"nl": "Wij plaatsen de cookie {cookie} niet meer.",
                       "en": "We no longer place the cookie {cookie}."},
    "rights_contact": {"nl": "Uw privacyverzoeken kunt u nu zo indienen: {new}",
                       "en": "You can now make your privacy requests as follows: {new}"},
    "response_time": {"nl": "Wij beantwoorden uw verzoeken nu binnen {new} (was: {old}).",
                      "en": "We now answer your requests within {new} (was: {old})."},
}


def sentence(key: str, lang: Language, **values: str) -> str:
    """One change sentence in `lang`, with the register's words filled in."""
    return SENTENCES[key][lang].format(**values)
