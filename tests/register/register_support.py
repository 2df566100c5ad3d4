"""A small valid register, as YAML text, that tests mutate."""

from __future__ import annotations

import pytest

MINIMAL_REGISTER = """\
waarborg: 1
language: nl
controller:
  name: Vereniging De Proef
  email: privacy@deproef.nl
  phone: 030-1234567
  country: NL
  address: {street: Dorpsstraat 1, postal_code: 1234 AB, city: Utrecht}
  registration: {kind: kvk, number: "12345678"}
statement:
  version: "1.0"
  date: 2026-01-15
recipients:
  mailer:
    name: Mailer B.V.
    role: processor
    service: {nl: verzenden van de nieuwsbrief, en: sending the newsletter}
    country: NL
    agreement: {signed: true, date: 2025-06-01}
systems:
  crm:
    name: Ledenadministratie
    data_categories: [user.name, user.contact.email]
activities:
  membership:
    name: {nl: Ledenadministratie, en: Membership administration}
    purposes: [{nl: het lidmaatschap uitvoeren, en: running the membership}]
    subject_groups: [member]
    data_categories: [user.name, user.contact.email]
    legal_basis: contract
    retention: 2 years from membership_ended
    systems: [crm]
  newsletter:
    name: {nl: Nieuwsbrief, en: Newsletter}
    purposes: [{nl: de nieuwsbrief sturen, en: sending the newsletter}]
    subject_groups: [newsletter_subscriber]
    data_categories: [user.contact.email]
    legal_basis: consent
    consent: {withdrawal: {nl: via de afmeldlink, en: through the unsubscribe link}}
    retention: until unsubscribed
    recipients: [mailer]
    systems: [crm]
"""


@pytest.fixture
def minimal_yaml() -> str:
    return MINIMAL_REGISTER
