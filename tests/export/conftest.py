"""A register that fills every Art. 30 column, for the export tests."""

from __future__ import annotations

from datetime import date

import pytest

from waarborg.register import Register, parse_register

EXPORT_DAY = date(2026, 3, 2)

FULL_REGISTER = """
waarborg: 1
language: nl
controller:
  name: Stichting Proef
  legal_name: Stichting Proefregister
  email: privacy@proef.example
  phone: 020-1234567
  address: {street: Dorpsstraat 1, postal_code: 1234 AB, city: Ergens}
  registration: {kind: kvk, number: "12345678"}
  dpo: {name: Fenna Gegevens, email: fg@proef.example}
  representative: {name: Vertegenwoordiger BV, email: rep@proef.example}
statement: {version: "2.1", date: 2026-01-15}
data_categories:
  user.content.dossier: {nl: begeleidingsdossier, en: support file}
systems:
  crm: {name: Relatiebeheer, operated_by: hosting}
  mailer: {name: Mailtool, operated_by: mailer_inc, country: US}
recipients:
  hosting:
    name: Hostbedrijf
    role: processor
    service: {nl: hosting, en: hosting}
    agreement: {signed: true, date: 2025-05-01}
  mailer_inc:
    name: Mailer Inc.
    role: processor
    service: {nl: nieuwsbrieven versturen, en: sending newsletters}
    country: US
    agreement: {signed: true}
    transfer: {mechanism: scc_2021}
  partner: {name: Partnerstichting, role: joint_controller, service: {nl: samen organiseren, en: co-organising}}
  tax: {name: Belastingdienst, role: public_authority, service: {nl: fiscale controle, en: tax audits}}
activities:
  support:
    name: {nl: Begeleiding, en: Support}
    purposes:
      - {nl: Deelnemers begeleiden, en: Supporting participants}
      - {nl: Voortgang bijhouden, en: Tracking progress}
    subject_groups: [course_participant]
    data_categories: [user.name, user.health_and_medical, user.content.dossier]
    special_categories:
      - {category: user.health_and_medical, condition: explicit_consent}
    legal_basis: contract
    source: {kind: third_party, description: {nl: de verwijzer, en: the referrer}}
    retention: 2 years after contract_ended
    recipients: [partner]
    systems: [crm]
  newsletter:
    name: {nl: Nieuwsbrief, en: Newsletter}
    purposes: [{nl: Nieuwsbrief sturen, en: Sending the newsletter}]
    subject_groups: [newsletter_subscriber]
    data_categories: [user.contact.email]
    legal_basis: legitimate_interests
    legitimate_interest: {nl: Leden op de hoogte houden, en: Keeping members informed}
    retention: until unsubscribed
    systems: [mailer]
  accounts:
    name: {nl: Boekhouding, en: Bookkeeping}
    purposes: [{nl: "=SOM(facturen) bijhouden", en: "=SUM(invoices) recorded"}]
    subject_groups: [customer]
    data_categories: [user.financial.invoice]
    legal_basis: legal_obligation
    retention: {criterion: {nl: zolang de wet eist, en: as long as the law requires}}
    recipients: [tax]
processor_activities:
  payroll:
    name: {nl: Salarisadministratie voor klanten, en: Payroll for clients}
    controllers: [{nl: Klant A, en: Client A}, {nl: Klant B, en: Client B}]
    categories_of_processing: [{nl: salarisstroken maken, en: producing payslips}]
    data_categories: [user.financial.salary]
    sub_processors: [mailer_inc]
    agreement: {signed: false}
security_measures:
  - {nl: Versleutelde opslag, en: Encrypted storage}
  - {nl: Tweestapsverificatie, en: Two-factor login}
"""


@pytest.fixture
def export_day() -> date:
    return EXPORT_DAY


@pytest.fixture(scope="session")
def full_register() -> Register:
    # Parsed once: registers are not changed by the export (a test that needs a variant copies it).
    return parse_register(FULL_REGISTER, name="full-register")
