"""Choosing the affected activities or systems fills the answers the register already knows."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from waarborg.breaches.counting import count_people
from waarborg.breaches.incident import Incident
from waarborg.breaches.prefill import (
    UnknownChoice,
    apply_counts,
    apply_prefill,
    kind_of,
    prefill_from_register,
)
from waarborg.datasets.connect import connect
from waarborg.demo.build import DemoWorkspace, build_demo
from waarborg.register import Register, load_register

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build_demo(tmp_path_factory.mktemp("demo"), persons=120, seed=3, as_of=date(2026, 6, 1))


@pytest.fixture(scope="module")
def demo_register(demo: DemoWorkspace) -> Register:
    return load_register(demo.register_path)


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"select count(*) from {table}").fetchone()[0])


def test_payroll_fills_bsn_financial_employees_and_payroll_processor(demo_register: Register) -> None:
    filled = prefill_from_register(demo_register, ["payroll"], [])
    assert {"bsn", "financial", "name_address"} <= set(filled.kinds)
    assert filled.groups == ["employee"]
    assert [party.name for party in filled.parties] == ["Salarisadministratie Midden BV"]
    # The tax authority is a recipient but not a processor: it is not an organisation involved.
    assert all(party.role == "processor" for party in filled.parties)


def test_system_choice_adds_its_hosting_processor(demo_register: Register) -> None:
    filled = prefill_from_register(demo_register, [], ["newsletter"])
    assert [party.name for party in filled.parties] == ["Nieuwsbriefdienst BV"]
    assert filled.tables == [("newsletter", "subscribers")]


def test_special_categories_come_from_the_register() -> None:
    register = Register.model_validate({
        "controller": {"name": "Zorgclub", "email": "info@zorgclub.example"},
        "statement": {"version": "1", "date": "2026-01-01"},
        "activities": {"care": {
            "name": "Begeleiding", "purposes": ["begeleiden"], "subject_groups": ["member"],
            "data_categories": ["user.name", "user.health_and_medical", "user.criminal_history"],
            "special_categories": [{"category": "user.health_and_medical", "condition": "explicit_consent"}],
            "legal_basis": "consent",
        }},
    })
    filled = prefill_from_register(register, ["care"], [])
    assert filled.kinds == ["name_address", "special", "criminal"]
    assert filled.special == ["health", "criminal"]


def test_kind_mapping_of_sensitive_keys(demo_register: Register) -> None:
    assert kind_of(demo_register, "user.government_id.national_identification_number") == "bsn"
    assert kind_of(demo_register, "user.government_id.id_copy") == "id_copy"
    assert kind_of(demo_register, "user.health_and_medical") == "special"
    assert kind_of(demo_register, "user.criminal_history") == "criminal"
    assert kind_of(demo_register, "user.contact.address.city") == "name_address"
    assert kind_of(demo_register, "user.workplace") == "other"


def test_unknown_activity_is_named(demo_register: Register) -> None:
    with pytest.raises(UnknownChoice, match="activity 'salaris' is not in the register"):
        prefill_from_register(demo_register, ["salaris"], [])


def test_prefill_keeps_the_officers_answers(demo_register: Register) -> None:
    incident = Incident.model_validate({"data": {"kinds": ["email"]}})
    filled = apply_prefill(incident, prefill_from_register(demo_register, ["payroll"], []))
    assert filled.data.kinds == ["email"]
    assert filled.people.groups == ["employee"]


def test_people_are_counted_in_the_bound_tables(demo: DemoWorkspace, demo_register: Register) -> None:
    filled = prefill_from_register(demo_register, ["payroll", "newsletter"], [])
    connections = connect(demo_register, demo.env)
    try:
        counted = count_people(connections, filled.tables)
    finally:
        connections.close()
    employees = _count(demo.root / "crm.sqlite", "employees")
    subscribers = _count(demo.root / "newsletter.sqlite", "subscribers")
    assert counted.failures == []
    assert counted.minimum == max(employees, subscribers)
    assert counted.maximum == employees + subscribers
    incident = apply_counts(Incident(), counted.minimum, counted.maximum, counted.records)
    assert incident.people.maximum == employees + subscribers
    assert incident.data.records == counted.records


def test_unreachable_database_is_reported_not_fatal(demo_register: Register) -> None:
    connections = connect(demo_register, {})
    counted = count_people(connections, [("crm", "employees")])
    assert counted.tables == [] and counted.maximum is None
    assert "WAARBORG_CRM_URL" in counted.failures[0]
