"""The shape of findings, their order, and the rule catalogue the docs are generated from."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from register_mutations import appending, build, combined, dropping, setting
from test_rule_cases import FAILING, PASSING

from waarborg.rules import Finding, catalogue, catalogue_markdown, engine, run_checks
from waarborg.rules.rule import Check

# Ids other parts of Waarborg (and their tests) rely on, with their fixed severity.
FIXED_RULES = {
    "legal-basis-missing": "error",
    "legitimate-interest-unstated": "error",
    "consent-withdrawal-missing": "error",
    "processor-agreement-missing": "error",
    "transfer-safeguard-missing": "error",
    "transfer-privacy-shield": "error",
    "retention-missing": "error",
    "retention-unbounded": "error",
    "special-category-condition-missing": "error",
    "child-consent-parental": "error",
    "cookie-consent-missing": "error",
    "marketing-email-opt-in": "error",
    "category-unused": "warning",
    "activity-without-system": "warning",
}

SEVERAL_PROBLEMS = combined(
    dropping("activities.membership.retention"),  # error
    setting("recipients.mailer.transfer.mechanism", "privacy_shield"),  # error
    dropping("activities.newsletter.systems"),  # warning
    appending("systems.crm.data_categories", "user.demographic.date_of_birth"),  # warning
    dropping("statement.notify_changes"),  # info
    dropping("controller.email"),  # nothing: the phone number suffices
)


def test_clean_base_register_yields_no_findings() -> None:
    assert run_checks(build()) == []


def test_finding_as_json_has_exactly_five_keys_in_the_chosen_language() -> None:
    finding = run_checks(build(dropping("activities.membership.legal_basis")))[0]
    dutch, english = finding.as_json("nl"), finding.as_json("en")
    assert set(dutch) == {"rule", "severity", "article", "message", "path"}
    assert dutch == {
        "rule": "legal-basis-missing",
        "severity": "error",
        "article": finding.article,
        "message": finding.message_nl,
        "path": "activities.membership.legal_basis",
    }
    assert english["message"] == finding.message_en != finding.message_nl
    assert "Art. 6(1)" in finding.article


def test_findings_come_errors_first_then_by_path() -> None:
    findings = run_checks(build(SEVERAL_PROBLEMS))
    assert [(f.severity, f.path) for f in findings] == [
        ("error", "activities.membership.retention"),
        ("error", "recipients.mailer.transfer.mechanism"),
        ("warning", "activities.newsletter.systems"),
        ("warning", "systems.crm.data_categories[2]"),
        ("info", "statement.notify_changes"),
    ]


def test_run_checks_does_not_change_the_register() -> None:
    register = build(SEVERAL_PROBLEMS)
    before = register.model_dump()
    first = run_checks(register)
    assert register.model_dump() == before
    assert run_checks(register) == first


def test_each_finding_carries_its_rules_severity_and_article() -> None:
    rules = {rule.id: rule for rule in catalogue()}
    for finding in run_checks(build(SEVERAL_PROBLEMS)):
        assert (finding.severity, finding.article) == (rules[finding.rule].severity, rules[finding.rule].article)


def test_catalogue_has_at_least_25_rules_with_unique_kebab_case_ids() -> None:
    ids = [rule.id for rule in catalogue()]
    assert len(ids) >= 25
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule_id) for rule_id in ids)


@pytest.mark.parametrize(("rule_id", "severity"), FIXED_RULES.items())
def test_fixed_rule_ids_keep_their_severity(rule_id: str, severity: str) -> None:
    assert {rule.id: rule.severity for rule in catalogue()}[rule_id] == severity


def test_every_rule_is_described_in_both_languages_with_an_article() -> None:
    for rule in catalogue():
        assert rule.severity in ("error", "warning", "info")
        assert re.search(r"\d", rule.article), rule.id
        assert min(len(rule.title_nl), len(rule.title_en)) >= 5, rule.id
        assert min(len(rule.description_nl), len(rule.description_en)) >= 60, rule.id
        assert rule.description_nl != rule.description_en


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    ids = {rule.id for rule in catalogue()}
    assert {case.rule for case in FAILING.values()} == ids
    assert {rule_id for rule_id, _ in PASSING.values()} == ids


def test_every_check_in_a_theme_module_is_registered() -> None:
    for theme in engine.THEMES:
        defined = {value for value in vars(theme).values() if isinstance(value, Check)}
        assert defined == set(theme.CHECKS), theme.__name__


def test_catalogue_markdown_lists_every_rule_with_its_titles_and_article() -> None:
    markdown = catalogue_markdown()
    for rule in catalogue():
        assert f"## {rule.id}\n" in markdown
        for part in (rule.article, rule.title_nl, rule.title_en, rule.description_nl, rule.description_en):
            assert part in markdown
    assert markdown.startswith("# ") and markdown.endswith("\n")


def test_finding_message_picks_the_language() -> None:
    finding = Finding("x-y", "info", "Art. 1", "a.b", "Nederlands", "English")
    assert (finding.message("nl"), finding.message("en")) == ("Nederlands", "English")


def test_long_retention_criterion_is_cut_short_in_the_message() -> None:
    criterion = "Zolang als nodig voor de doelen van de vereniging, " * 4
    register = build(setting("activities.membership.retention", {"criterion": criterion}))
    [finding] = [f for f in run_checks(register) if f.rule == "retention-unbounded"]
    assert "Zolang als nodig voor de doelen" in finding.message_nl
    assert "…’" in finding.message_nl
    assert len(finding.message_nl) < len(criterion)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(FAILING)), min_size=1, max_size=5, unique=True))
def test_any_mix_of_problems_is_reported_sorted_and_consistent(case_names: list[str]) -> None:
    cases = [FAILING[name] for name in case_names]
    try:
        register = build(*(case.mutation for case in cases))
    except (KeyError, ValidationError, AssertionError):
        assume(False)  # two changes to the same field can make a register that does not load
        raise
    findings = run_checks(register)
    assert findings == sorted(findings, key=Finding.sort_key)
    assert run_checks(register) == findings
    rules = {rule.id: rule for rule in catalogue()}
    assert all(f.severity == rules[f.rule].severity and f.message_nl and f.message_en for f in findings)
    # At least one of the problems introduced is always found, whatever the others changed.
    assert {case.rule for case in cases} & {f.rule for f in findings}
