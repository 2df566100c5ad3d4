"""The five seed organisations load as registers and say what their statements say."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from waarborg.register import Register, dump_register, load_register, parse_register, taxonomy
from waarborg.register.retention import Period

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_REGISTERS = ("kvgo", "ksf", "vck", "kwalipro", "infogroen")
BSN = "user.government_id.national_identification_number"


@cache
def example(name: str) -> Register:
    return load_register(EXAMPLES / f"{name}.yaml")


def retention_of(name: str, activity: str) -> tuple[Period | None, str | None]:
    rule = example(name).activities[activity].retention
    assert rule is not None, f"{name}.{activity} has no retention"
    return rule.period, rule.from_event


@pytest.mark.parametrize("name", SEED_REGISTERS)
def test_seed_register_loads_without_problems(name: str) -> None:
    register = example(name)
    assert register.reference_problems() == []
    assert register.language == "nl"


@pytest.mark.parametrize("name", SEED_REGISTERS)
def test_seed_register_starts_with_a_comment_naming_its_source_statement(name: str) -> None:
    head = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[:6]
    assert head[0].startswith("# Register of processing")
    assert any("shared/seeds/0" in line for line in head)


@pytest.mark.parametrize("name", SEED_REGISTERS)
def test_seed_register_names_and_purposes_are_in_dutch_and_english(name: str) -> None:
    for key, activity in example(name).activities.items():
        texts = [activity.name, *activity.purposes]
        assert all(t.nl and t.en for t in texts), f"{name}.{key} lacks a Dutch or English text"


@pytest.mark.parametrize("name", SEED_REGISTERS)
def test_seed_register_survives_a_dump_and_reload(name: str) -> None:
    register = example(name)
    assert parse_register(dump_register(register), name=f"{name}-dumped") == register


RETENTION_FACTS = [
    ("ksf", "online_proctoring", Period(value=6, unit="months"), "recorded"),
    ("ksf", "events", Period(value=7, unit="years"), "event_held"),
    ("ksf", "newsletter", Period(value=0, unit="days"), "unsubscribed"),
    ("ksf", "membership", Period(value=0, unit="days"), "membership_ended"),
    ("kvgo", "financial_administration", Period(value=7, unit="years"), "financial_year_ended"),
    ("vck", "award", Period(value=5, unit="years"), "recorded"),
    ("kwalipro", "coaching", Period(value=3, unit="years"), "coaching_ended"),
    ("kwalipro", "personality_scans", Period(value=3, unit="years"), "coaching_ended"),
    ("kwalipro", "training", Period(value=3, unit="years"), "training_ended"),
    ("kwalipro", "interim_management", Period(value=7, unit="years"), "contract_ended"),
    ("kwalipro", "administration", Period(value=7, unit="years"), "contract_ended"),
    ("kwalipro", "contact_form", Period(value=1, unit="years"), "recorded"),
    ("kwalipro", "website_analytics", Period(value=50, unit="months"), "recorded"),
    ("kwalipro", "newsletter", Period(value=0, unit="days"), "unsubscribed"),
]


@pytest.mark.parametrize(("name", "activity", "period", "event"), RETENTION_FACTS)
def test_retention_period_matches_the_statement(name: str, activity: str, period: Period, event: str) -> None:
    assert retention_of(name, activity) == (period, event)


UNBOUNDED_RETENTION = [
    ("kvgo", "membership"),
    ("kvgo", "orders"),
    ("kvgo", "website_analytics"),
    ("ksf", "do_not_contact"),
    ("vck", "network_relations"),
    ("vck", "erasure_log"),
    ("infogroen", "crm"),
    ("infogroen", "support"),
    ("infogroen", "newsletter"),
]


@pytest.mark.parametrize(("name", "activity"), UNBOUNDED_RETENTION)
def test_retention_without_an_end_stays_a_bare_criterion(name: str, activity: str) -> None:
    rule = example(name).activities[activity].retention
    assert rule is not None and rule.criterion is not None
    assert not rule.is_bounded


def _recipient(name: str, key: str) -> Any:
    return example(name).recipients[key]


FACTS: list[tuple[str, str, Callable[[Register], Any], Any]] = [
    # controllers
    ("kvgo", "address", lambda r: r.controller.address.one_line(), "Boeing Avenue 209, 1119 PD Schiphol-Rijk"),
    ("kvgo", "websites", lambda r: len(r.statement.websites), 5),
    ("kvgo", "answers within four weeks", lambda r: r.rights.response_time, Period(value=4, unit="weeks")),
    ("ksf", "phone", lambda r: r.controller.phone, "070-7620764"),
    ("ksf", "identity check before a request", lambda r: r.rights.identity_check is not None, True),
    ("vck", "country", lambda r: r.controller.country, "BE"),
    ("vck", "authority", lambda r: r.authority()["name_nl"], "Gegevensbeschermingsautoriteit"),
    ("vck", "child-consent age", lambda r: r.child_consent_age(), 13),
    ("vck", "statement date", lambda r: r.statement.published_on.isoformat(), "2018-05-30"),
    ("vck", "changes mailed to the network", lambda r: "e-mail" in r.statement.notify_changes.get("nl"), True),
    ("kwalipro", "KvK number", lambda r: r.controller.registration.number, "61673811"),
    ("kwalipro", "statement version", lambda r: r.statement.version, "7.0"),
    ("kwalipro", "statement date", lambda r: r.statement.published_on.isoformat(), "2019-01-29"),
    ("kwalipro", "changes notified", lambda r: r.statement.notify_changes is not None, True),
    ("infogroen", "legal name", lambda r: r.controller.legal_name, "Infogroen Software B.V."),
    ("infogroen", "no address in the statement", lambda r: r.controller.address, None),
    # transfers and processors
    ("kvgo", "Mailchimp in the US", lambda r: r.recipients["mailchimp"].country, "US"),
    ("kvgo", "Mailchimp on Privacy Shield", lambda r: r.recipients["mailchimp"].transfer.mechanism, "privacy_shield"),
    ("kvgo", "ICT suppliers without agreement", lambda r: r.recipients["ict_suppliers"].agreement.signed, False),
    ("kwalipro", "Google in the US", lambda r: r.recipients["google"].country, "US"),
    ("kwalipro", "Google on Privacy Shield", lambda r: r.recipients["google"].transfer.mechanism, "privacy_shield"),
    ("kwalipro", "HeyJij is a processor", lambda r: r.recipients["heyjij"].role, "processor"),
    ("ksf", "no recipient outside the EEA", lambda r: {x.country for x in r.recipients.values()} <= {"NL", "IE"}, True),
    (
        "ksf",
        "every processor has an agreement",
        lambda r: all(x.agreement and x.agreement.signed for x in r.recipients.values() if x.role == "processor"),
        True,
    ),
    ("vck", "project partners without agreement", lambda r: r.recipients["project_partners"].agreement.signed, False),
    ("vck", "Efficy is the CRM", lambda r: r.systems["efficy"].name.get("nl"), "Efficy"),
    ("vck", "Flexmail sends the mailings", lambda r: r.activities["mailings"].systems[0], "flexmail"),
    ("infogroen", "Vision is a system", lambda r: r.systems["vision"].name.get("nl"), "Vision"),
    # processor role (Art. 30(2))
    ("kvgo", "processor for members' orders", lambda r: list(r.processor_activities), ["customer_orders"]),
    ("infogroen", "processor for Vision support", lambda r: list(r.processor_activities), ["vision_support"]),
    (
        "infogroen",
        "sees national ID numbers as processor",
        lambda r: BSN in r.processor_activities["vision_support"].data_categories,
        True,
    ),
    # bases, consent, children, marketing
    ("ksf", "proctoring on consent", lambda r: r.activities["online_proctoring"].legal_basis, "consent"),
    (
        "ksf",
        "proctoring records video and sound",
        lambda r: "user.content.recording" in r.activities["online_proctoring"].data_categories,
        True,
    ),
    ("ksf", "event photos on consent", lambda r: r.activities["event_photos"].legal_basis, "consent"),
    (
        "ksf",
        "non-member interest stated",
        lambda r: "branchevereniging" in r.activities["non_member_relations"].legitimate_interest.get("nl"),
        True,
    ),
    ("ksf", "marketing cookies without a basis", lambda r: r.activities["marketing_cookies"].legal_basis, None),
    ("kwalipro", "parental consent below 16", lambda r: r.activities["newsletter"].consent.parental_consent_below, 16),
    (
        "kwalipro",
        "unsubscribe in every newsletter",
        lambda r: r.activities["newsletter"].direct_marketing.opt_out_in_every_message,
        True,
    ),
    (
        "infogroen",
        "existing-customer mailings",
        lambda r: r.activities["customer_mailings"].direct_marketing.basis,
        "existing_customer",
    ),
    ("infogroen", "no automated decisions", lambda r: any(a.automated_decision for a in r.activities.values()), False),
    ("vck", "mailings without opt-in", lambda r: r.activities["mailings"].direct_marketing.basis, "none"),
    ("vck", "no children", lambda r: any(a.children for a in r.activities.values()), False),
    (
        "kvgo",
        "special categories without a condition",
        lambda r: r.activities["member_services"].special_categories[0].condition,
        None,
    ),
    (
        "kvgo",
        "fiscal data kept after erasure",
        lambda r: r.activities["financial_administration"].keeps_after_erasure,
        "legal_obligation",
    ),
]


@pytest.mark.parametrize(("name", "fact", "read", "expected"), FACTS, ids=[f"{n}-{f}" for n, f, _, _ in FACTS])
def test_register_records_the_statement_fact(
    name: str, fact: str, read: Callable[[Register], Any], expected: Any
) -> None:
    assert read(example(name)) == expected


COOKIE_FACTS = [
    # (register, cookie name, purpose, consent asked, privacy-friendly analytics)
    ("kvgo", "Google Analytics", "analytics", False, False),
    ("kvgo", "DoubleClick", "advertising", False, False),
    ("kvgo", "OpenX", "advertising", False, False),
    ("ksf", "Google Analytics", "analytics", False, True),
    ("ksf", "Marketingcookies", "advertising", False, False),
    ("kwalipro", "Google Analytics", "analytics", False, False),
    ("kwalipro", "Trackingcookies", "advertising", True, False),
    ("infogroen", "Analytische cookies", "analytics", False, False),
    ("vck", "Webanalysecookies", "analytics", False, False),
]


@pytest.mark.parametrize(("name", "cookie", "purpose", "consent", "friendly"), COOKIE_FACTS)
def test_cookie_matches_the_statement(name: str, cookie: str, purpose: str, consent: bool, friendly: bool) -> None:
    found = {c.name.get("nl"): c for c in example(name).cookies}[cookie]
    assert (found.purpose, found.consent) == (purpose, consent)
    settings = found.analytics_settings
    assert (settings is not None and settings.privacy_friendly) is friendly


# --- docs/register-format.md stays true to the code ----------------------------------------

FORMAT_REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "register-format.md"


def test_annotated_example_in_the_format_reference_is_a_valid_register() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", FORMAT_REFERENCE.read_text(encoding="utf-8"), re.S)
    register = parse_register(blocks[-1], name="docs/register-format.md")
    assert (
        register.activities["online_proctoring"].retention == example("ksf").activities["online_proctoring"].retention
    )


@pytest.mark.parametrize("vocabulary", [taxonomy.subject_groups, taxonomy.retention_events])
def test_format_reference_lists_every_built_in_group_and_event(vocabulary: Callable[[], dict[str, Any]]) -> None:
    listed = set(re.findall(r"`([a-z_]+)`", FORMAT_REFERENCE.read_text(encoding="utf-8")))
    assert sorted(set(vocabulary()) - listed) == []
