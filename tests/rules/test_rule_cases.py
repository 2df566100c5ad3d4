"""Each rule, specified by a register that breaks it and one that just passes it.

FAILING: the base register with one change; exactly one finding of the rule is expected, at the
given path and severity, naming the given thing in Dutch and in English.
PASSING: a near miss of the same rule; the rule must stay silent.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from register_mutations import Mutation, appending, build, combined, dropping, monolingual, setting

from waarborg.rules import run_checks

MEMBERSHIP = "activities.membership"
NEWSLETTER = "activities.newsletter"
SAFEGUARD = "transfer-safeguard-missing"
GA_COOKIE = {"name": "_ga", "provider": "first_party", "purpose": "analytics", "lifetime": "2 years", "consent": False}
PRIVACY_FRIENDLY = {"processor_agreement": True, "ip_masked": True, "data_sharing_off": True, "no_other_services": True}
DECISION = {"description": {"nl": "Automatische toelating", "en": "Automatic admission"}}
EXPLAINED = {**DECISION, "logic": "Leeftijd en woonplaats", "significance": "Geen toelating"}
ACCOUNTANT = {"name": "Boekhouder Jansen", "role": "controller", "service": {"nl": "boekhouding", "en": "accounts"}}
SHOE_SIZE = {"nl": "schoenmaat", "en": "shoe size"}


def mailer_in(country: str, mechanism: str) -> Mutation:
    """The US mailing service moved to `country`, transferring under `mechanism`."""
    return combined(
        setting("recipients.mailer.country", country),
        setting("recipients.mailer.transfer.mechanism", mechanism),
    )


@dataclass(frozen=True)
class Failing:
    rule: str
    mutation: Mutation
    path: str
    severity: str
    named_nl: str  # text the Dutch message must contain
    named_en: str  # text the English message must contain


FAILING = {
    "basis missing": Failing(
        "legal-basis-missing", dropping(f"{MEMBERSHIP}.legal_basis"), f"{MEMBERSHIP}.legal_basis",
        "error", "Ledenadministratie", "Membership administration",
    ),
    "legitimate interest without the interest": Failing(
        "legitimate-interest-unstated", setting(f"{MEMBERSHIP}.legal_basis", "legitimate_interests"),
        f"{MEMBERSHIP}.legitimate_interest", "error", "Ledenadministratie", "Membership administration",
    ),
    "consent without withdrawal route": Failing(
        "consent-withdrawal-missing", dropping(f"{NEWSLETTER}.consent.withdrawal"),
        f"{NEWSLETTER}.consent.withdrawal", "error", "Nieuwsbrief", "Newsletter",
    ),
    "consent without any consent details": Failing(
        "consent-withdrawal-missing", dropping(f"{NEWSLETTER}.consent"),
        f"{NEWSLETTER}.consent.withdrawal", "error", "Nieuwsbrief", "Newsletter",
    ),
    "employees asked for consent": Failing(
        "consent-for-employees",
        combined(
            setting(f"{MEMBERSHIP}.subject_groups", ["employee"]),
            setting(f"{MEMBERSHIP}.legal_basis", "consent"),
        ),
        f"{MEMBERSHIP}.legal_basis", "warning", "Ledenadministratie", "Membership administration",
    ),
    "children without parental age": Failing(
        "child-consent-parental", setting(f"{NEWSLETTER}.children", True),
        f"{NEWSLETTER}.consent.parental_consent_below", "error", "Nieuwsbrief", "Newsletter",
    ),
    "parental age below the Dutch 16": Failing(
        "child-consent-parental",
        combined(setting(f"{NEWSLETTER}.children", True), setting(f"{NEWSLETTER}.consent.parental_consent_below", 13)),
        f"{NEWSLETTER}.consent.parental_consent_below", "error", "13 jaar", "13 years",
    ),
    "health data without Art. 9 condition": Failing(
        "special-category-condition-missing", appending(f"{MEMBERSHIP}.data_categories", "user.health_and_medical"),
        f"{MEMBERSHIP}.special_categories", "error", "gezondheidsgegevens", "health data",
    ),
    "special category listed without a condition": Failing(
        "special-category-condition-missing",
        combined(
            appending(f"{MEMBERSHIP}.data_categories", "user.demographic.religious_belief"),
            setting(f"{MEMBERSHIP}.special_categories", [{"category": "user.demographic.religious_belief"}]),
        ),
        f"{MEMBERSHIP}.special_categories", "error", "godsdienst", "religious",
    ),
    "BSN under a contract": Failing(
        "national-id-without-legal-basis",
        appending(f"{MEMBERSHIP}.data_categories", "user.government_id.national_identification_number"),
        f"{MEMBERSHIP}.data_categories[3]", "error", "Ledenadministratie", "Membership administration",
    ),
    "criminal records": Failing(
        "criminal-data", appending(f"{MEMBERSHIP}.data_categories", "user.criminal_history"),
        f"{MEMBERSHIP}.data_categories[3]", "warning", "Ledenadministratie", "Membership administration",
    ),
    "processor agreement not signed": Failing(
        "processor-agreement-missing", setting("recipients.webhost.agreement.signed", False),
        "recipients.webhost.agreement", "error", "Webhost Utrecht B.V.", "Webhost Utrecht B.V.",
    ),
    "sub-processor without agreement": Failing(
        "processor-agreement-missing",
        combined(setting("recipients.webhost.role", "sub_processor"), dropping("recipients.webhost.agreement")),
        "recipients.webhost.agreement", "error", "Webhost Utrecht B.V.", "Webhost Utrecht B.V.",
    ),
    "processor agreement without date": Failing(
        "processor-agreement-undated", dropping("recipients.webhost.agreement.date"),
        "recipients.webhost.agreement.date", "info", "Webhost Utrecht B.V.", "Webhost Utrecht B.V.",
    ),
    "joint controller without arrangement": Failing(
        "joint-controller-arrangement-missing",
        combined(setting("recipients.webhost.role", "joint_controller"), dropping("recipients.webhost.agreement")),
        "recipients.webhost.agreement", "error", "Webhost Utrecht B.V.", "Webhost Utrecht B.V.",
    ),
    "US recipient with mechanism none": Failing(
        SAFEGUARD, setting("recipients.mailer.transfer.mechanism", "none"),
        "recipients.mailer.transfer", "error", "Mailer Inc.’ (Verenigde Staten)", "Mailer Inc.’ (United States)",
    ),
    "US recipient without transfer": Failing(
        SAFEGUARD, dropping("recipients.mailer.transfer"), "recipients.mailer.transfer", "error",
        "geen doorgiftegrond", "no transfer safeguard",
    ),
    "US adequacy claimed without DPF": Failing(
        SAFEGUARD, setting("recipients.mailer.transfer.mechanism", "adequacy"), "recipients.mailer.transfer",
        "error", "Data Privacy Framework", "Data Privacy Framework",
    ),
    "adequacy claimed for India": Failing(
        SAFEGUARD,
        mailer_in("IN", "adequacy"),
        "recipients.mailer.transfer", "error", "geen adequaatheidsbesluit voor India", "no adequacy decision for India",
    ),
    "DPF claimed outside the US": Failing(
        SAFEGUARD, setting("recipients.mailer.country", "IN"), "recipients.mailer.transfer", "error",
        "alleen voor organisaties in de Verenigde Staten", "only covers organisations in the United States",
    ),
    "system in the US run by an EU host": Failing(
        SAFEGUARD, setting("systems.crm.country", "US"), "systems.crm.country", "error",
        "Ledenbestand", "Membership file",
    ),
    "Privacy Shield": Failing(
        "transfer-privacy-shield", setting("recipients.mailer.transfer.mechanism", "privacy_shield"),
        "recipients.mailer.transfer.mechanism", "error", "Mailer Inc.", "Mailer Inc.",
    ),
    "old clauses of 2010": Failing(
        "transfer-scc-2010", setting("recipients.mailer.transfer.mechanism", "scc_2010"),
        "recipients.mailer.transfer.mechanism", "error", "Mailer Inc.", "Mailer Inc.",
    ),
    "clauses without a copy": Failing(
        "transfer-copy-missing", setting("recipients.mailer.transfer.mechanism", "scc_2021"),
        "recipients.mailer.transfer.copy_available_at", "warning", "Mailer Inc.", "Mailer Inc.",
    ),
    "no retention": Failing(
        "retention-missing", dropping(f"{MEMBERSHIP}.retention"), f"{MEMBERSHIP}.retention", "error",
        "Ledenadministratie", "Membership administration",
    ),
    "retention 'as long as necessary'": Failing(
        "retention-unbounded", setting(f"{MEMBERSHIP}.retention", {"criterion": "zolang als nodig"}),
        f"{MEMBERSHIP}.retention", "error", "‘zolang als nodig’", "Membership administration",
    ),
    "retention eleven years": Failing(
        "retention-exceeds-fiscal", setting(f"{MEMBERSHIP}.retention", "11 years from membership_ended"),
        f"{MEMBERSHIP}.retention", "warning", "11 jaar", "11 years",
    ),
    "analytics cookie without consent": Failing(
        "cookie-consent-missing", appending("cookies", GA_COOKIE), "cookies[1].consent", "error", "_ga", "_ga",
    ),
    "analytics half privacy-friendly in NL": Failing(
        "cookie-consent-missing",
        appending("cookies", {**GA_COOKIE, "analytics_settings": {**PRIVACY_FRIENDLY, "ip_masked": False}}),
        "cookies[1].consent", "error", "analytische cookie ‘_ga’", "analytics cookie ‘_ga’",
    ),
    "privacy-friendly analytics in Belgium": Failing(
        "cookie-consent-missing",
        combined(
            setting("controller.country", "BE"),
            appending("cookies", {**GA_COOKIE, "analytics_settings": PRIVACY_FRIENDLY}),
        ),
        "cookies[1].consent", "error", "_ga", "_ga",
    ),
    "cookie without a recorded lifetime": Failing(
        "cookie-lifetime-missing", dropping("cookies.0.lifetime"), "cookies[0].lifetime", "warning",
        "‘session’", "‘session’",
    ),
    "advertising cookie without consent": Failing(
        "cookie-consent-missing",
        appending("cookies", {**GA_COOKIE, "name": "IDE", "purpose": "advertising"}),
        "cookies[1].consent", "error", "advertentiecookie ‘IDE’", "advertising cookie ‘IDE’",
    ),
    "social media cookie of a recipient": Failing(
        "cookie-consent-missing",
        appending("cookies", {**GA_COOKIE, "name": "fr", "provider": "mailer", "purpose": "social_media"}),
        "cookies[1].consent", "error", "social-mediacookie ‘fr’ van ‘Mailer Inc.’", "cookie ‘fr’ from ‘Mailer Inc.’",
    ),
    "newsletter without opt-in": Failing(
        "marketing-email-opt-in", setting(f"{NEWSLETTER}.direct_marketing.basis", "none"),
        f"{NEWSLETTER}.direct_marketing", "error", "Nieuwsbrief", "Newsletter",
    ),
    "existing customers without opt-out in every message": Failing(
        "marketing-email-opt-in",
        combined(
            setting(f"{NEWSLETTER}.direct_marketing.basis", "existing_customer"),
            setting(f"{NEWSLETTER}.direct_marketing.opt_out_in_every_message", False),
        ),
        f"{NEWSLETTER}.direct_marketing", "error", "afmeldmogelijkheid", "opt out",
    ),
    "automated decision on legitimate interests": Failing(
        "automated-decision-not-permitted",
        combined(
            setting(f"{MEMBERSHIP}.automated_decision", EXPLAINED),
            setting(f"{MEMBERSHIP}.legal_basis", "legitimate_interests"),
            setting(f"{MEMBERSHIP}.legitimate_interest", "Snelle toelating"),
        ),
        f"{MEMBERSHIP}.automated_decision", "error", "Ledenadministratie", "Membership administration",
    ),
    "automated decision without logic": Failing(
        "automated-decision-unexplained", setting(f"{MEMBERSHIP}.automated_decision", DECISION),
        f"{MEMBERSHIP}.automated_decision", "warning", "de onderliggende logica", "the logic involved",
    ),
    "purpose 'administratieve doeleinden'": Failing(
        "purpose-vague",
        setting(f"{MEMBERSHIP}.purposes", [{"nl": "Administratieve doeleinden.", "en": "Administrative purposes"}]),
        f"{MEMBERSHIP}.purposes", "info", "Ledenadministratie", "Membership administration",
    ),
    "contract without provision requirement": Failing(
        "provision-requirement-missing", dropping(f"{MEMBERSHIP}.provision"), f"{MEMBERSHIP}.provision", "info",
        "Ledenadministratie", "Membership administration",
    ),
    "data from a third party, source unnamed": Failing(
        "third-party-source-undescribed", setting(f"{MEMBERSHIP}.source", {"kind": "third_party"}),
        f"{MEMBERSHIP}.source.description", "warning", "Ledenadministratie", "Membership administration",
    ),
    "no word on announcing changes": Failing(
        "statement-change-notice-missing", dropping("statement.notify_changes"), "statement.notify_changes",
        "info", "versie 2.0", "version 2.0",
    ),
    "controller without e-mail or phone": Failing(
        "contact-missing", combined(dropping("controller.email"), dropping("controller.phone")),
        "controller.email", "error", "Vereniging De Waag", "Vereniging De Waag",
    ),
    "DPO without any contact": Failing(
        "dpo-contact-incomplete", setting("controller.dpo", {"name": "J. de Vries"}), "controller.dpo",
        "warning", "J. de Vries", "J. de Vries",
    ),
    "controller in Germany": Failing(
        "supervisory-authority-unknown", setting("controller.country", "DE"), "controller.country", "info",
        "Duitsland", "Germany",
    ),
    "six weeks to answer": Failing(
        "response-time-exceeds-month", setting("rights.response_time", "6 weeks"), "rights.response_time",
        "error", "6 weken", "6 weeks",
    ),
    "system lists a category no activity uses": Failing(
        "category-unused", appending("systems.crm.data_categories", "user.demographic.date_of_birth"),
        "systems.crm.data_categories[2]", "warning", "geboortedatum", "date of birth",
    ),
    "recipient lists a category no activity uses": Failing(
        "category-unused", setting("recipients.mailer.data_categories", ["user.contact.phone_number"]),
        "recipients.mailer.data_categories[0]", "warning", "telefoonnummer", "phone number",
    ),
    "custom category no activity uses": Failing(
        "category-unused", lambda data: data.setdefault("data_categories", {}).update({"user.shoe_size": SHOE_SIZE}),
        "data_categories.user.shoe_size", "warning", "schoenmaat", "shoe size",
    ),
    "activity without system": Failing(
        "activity-without-system", dropping(f"{MEMBERSHIP}.systems"), f"{MEMBERSHIP}.systems", "warning",
        "Ledenadministratie", "Membership administration",
    ),
    "recipient linked to nothing": Failing(
        "recipient-unused", setting("recipients.accountant", ACCOUNTANT), "recipients.accountant", "warning",
        "Boekhouder Jansen", "Boekhouder Jansen",
    ),
    "Dutch-only purpose in a bilingual register": Failing(
        "translation-missing", setting(f"{MEMBERSHIP}.purposes", ["Het innen van de contributie"]),
        f"{MEMBERSHIP}.purposes[0]", "info", "Het innen van de contributie", "no English translation",
    ),
    # Names reach the statement too ("Andere leden van het netwerk" in an English statement).
    "Dutch-only recipient name in a bilingual register": Failing(
        "translation-missing", setting("recipients.mailer.name", "Andere leden van het netwerk"),
        "recipients.mailer.name", "info", "Andere leden van het netwerk", "no English translation",
    ),
    "Dutch-only system name in a bilingual register": Failing(
        "translation-missing", setting("systems.crm.name", "Ledenbestand"),
        "systems.crm.name", "info", "Ledenbestand", "no English translation",
    ),
    "Dutch-only cookie name in a bilingual register": Failing(
        "translation-missing", setting("cookies.0.name", "Functionele cookies"),
        "cookies[0].name", "info", "Functionele cookies", "no English translation",
    ),
}

PASSING: dict[str, tuple[str, Mutation]] = {
    "basis recorded": ("legal-basis-missing", setting(f"{MEMBERSHIP}.legal_basis", "legal_obligation")),
    "legitimate interest stated": (
        "legitimate-interest-unstated",
        combined(
            setting(f"{MEMBERSHIP}.legal_basis", "legitimate_interests"),
            setting(f"{MEMBERSHIP}.legitimate_interest", "Contact houden met oud-leden"),
        ),
    ),
    "no consent needed on another basis": (
        "consent-withdrawal-missing",
        combined(
            setting(f"{NEWSLETTER}.legal_basis", "legitimate_interests"),
            setting(f"{NEWSLETTER}.legitimate_interest", "Leden informeren"),
            dropping(f"{NEWSLETTER}.consent"),
        ),
    ),
    "employees under their contract": ("consent-for-employees", setting(f"{MEMBERSHIP}.subject_groups", ["employee"])),
    "parents consent below 16 in NL": (
        "child-consent-parental",
        combined(setting(f"{NEWSLETTER}.children", True), setting(f"{NEWSLETTER}.consent.parental_consent_below", 16)),
    ),
    "parents consent below 13 in BE": (
        "child-consent-parental",
        combined(
            setting("controller.country", "BE"),
            setting(f"{NEWSLETTER}.children", True),
            setting(f"{NEWSLETTER}.consent.parental_consent_below", 13),
        ),
    ),
    "children's data on a contract": ("child-consent-parental", setting(f"{MEMBERSHIP}.children", True)),
    "sub-category covered by its parent's condition": (
        "special-category-condition-missing",
        combined(
            appending(f"{MEMBERSHIP}.data_categories", "user.health_and_medical.genetic"),
            setting(
                f"{MEMBERSHIP}.special_categories",
                [{"category": "user.health_and_medical", "condition": "explicit_consent"}],
            ),
        ),
    ),
    "BSN under a legal obligation": (
        "national-id-without-legal-basis",
        combined(
            appending(f"{MEMBERSHIP}.data_categories", "user.government_id.national_identification_number"),
            setting(f"{MEMBERSHIP}.legal_basis", "legal_obligation"),
        ),
    ),
    "an ID copy is not criminal data": (
        "criminal-data",
        appending(f"{MEMBERSHIP}.data_categories", "user.government_id.id_copy"),
    ),
    "another controller needs no processor agreement": (
        "processor-agreement-missing",
        combined(setting("recipients.webhost.role", "controller"), dropping("recipients.webhost.agreement")),
    ),
    "an unsigned agreement is not reported as undated": (
        "processor-agreement-undated",
        combined(setting("recipients.webhost.agreement.signed", False), dropping("recipients.webhost.agreement.date")),
    ),
    "joint controllers with an arrangement": (
        "joint-controller-arrangement-missing",
        setting("recipients.webhost.role", "joint_controller"),
    ),
    "adequacy for Switzerland": (
        SAFEGUARD,
        mailer_in("CH", "adequacy"),
    ),
    "clauses for India": (
        SAFEGUARD,
        combined(
            setting("recipients.mailer.country", "IN"),
            setting("recipients.mailer.transfer", {"mechanism": "scc_2021", "copy_available_at": "https://x.nl/scc"}),
        ),
    ),
    "EEA recipient needs no transfer": (SAFEGUARD, setting("recipients.webhost.country", "DE")),
    "US system run by a DPF-certified host": (
        SAFEGUARD,
        combined(setting("systems.crm.country", "US"), setting("systems.crm.operated_by", "mailer")),
    ),
    "DPF instead of Privacy Shield": ("transfer-privacy-shield", mailer_in("US", "dpf")),
    "the 2021 clauses": ("transfer-scc-2010", setting("recipients.mailer.transfer.mechanism", "scc_2021")),
    "clauses with a copy": (
        "transfer-copy-missing",
        setting("recipients.mailer.transfer", {"mechanism": "scc_2021", "copy_available_at": "https://x.nl/scc"}),
    ),
    "clauses inside the EEA need no copy": (
        "transfer-copy-missing",
        mailer_in("IE", "scc_2021"),
    ),
    "retention until an event": ("retention-missing", setting(f"{MEMBERSHIP}.retention", "until membership_ended")),
    "criterion with a period": (
        "retention-unbounded",
        setting(f"{MEMBERSHIP}.retention", {"period": "2 years", "from": "last_contact", "criterion": "zolang nodig"}),
    ),
    "retention of exactly ten years": (
        "retention-exceeds-fiscal",
        setting(f"{MEMBERSHIP}.retention", "10 years from membership_ended"),
    ),
    "privacy-friendly analytics in NL": (
        "cookie-consent-missing",
        appending("cookies", {**GA_COOKIE, "analytics_settings": PRIVACY_FRIENDLY}),
    ),
    "cookie with a session lifetime": ("cookie-lifetime-missing", setting("cookies.0.lifetime", "session")),
    "advertising cookie with consent": (
        "cookie-consent-missing",
        appending("cookies", {**GA_COOKIE, "purpose": "advertising", "consent": True}),
    ),
    "existing customers with opt-out in every message": (
        "marketing-email-opt-in",
        setting(f"{NEWSLETTER}.direct_marketing.basis", "existing_customer"),
    ),
    "post needs no opt-in": (
        "marketing-email-opt-in",
        combined(
            setting(f"{NEWSLETTER}.direct_marketing.channel", "post"),
            setting(f"{NEWSLETTER}.direct_marketing.basis", "none"),
        ),
    ),
    "automated decision needed for the contract": (
        "automated-decision-not-permitted",
        setting(f"{MEMBERSHIP}.automated_decision", EXPLAINED),
    ),
    "automated decision explained": (
        "automated-decision-unexplained",
        setting(f"{MEMBERSHIP}.automated_decision", EXPLAINED),
    ),
    "a vague purpose next to a concrete one": (
        "purpose-vague",
        appending(f"{MEMBERSHIP}.purposes", {"nl": "Bedrijfsvoering", "en": "Business purposes"}),
    ),
    "data from elsewhere need no provision requirement": (
        "provision-requirement-missing",
        combined(
            dropping(f"{MEMBERSHIP}.provision"),
            setting(f"{MEMBERSHIP}.source", {"kind": "third_party", "description": "Uw werkgever"}),
        ),
    ),
    "public source described": (
        "third-party-source-undescribed",
        setting(f"{MEMBERSHIP}.source", {"kind": "public", "description": "Het handelsregister"}),
    ),
    "change notice given": ("statement-change-notice-missing", setting("statement.notify_changes", "Via de website")),
    "phone only": ("contact-missing", dropping("controller.email")),
    "DPO with e-mail": (
        "dpo-contact-incomplete",
        setting("controller.dpo", {"name": "J. de Vries", "email": "fg@dewaag.nl"}),
    ),
    "controller in Belgium": ("supervisory-authority-unknown", setting("controller.country", "BE")),
    "four weeks to answer": ("response-time-exceeds-month", setting("rights.response_time", "4 weeks")),
    "thirty-one days to answer": ("response-time-exceeds-month", setting("rights.response_time", "31 days")),
    "system lists a parent of a used category": (
        "category-unused",
        appending("systems.crm.data_categories", "user.financial"),
    ),
    "custom category in use": (
        "category-unused",
        combined(
            lambda data: data.setdefault("data_categories", {}).update({"user.shoe_size": SHOE_SIZE}),
            appending(f"{MEMBERSHIP}.data_categories", "user.shoe_size"),
        ),
    ),
    "every activity has a system": ("activity-without-system", setting(f"{NEWSLETTER}.systems", ["crm"])),
    "recipient linked to an activity": (
        "recipient-unused",
        combined(setting("recipients.accountant", ACCOUNTANT), appending(f"{MEMBERSHIP}.recipients", "accountant")),
    ),
    "Dutch-only register": (
        "translation-missing",
        combined(monolingual, setting(f"{MEMBERSHIP}.purposes", ["Het innen van de contributie"])),
    ),
}


@pytest.mark.parametrize("case", FAILING.values(), ids=FAILING.keys())
def test_rule_reports_the_broken_register(case: Failing) -> None:
    findings = [f for f in run_checks(build(case.mutation)) if f.rule == case.rule]
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding.path, finding.severity) == (case.path, case.severity)
    assert case.named_nl in finding.message("nl")
    assert case.named_en in finding.message("en")


@pytest.mark.parametrize(("rule", "mutation"), PASSING.values(), ids=PASSING.keys())
def test_rule_accepts_the_near_miss(rule: str, mutation: Mutation) -> None:
    assert [f for f in run_checks(build(mutation)) if f.rule == rule] == []
