"""docs/breaches.md documents every question of the form and shows the decision aid's real results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from waarborg.breaches.assess import assess
from waarborg.breaches.belgium import GBA_FORM
from waarborg.breaches.incident import Incident
from waarborg.breaches.questions import FORM

DOC = (Path(__file__).resolve().parents[2] / "docs" / "breaches.md").read_text(encoding="utf-8")

EXAMPLES: dict[str, dict[str, Any]] = {
    "one e-mail with contact data to a wrong recipient": {
        "what": {"nature": ["read"], "incident_kind": "misdirected"},
        "data": {"kinds": ["name_address", "email"]}, "people": {"maximum": 1}},
    "log-in names of 40 users read by a wrong recipient": {
        "what": {"nature": ["read"], "incident_kind": "misdirected"},
        "data": {"kinds": ["name_address", "access"]}, "people": {"maximum": 40}},
    "stolen unencrypted laptop, BSN and bank data of 200 staff, fraud possible": {
        "what": {"nature": ["stolen"], "incident_kind": "device_lost"},
        "data": {"kinds": ["name_address", "bsn", "financial"]}, "people": {"maximum": 200},
        "protection": {"unintelligible": "no"}, "consequences": {"harms": ["identity_fraud"]}},
    "the same laptop, full-disk encrypted, key safe": {
        "what": {"nature": ["stolen"], "incident_kind": "device_lost"},
        "data": {"kinds": ["name_address", "bsn", "financial"]}, "people": {"maximum": 200},
        "protection": {"unintelligible": "yes"}, "consequences": {"harms": ["identity_fraud"]}},
    "ransomware on health files, restored from backup, no exfiltration": {
        "what": {"nature": ["deleted"], "incident_kind": "hacking"}, "data": {"kinds": ["special"]},
        "consequences": {"availability": True, "availability_restored": True}, "people": {"maximum": 300}},
    "ransomware on health files with names, no backup": {
        "what": {"nature": ["deleted"], "incident_kind": "hacking"}, "data": {"kinds": ["name_address", "special"]},
        "consequences": {"availability": True, "harms": ["health"]}, "people": {"maximum": 300}},
}


@pytest.mark.parametrize("path", [q.path for s in FORM for q in s.questions])
def test_every_question_of_the_form_is_documented(path: str) -> None:
    assert f"`{path}`" in DOC


def test_every_gba_heading_is_documented() -> None:
    for heading in GBA_FORM:
        assert f"| {heading.nl} | {heading.en} |" in DOC


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_decision_aid_examples_in_the_docs_are_what_it_computes(name: str) -> None:
    result = assess(Incident.model_validate(EXAMPLES[name]))
    assert f"| {name} | {result.score} | {result.risk} | `{result.proposal}` |" in DOC
